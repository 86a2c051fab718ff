/**
 * X's post length rules, counted exactly as X's reference library counts them (twitter-text
 * 3.1.0 `parseTweet`, v3 configuration): a weighted count out of 280 where code points below
 * U+1100 and three General Punctuation ranges weigh 1, everything else (CJK, directional
 * marks, …) weighs 2, an emoji sequence weighs 2 in all, and a link X recognises weighs 23.
 * The link rules, the top-level-domain list and the emoji list are X's own, so a text fits
 * here exactly when X's library says it fits. Pure functions: no DOM, no Lit.
 */
import { COUNTRY_TLDS, EMOJI, GENERIC_TLDS } from './text-count-tables.js';

/** The most a post may weigh. */
export const MAX_WEIGHTED_LENGTH = 280;
/** What a link X recognises weighs, whatever its length (X shortens it to a t.co link). */
export const URL_WEIGHT = 23;

// X's character classes, as regular-expression source.
const INVALID = String.raw`\uFFFE\uFEFF\uFFFF`;
const DIRECTIONAL = String.raw`\u202A-\u202E\u061C\u200E\u200F\u2066\u2067\u2068\u2069`;
const SPACES = String.raw`\x09-\x0D\x20\x85\xA0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;
const PUNCTUATION = String.raw`\!'#%&'\(\)*\+,\\\-\.\/:;<=>\?@\[\]\^_{|}~\$`;
const LATIN_ACCENTS = String.raw`\xC0-\xD6\xD8-\xF6\xF8-\xFF\u0100-\u024F\u0253\u0254\u0256\u0257\u0259\u025B\u0263\u0268\u026F\u0272\u0289\u028B\u02BB\u0300-\u036F\u1E00-\u1EFF`;
const CYRILLIC = String.raw`\u0400-\u04FF`;
const QUERY_CHAR = String.raw`[a-z0-9!?\*'@\(\);:&=\+\$\/%#\[\]\-_\.,~|]`;
const QUERY_END = String.raw`[a-z0-9\-_&=#\/]`;
/** A link's longest allowed length, scheme included. */
const MAX_URL_LENGTH = 4096;
/** The longest t.co slug X still links. */
const MAX_TCO_SLUG_LENGTH = 40;
const MAX_LABEL_LENGTH = 63;

interface Patterns {
  /** Groups: 2 the character before, 3 the link, 4 the scheme, 5 the host, 7 the path. */
  link: RegExp;
  asciiHost: RegExp;
  tco: RegExp;
}

let patterns: Patterns | undefined;

/** `Acom Cop` → `com|coop`: each name after a capital letter (A = 0) giving how many leading letters it shares with the one before. */
function unfoldNames(coded: string): string {
  let previous = '';
  if (coded === '') return '';
  return coded
    .split(/(?=[A-Z])/)
    .map((part) => (previous = previous.slice(0, part.charCodeAt(0) - 65) + part.slice(1)))
    .join('|');
}

/** X's link patterns, built on first use (a page that never counts never compiles them). */
function linkPatterns(): Patterns {
  if (patterns !== undefined) return patterns;
  const tlds = (table: { ordered: string; ascii: string }): string =>
    `(?:(?:${[table.ordered, unfoldNames(table.ascii)].filter((names) => names !== '').join('|')})(?=[^0-9a-zA-Z@+-]|$))`;
  const topLevel = `(?:${tlds(GENERIC_TLDS)}|${tlds(COUNTRY_TLDS)}|(?:xn--[\\-0-9a-z]+))`;
  const hostChar = `[^${PUNCTUATION}${SPACES}${INVALID}${DIRECTIONAL}]`;
  const subdomain = `(?:(?:${hostChar}(?:[_-]|${hostChar})*)?${hostChar}\\.)`;
  const domainName = `(?:(?:${hostChar}(?:-|${hostChar})*)?${hostChar}\\.)`;
  const pathChar = `[a-z${CYRILLIC}0-9!\\*';:=\\+,\\.\\$\\/%#\\[\\]\\-\\u2013_~@\\|&${LATIN_ACCENTS}]`;
  const parens = `\\((?:${pathChar}+|(?:${pathChar}*\\(${pathChar}+\\)${pathChar}*))\\)`;
  const pathEnd = `[\\+\\-a-z${CYRILLIC}0-9=_#\\/${LATIN_ACCENTS}]|(?:${parens})`;
  const path = `(?:(?:${pathChar}*(?:${parens}${pathChar}*)*${pathEnd})|(?:@${pathChar}+\\/))`;
  const before = `(?:[^A-Za-z0-9@＠$#＃${INVALID}]|[${DIRECTIONAL}]|^)`;
  patterns = {
    link: new RegExp(
      `((${before})((https?:\\/\\/)?(${subdomain}*${domainName}${topLevel})(?::([0-9]+))?(\\/${path}*)?(\\?${QUERY_CHAR}*${QUERY_END})?))`,
      'gi',
    ),
    asciiHost: new RegExp(`(?:(?:[\\-a-z0-9${LATIN_ACCENTS}]+)\\.)+${topLevel}`, 'gi'),
    tco: new RegExp(`^https?:\\/\\/t\\.co\\/([a-z0-9]+)(?:\\?${QUERY_CHAR}*${QUERY_END})?`, 'i'),
  };
  return patterns;
}

/** The length of `label` in Punycode (RFC 3492) with its `xn--` prefix, stopping early past `limit`. */
function punycodeLength(label: string, limit: number): number {
  const codes: number[] = [];
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    const next = label.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      codes.push(((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000);
      i++;
    } else codes.push(c);
  }
  // punycode.toASCII leaves a label of printable ASCII as it is and encodes any other.
  if (/^[\x20-\x7E]*$/.test(label)) return label.length;
  const basic = codes.filter((c) => c < 0x80).length;
  let length = 4 + basic + (basic > 0 ? 1 : 0);
  let n = 0x80;
  let delta = 0;
  let bias = 72;
  let handled = basic;
  while (handled < codes.length) {
    const m = Math.min(...codes.filter((c) => c >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of codes) {
      if (c < n) delta++;
      if (c !== n) continue;
      // One variable-length integer per occurrence: count its digits.
      let q = delta;
      for (let k = 36; ; k += 36) {
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        length++;
        if (q < t) break;
        q = Math.floor((q - t) / (36 - t));
      }
      if (length > limit) return length;
      bias = adaptBias(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return length;
}

function adaptBias(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > 455; k += 36) d = Math.floor(d / 35);
  return k + Math.floor((36 * d) / (d + 38));
}

/** Whether every label of `host` encodes to 1–63 characters (IDNA, as X checks it). */
function encodableHost(host: string): boolean {
  if (host.startsWith('xn--') && host.search(linkPatterns().asciiHost) === -1) return false;
  return host.split('.').every((label) => {
    // Like punycode.toASCII, a label may hold other full stops (。．｡): each part is encoded.
    const parts = label.split(/[\u3002\uFF0E\uFF61]/);
    const length = parts.reduce((sum, part) => sum + punycodeLength(part, MAX_LABEL_LENGTH), parts.length - 1);
    return length >= 1 && length <= MAX_LABEL_LENGTH;
  });
}

/** A link X recognises: where it starts in the text and its length in UTF-16 units (what X skips). */
export interface LinkSpan {
  start: number;
  length: number;
}

/** The links X recognises in `text`, in order (X's `extractUrlsWithIndices`). */
export function findLinks(text: string): LinkSpan[] {
  if (!text.includes('.')) return [];
  const { link, asciiHost, tco } = linkPatterns();
  const found: LinkSpan[] = [];
  link.lastIndex = 0;
  for (let m = link.exec(text); m !== null; m = link.exec(text)) {
    const before = m[2] ?? '';
    const url = m[3] ?? '';
    const scheme = m[4];
    const host = m[5] ?? '';
    const path = m[7];
    const start = link.lastIndex - url.length;
    if ((scheme ?? 'https://').length + url.length > MAX_URL_LENGTH || !encodableHost(host)) continue;
    if (scheme === undefined) {
      // Without a scheme only the ASCII-only domain names in the host are links.
      if (/[-_./]$/.test(before)) continue;
      let from = 0;
      let last: LinkSpan | undefined;
      asciiHost.lastIndex = 0;
      for (const ascii of host.matchAll(asciiHost)) {
        const at = host.indexOf(ascii[0], from);
        from = at + ascii[0].length;
        last = { start: start + at, length: ascii[0].length };
        found.push(last);
      }
      // X extends the last one by the path, counting it as that name plus the rest of the
      // link (so what follows a non-ASCII part of the host counts again, character by character).
      if (last !== undefined && path !== undefined) last.length += url.length - host.length;
    } else {
      // A t.co link ends after its slug and query.
      const short = tco.exec(url);
      if (short !== null) {
        if ((short[1] ?? '').length > MAX_TCO_SLUG_LENGTH) continue;
        found.push({ start, length: short[0].length });
      } else found.push({ start, length: url.length });
    }
  }
  return found;
}

/** Where each emoji sequence X counts as one character starts, and its length in UTF-16 units. */
function emojiStarts(text: string): Map<number, number> {
  const starts = new Map<number, number>();
  for (const m of text.matchAll(EMOJI)) starts.set(m.index, m[0].length);
  return starts;
}

/** Code unit ranges that weigh 1 (twitter-text v3 `ranges`); everything else weighs 2. */
function unitWeight(unit: number): number {
  return unit <= 4351 || (unit >= 8192 && unit <= 8205) || (unit >= 8208 && unit <= 8223) || (unit >= 8242 && unit <= 8247) ? 1 : 2;
}

const INVALID_CHAR = /[\uFFFE\uFEFF\uFFFF]/;

/** How X counts a text: its weight per counted piece, and whether X accepts its characters. */
interface Parsed {
  /** The NFC-normalised text X counts. */
  text: string;
  /** Weight of the piece that starts at each UTF-16 index (0 inside a piece). */
  weights: number[];
  /** The links X recognises. */
  links: LinkSpan[];
  total: number;
  /** False when the text holds a character X rejects (U+FFFE, U+FEFF, U+FFFF). */
  charactersValid: boolean;
}

function parse(input: string): Parsed {
  const text = input.normalize('NFC');
  const links = findLinks(text);
  const linkAt = new Map(links.map((l) => [l.start, l.length]));
  const emoji = emojiStarts(text);
  const weights: number[] = new Array<number>(text.length).fill(0);
  let total = 0;
  let charactersValid = true;
  for (let i = 0; i < text.length; i++) {
    const start = i;
    let weight: number;
    const link = linkAt.get(i);
    const sequence = emoji.get(i);
    if (link !== undefined) {
      weight = URL_WEIGHT;
      i += link - 1;
    } else if (sequence !== undefined) {
      weight = 2;
      i += sequence - 1;
    } else {
      const c = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      // X weighs a surrogate pair by its second half, so every astral character weighs 2.
      if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      weight = unitWeight(text.charCodeAt(i));
    }
    weights[start] = weight;
    total += weight;
    // X checks the last unit of each piece (a link or an emoji cannot hold one).
    if (charactersValid && INVALID_CHAR.test(text.charAt(i))) charactersValid = false;
  }
  return { text, weights, links, total, charactersValid };
}

/** The weighted length of `text` as X counts it (`parseTweet(text).weightedLength`). */
export function weightedLength(text: string): number {
  return parse(text).total;
}

/** Whether X accepts `text` as a post (`parseTweet(text).valid`): not empty, within 280, no rejected character. */
export function isValidPost(text: string): boolean {
  const { total, charactersValid } = parse(text);
  return charactersValid && total > 0 && total <= MAX_WEIGHTED_LENGTH;
}

/** The result of fitting a text into what is left of a post. */
export interface FittedText {
  /** The text, shortened with "…" when it did not fit (never cut inside a link or a character). */
  text: string;
  /** Whether the text had to be shortened. */
  truncated: boolean;
}

const ELLIPSIS = '…';

let segmenter: Intl.Segmenter | undefined;

/** Where `text` may be cut: between user-perceived characters, never inside a link. */
function cutPoints(parsed: Parsed): number[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const insideLink = (at: number): boolean => parsed.links.some((l) => at > l.start && at < l.start + l.length);
  return Array.from(segmenter.segment(parsed.text), (s) => s.index + s.segment.length).filter((at) => !insideLink(at));
}

/**
 * Fit `text` into `budget` weighted characters: unchanged (NFC-normalised) if it fits,
 * otherwise cut between characters (never inside a link), trailing space dropped, "…" appended.
 */
export function fitText(text: string, budget: number): FittedText {
  const parsed = parse(text);
  if (parsed.total <= budget) return { text: parsed.text, truncated: false };
  const room = budget - weightedLength(ELLIPSIS);
  const points = cutPoints(parsed);
  // Weight up to each cut point, from the whole text's count; then check the shortened text
  // itself, since cutting can change what X sees as a link or an emoji.
  let index = -1;
  let used = 0;
  let counted = 0;
  for (const [i, at] of points.entries()) {
    for (; counted < at; counted++) used += parsed.weights[counted] ?? 0;
    if (used > room) break;
    index = i;
  }
  for (; index >= 0; index--) {
    const kept = parsed.text.slice(0, points[index]).trimEnd();
    if (kept === '') break;
    if (weightedLength(kept + ELLIPSIS) <= budget) return { text: kept + ELLIPSIS, truncated: true };
  }
  return { text: '', truncated: true };
}
