/** Test helpers: fixture payloads, the real embed server's URL, and page-level watchers. */
import { executeServerCommand } from '@web/test-runner-commands';
import { normalizeSyndication } from '../../../server/normalize/normalize-syndication.js';
import type { PostResult } from '../../../src/data/model.js';

/** The id the recorded tombstone (which carries none) is served under. */
export const TOMBSTONE_ID = '1620000000000000001';

/** Load a syndication fixture from the repository and normalize it. */
export async function fixturePost(file: string): Promise<PostResult> {
  const response = await fetch(`/fixtures/syndication/${file}`);
  if (!response.ok) throw new Error(`fixture ${file}: ${response.status}`);
  const payload: unknown = await response.json();
  return normalizeSyndication(payload, file.startsWith('tombstone') ? { id: TOMBSTONE_ID } : {});
}

/** Every syndication fixture file name (recorded and synthetic). */
export async function fixtureFiles(): Promise<string[]> {
  const response = await fetch('/fixtures/index.json');
  if (response.ok) {
    const index = (await response.json()) as { files: string[] };
    return index.files;
  }
  throw new Error('fixtures/index.json is missing');
}

let serverUrlCache: string | undefined;

/** The real embed server started for this test run. */
export async function embedServerUrl(): Promise<string> {
  serverUrlCache ??= await executeServerCommand<string, undefined>('perch-server-url');
  if (typeof serverUrlCache !== 'string') throw new Error('no embed server URL');
  return serverUrlCache;
}

/** Start recording every request the page makes (via the DevTools protocol). */
export async function watchRequests(): Promise<void> {
  await executeServerCommand('perch-watch-requests');
}

/** URLs of every request since `watchRequests()`. */
export async function seenRequests(): Promise<string[]> {
  return (await executeServerCommand<string[], undefined>('perch-seen-requests')) ?? [];
}

/** Every cookie in the browser, read through the DevTools protocol. */
export async function browserCookies(): Promise<Array<{ name: string; value: string; expires: number; sameSite?: string; secure: boolean }>> {
  return (await executeServerCommand('perch-cookies')) ?? [];
}

/** Resolve on the next event `name` fired at `target`. */
export function nextEvent<T extends Event>(target: EventTarget, name: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms`)), timeoutMs);
    target.addEventListener(
      name,
      (e) => {
        clearTimeout(timer);
        resolve(e as T);
      },
      { once: true },
    );
  });
}

/** Wait until `predicate` holds, polling each animation frame. */
export async function until(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!predicate()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/**
 * Resolves once every IntersectionObserver already watching `el` has reported on it: observers
 * report in the order they were made, so one made now reports last. A widget that loads "when
 * near" has decided by then; no fixed wait stands in for that decision.
 */
export function afterIntersectionReport(el: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(el);
  });
}

/** The URL of every `fetch` the page starts, in order, until `stop()` (the calls go through unchanged). */
export function recordFetches(): { urls: string[]; stop(): void } {
  const real = window.fetch;
  const urls: string[] = [];
  window.fetch = (input, init) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return real(input, init);
  };
  return { urls, stop: () => void (window.fetch = real) };
}

/**
 * Every request the page has started so far, once the request log has caught up: a marker
 * request made now is in the log only after every request started before it. Use it after an
 * observable decision (an event, a rendered state, an intersection report) to ask "what went
 * out?" without a fixed wait. The markers themselves are left out of the answer.
 */
export async function requestsSoFar(): Promise<string[]> {
  const marker = `${location.origin}/__perch-fence?${Math.random().toString(36).slice(2)}`;
  await fetch(marker).catch(() => undefined);
  const start = performance.now();
  for (;;) {
    const seen = await seenRequests();
    if (seen.includes(marker)) return seen.filter((u) => !u.includes('/__perch-fence?'));
    if (performance.now() - start > 5000) throw new Error('the request log never caught up with the marker request');
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Every request seen so far, once one starting with `prefix` is among them (polled each frame: the DevTools event arrives a little later); fails if none comes. */
export async function requestsAfter(prefix: string, timeoutMs = 3000): Promise<string[]> {
  const start = performance.now();
  for (;;) {
    const seen = await seenRequests();
    if (seen.some((u) => u.startsWith(prefix))) return seen;
    if (performance.now() - start > timeoutMs) throw new Error(`no request to ${prefix} within ${timeoutMs} ms`);
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Resolves after `n` animation frames: layout, paint and the observers' reports of what was on screen have happened in between. */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
}
