/**
 * Response compression: JSON, HTML and other text answers are compressed on the fly (brotli or gzip,
 * as `Accept-Encoding` allows) when their body is at least `minBytes` and handed to `res.end()` whole.
 * Streamed answers (media, files) pass through untouched; the widget assets are precompressed
 * elsewhere (`widget-assets.ts`). ETags get an encoding suffix (`"…-br"`), and the suffix is taken off
 * an incoming `If-None-Match` before the route sees it, so 304s keep working for every encoding.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A content coding the server produces. */
export type Encoding = 'br' | 'gzip';

/** Bodies smaller than this are sent as they are (compression would save little). */
export const DEFAULT_MIN_COMPRESS_BYTES = 1024;
/** Larger bodies are sent as they are (compressing them inline would hold the event loop). */
const MAX_INLINE_BYTES = 4 * 1024 * 1024;
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

/** Options for `compressResponses`. */
export interface CompressOptions {
  /** Smallest body compressed (default 1 KB). */
  minBytes?: number;
}

type WriteHead = ServerResponse['writeHead'];

/**
 * Make `res` compress whole-body text answers for `req`. Call once per request, before the route
 * runs. The route keeps calling `writeHead(status, headers)` and `end(body)` as usual.
 */
export function compressResponses(req: IncomingMessage, res: ServerResponse, options: CompressOptions = {}): void {
  const minBytes = options.minBytes ?? DEFAULT_MIN_COMPRESS_BYTES;
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) req.headers['if-none-match'] = stripEtagSuffixes(inm);
  const encoding = req.method === 'HEAD' || req.method === 'GET' || req.method === 'POST' || req.method === 'DELETE' ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
  const originalWriteHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => ServerResponse;
  const originalEnd = res.end.bind(res) as (chunk?: unknown, encodingOrCb?: unknown, cb?: unknown) => ServerResponse;
  const originalWrite = res.write.bind(res) as (chunk: unknown, encodingOrCb?: unknown, cb?: unknown) => boolean;
  let pending: { status: number; headers: OutgoingHttpHeaders } | undefined;

  const flush = (): void => {
    if (pending === undefined) return;
    const { status, headers } = pending;
    pending = undefined;
    originalWriteHead(status, headers);
  };
  const header = (headers: OutgoingHttpHeaders, name: string): string | undefined => {
    const v = headers[name] ?? res.getHeader(name);
    return v === undefined ? undefined : Array.isArray(v) ? v.join(', ') : String(v);
  };

  res.writeHead = ((status: number, reasonOrHeaders?: unknown, maybeHeaders?: unknown): ServerResponse => {
    const raw = typeof reasonOrHeaders === 'string' ? maybeHeaders : reasonOrHeaders;
    if (typeof reasonOrHeaders === 'string' || Array.isArray(raw)) return originalWriteHead(status, raw as OutgoingHttpHeaders);
    const headers: OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries((raw ?? {}) as OutgoingHttpHeaders)) headers[k.toLowerCase()] = v;
    pending = { status, headers };
    return res;
  }) as WriteHead;

  res.write = ((chunk: unknown, encodingOrCb?: unknown, cb?: unknown): boolean => {
    flush();
    return originalWrite(chunk, encodingOrCb, cb);
  }) as ServerResponse['write'];

  res.end = ((chunk?: unknown, encodingOrCb?: unknown, cb?: unknown): ServerResponse => {
    if (pending === undefined) return originalEnd(chunk, encodingOrCb, cb);
    const { status, headers } = pending;
    if (status === 304) {
      // name the tag the client holds: it revalidated an encoded copy when it sent the suffixed tag
      const etag = header(headers, 'etag');
      const held = etag === undefined ? undefined : ([encoding, 'br', 'gzip'] as const).find((e) => e !== undefined && inm?.includes(encodedEtag(etag, e)) === true);
      if (etag !== undefined && held !== undefined) headers.etag = encodedEtag(etag, held);
      flush();
      return originalEnd(chunk, encodingOrCb, cb);
    }
    const type = header(headers, 'content-type');
    const already = header(headers, 'content-encoding');
    if (!isCompressible(type) || already !== undefined || status === 206 || (status >= 100 && status < 200) || status === 204) {
      flush();
      return originalEnd(chunk, encodingOrCb, cb);
    }
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : undefined;
    const length = Number(header(headers, 'content-length') ?? body?.length ?? 0);
    // Whether this answer can vary: a compressible type of a size we would compress (or a 304 of one).
    headers.vary = varyWithEncoding(header(headers, 'vary'));
    res.removeHeader('vary');
    const etag = header(headers, 'etag');
    const eligible = encoding !== undefined && length >= minBytes && length <= MAX_INLINE_BYTES;
    if (!eligible || (body === undefined && req.method !== 'HEAD')) {
      flush();
      return originalEnd(chunk, encodingOrCb, cb);
    }
    const source = body ?? Buffer.alloc(0);
    if (req.method === 'HEAD' && body === undefined) {
      // no body to measure: announce the encoding only (the length of the coded body is unknown)
      delete headers['content-length'];
      headers['content-encoding'] = encoding;
      if (etag !== undefined) headers.etag = encodedEtag(etag, encoding);
      flush();
      return originalEnd(undefined, encodingOrCb, cb);
    }
    const coded = compressBody(source, encoding);
    headers['content-encoding'] = encoding;
    headers['content-length'] = String(coded.length);
    res.removeHeader('content-length');
    if (etag !== undefined) {
      headers.etag = encodedEtag(etag, encoding);
      res.removeHeader('etag');
    }
    flush();
    return originalEnd(coded, typeof encodingOrCb === 'function' ? encodingOrCb : cb);
  }) as ServerResponse['end'];
}
