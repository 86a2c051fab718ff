/**
 * X's payloads escape `&`, `<` and `>` in post text as HTML entities. We decode them to
 * plain text (never parse them as HTML) and keep a map so entity offsets stay right.
 */

const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/g;

function decodeOne(body: string): string | undefined {
  if (body.startsWith('#x') || body.startsWith('#X')) return fromCodePoint(parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return fromCodePoint(parseInt(body.slice(1), 10));
  return NAMED[body];
}

function fromCodePoint(cp: number): string | undefined {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** Decode the HTML entities X uses in text; unknown entities stay as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => decodeOne(body) ?? whole);
}

/** Decoded text plus a map from each original code-point offset to the decoded one. */
export interface DecodedText {
  text: string;
  /** `offsets[i]` is the decoded code-point offset of original code point `i`; length is original length + 1. */
  offsets: number[];
}

/** Decode entities while tracking how code-point offsets move. */
export function decodeWithOffsets(original: string): DecodedText {
  const points = Array.from(original);
  const offsets: number[] = [];
  let out = '';
  let outLen = 0;
  let i = 0;
  while (i < points.length) {
    if (points[i] === '&') {
      const rest = points.slice(i, i + 12).join('');
      const m = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/.exec(rest);
      const decoded = m ? decodeOne(m[1] ?? '') : undefined;
      if (m && decoded !== undefined) {
        const consumed = m[0].length; // entity bodies are ASCII, so UTF-16 length = code points
        for (let k = 0; k < consumed; k++) offsets.push(outLen);
        out += decoded;
        outLen += Array.from(decoded).length;
        i += consumed;
        continue;
      }
    }
    offsets.push(outLen);
    out += points[i];
    outLen++;
    i++;
  }
  offsets.push(outLen);
  return { text: out, offsets };
}

/** Sanity: ENTITY is exported for tests that want to check nothing is left encoded. */
export const HTML_ENTITY_PATTERN = ENTITY;
