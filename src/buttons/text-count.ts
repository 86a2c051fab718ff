/**
 * X's post length rules (twitter-text v3 configuration): a weighted count out of 280 where
 * most Latin, Greek, Cyrillic, Hebrew and Arabic characters (and a few punctuation ranges)
 * weigh 1, everything else (CJK, …) and every emoji weighs 2, and every URL weighs 23.
 * Pure functions: no DOM, no Lit.
 */

/** The most a post may weigh. */
export const MAX_WEIGHTED_LENGTH = 280;
/** What any URL weighs, whatever its length (X shortens it to a t.co link). */
export const URL_WEIGHT = 23;

/** Code point ranges that weigh 1 (twitter-text v3 `ranges`); everything else weighs 2. */
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// Scheme URLs, and bare `www.` or domain names with a common top-level domain, as X links them.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+|\b(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|edu|gov|io|co|uk|de|fr|jp|es|it|nl|ca|au|info|dev|app|me|tv|ly|news|blog)\b(?:\/[^\s<>"]*)?/giu;
// Trailing punctuation is not part of a link ("see example.com.").
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

function codePointWeight(cp: number): number {
  return LIGHT_RANGES.some(([from, to]) => cp >= from && cp <= to) ? 1 : 2;
}

/** The weight of one user-perceived character (an emoji sequence weighs 2 in all). */
function graphemeWeight(g: string): number {
  if (EMOJI.test(g)) return 2;
  let w = 0;
  for (const ch of g) w += codePointWeight(ch.codePointAt(0) ?? 0);
  return w;
}

/** A piece of text: a URL (weighs 23) or one grapheme. */
interface Token {
  text: string;
  weight: number;
}

function tokens(input: string): Token[] {
  const text = input.normalize('NFC');
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const url = m[0].replace(TRAILING_PUNCTUATION, '');
    const start = m.index ?? 0;
    for (const g of graphemes(text.slice(last, start))) out.push({ text: g, weight: graphemeWeight(g) });
    out.push({ text: url, weight: URL_WEIGHT });
    last = start + url.length;
  }
  for (const g of graphemes(text.slice(last))) out.push({ text: g, weight: graphemeWeight(g) });
  return out;
}

/** The weighted length of `text` as X counts it. */
export function weightedLength(text: string): number {
  return tokens(text).reduce((sum, t) => sum + t.weight, 0);
}

/** The result of fitting a text into what is left of a post. */
export interface FittedText {
  /** The text, shortened with "…" when it did not fit (never cut inside a URL or an emoji). */
  text: string;
  /** Whether the text had to be shortened. */
  truncated: boolean;
}

/**
 * Fit `text` into `budget` weighted characters: unchanged if it fits, otherwise cut at a
 * character (or URL) boundary, trailing space dropped, with "…" appended.
 */
export function fitText(text: string, budget: number): FittedText {
  const all = tokens(text);
  const total = all.reduce((sum, t) => sum + t.weight, 0);
  if (total <= budget) return { text: text.normalize('NFC'), truncated: false };
  const ellipsis = '…';
  const room = budget - graphemeWeight(ellipsis);
  let used = 0;
  let kept = '';
  for (const t of all) {
    if (used + t.weight > room) break;
    used += t.weight;
    kept += t.text;
  }
  kept = kept.trimEnd();
  return { text: kept === '' ? '' : kept + ellipsis, truncated: true };
}
