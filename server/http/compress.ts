/**
 * Response compression helpers: content negotiation, encoded ETags (`"…-br"`), and compressed copies of
 * bodies. The response class (`response.ts`) applies them to whole-body text answers; the widget assets
 * are precompressed elsewhere (`widget-assets.ts`).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A content coding the server produces. */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are (compression would save little). */
export const DEFAULT_MIN_COMPRESS_BYTES = 1024;
/** Larger bodies are sent as they are (compressing them inline would hold the event loop). */
export const MAX_INLINE_BYTES = 4 * 1024 * 1024;
/** Brotli quality for answers compressed per request: fast, still well ahead of gzip. */
const INLINE_BROTLI_QUALITY = 5;

const COMPRESSIBLE = /^(application\/(json|javascript|xml|manifest\+json)|text\/|image\/svg\+xml)/i;

/** Whether a `content-type` is worth compressing. */
export function isCompressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/**
 * The best coding `accept` (an `Accept-Encoding` value) allows among `offered`, in our preference
 * order (brotli first); undefined for identity. Honours `q=0` and `*`.
 */
export function negotiateEncoding(accept: string | string[] | undefined, offered: readonly Encoding[] = ['br', 'gzip']): Encoding | undefined {
  if (accept === undefined) return undefined;
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(accept) ? accept.join(',') : accept).split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p);
      if (m !== null) q = Number(m[1]);
    }
    weights.set(name, Number.isFinite(q) ? q : 0);
  }
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const coding of offered) {
    const q = weights.get(coding) ?? weights.get('*') ?? 0;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

/** Distinct `Accept-Encoding` values remembered by {@link acceptedEncoding} (browsers send a handful). */
const MAX_REMEMBERED_ACCEPTS = 256;
const accepted = new Map<string, Encoding | undefined>();

/** {@link negotiateEncoding} with our offer, remembered per header value: the hot path parses each value once. */
export function acceptedEncoding(accept: string | string[] | undefined): Encoding | undefined {
  if (accept === undefined) return undefined;
  const key = Array.isArray(accept) ? accept.join(',') : accept;
  const known = accepted.get(key);
  if (known !== undefined || accepted.has(key)) return known;
  const encoding = negotiateEncoding(key);
  if (accepted.size < MAX_REMEMBERED_ACCEPTS && key.length <= 256) accepted.set(key, encoding);
  return encoding;
}

/** `"abc"` → `"abc-br"`, `W/"abc"` → `W/"abc-br"`. */
export function encodedEtag(etag: string, encoding: Encoding): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${encoding}"` : `${etag}-${encoding}`;
}

/** Take the encoding suffixes off every tag of an `If-None-Match` value. */
export function stripEtagSuffixes(header: string): string {
  return header.replace(/-(br|gzip)"/g, '"');
}

/** Add `Accept-Encoding` to a `Vary` value (kept once). */
export function varyWithEncoding(existing: string | number | readonly string[] | undefined): string {
  const parts = (Array.isArray(existing) ? existing.join(',') : existing === undefined ? '' : String(existing))
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (!parts.some((p) => p.toLowerCase() === 'accept-encoding' || p === '*')) parts.push('Accept-Encoding');
  return parts.join(', ');
}

/** Compressed copies of bodies that routes reuse between requests (a cached post's JSON). */
const memo = new WeakMap<Buffer, Partial<Record<Encoding, Buffer>>>();

/** `body` compressed with `encoding` (remembered per Buffer, so a reused body is compressed once). */
export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  let entry = memo.get(body);
  const hit = entry?.[encoding];
  if (hit !== undefined) return hit;
  const out =
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: INLINE_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 6 });
  if (entry === undefined) {
    entry = {};
    memo.set(body, entry);
  }
  entry[encoding] = out;
  return out;
}
