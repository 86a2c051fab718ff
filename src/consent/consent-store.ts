/**
 * The one first-party cookie Perch ever writes: the visitor's remembered consent choice.
 * Perch uses no localStorage, sessionStorage or IndexedDB.
 */
import Cookies from 'js-cookie';

/** Name of the consent cookie. */
export const CONSENT_COOKIE = 'perch_consent';
/** How long the choice is remembered. */
export const CONSENT_COOKIE_DAYS = 180;

/** A remembered choice. */
export type StoredChoice = { granted: true; tailoring: boolean } | { granted: false };

/** What the cookie held when read. */
export type StoredRead = { kind: 'none' } | { kind: 'corrupt' } | { kind: 'choice'; choice: StoredChoice };

const VALUE = /^v1\.(denied|content|content\.tailoring)$/;

/** The cookie value for a choice, e.g. `v1.content.tailoring` or `v1.denied`. */
export function encodeChoice(choice: StoredChoice): string {
  if (!choice.granted) return 'v1.denied';
  return choice.tailoring ? 'v1.content.tailoring' : 'v1.content';
}

/** Parses a cookie value; undefined when it is not a known version and shape. */
export function decodeChoice(value: string): StoredChoice | undefined {
  const m = VALUE.exec(value);
  if (m === null) return undefined;
  if (m[1] === 'denied') return { granted: false };
  return { granted: true, tailoring: m[1] === 'content.tailoring' };
}

function attributes(): Parameters<typeof Cookies.set>[2] {
  return { expires: CONSENT_COOKIE_DAYS, path: '/', sameSite: 'Lax', secure: location.protocol === 'https:' };
}

/** Reads the cookie. A corrupted value is removed and reported as `corrupt`. */
export function readChoice(): StoredRead {
  let raw: string | undefined;
  try {
    raw = Cookies.get(CONSENT_COOKIE);
  } catch {
    raw = ''; // an undecodable value is as corrupt as a wrong one
  }
  // js-cookie skips a value it cannot decode (`%E0%A4%A`) as if it were absent: look for the name itself.
  if (raw === undefined && !document.cookie.split(';').some((c) => c.trim().startsWith(`${CONSENT_COOKIE}=`))) return { kind: 'none' };
  const choice = raw === undefined ? undefined : decodeChoice(raw);
  if (choice === undefined) {
    clearChoice();
    return { kind: 'corrupt' };
  }
  return { kind: 'choice', choice };
}

/**
 * Remembers a choice. Does nothing (returns false) in child-directed mode, where
 * Perch writes no cookie at all.
 */
export function writeChoice(choice: StoredChoice, childDirected: boolean): boolean {
  if (childDirected) return false;
  Cookies.set(CONSENT_COOKIE, encodeChoice(choice), attributes());
  return true;
}

/** Deletes the cookie (deleting stores nothing, so this also runs in child-directed mode). */
export function clearChoice(): void {
  Cookies.remove(CONSENT_COOKIE, { path: '/' });
}
