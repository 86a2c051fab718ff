/**
 * The embed server's response class (`createServer({ ServerResponse })`). What every answer needs is done by
 * methods, once per answer, with no per-request closures or header calls:
 * - the headers every answer carries (security, CORS) are a shared object added under the route's own headers
 *   when the head is written;
 * - JSON, HTML and other text answers handed to `end()` whole are compressed (brotli or gzip, as
 *   `Accept-Encoding` allows) when at least `compressMinBytes` long; streamed answers pass through. ETags get an
 *   encoding suffix (`"…-br"`); the handler takes it off an incoming `If-None-Match`, so 304s work for every
 *   encoding;
 * - `sendPrepared` writes a prebuilt answer (a cached post) with one `writeHead` of prebuilt headers.
 */
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders } from 'node:http';
import { acceptedEncoding, compressBody, encodedEtag, isCompressible, MAX_INLINE_BYTES, varyWithEncoding, type Encoding } from './compress.js';
import type { PreparedAnswer } from './prepared-answer.js';

/** Headers as a read-only name → value object (lower-case names). */
export type HeaderSet = Readonly<Record<string, string>>;

const NO_HEADERS: HeaderSet = Object.freeze({});

type HeadersArg = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;

function valueOf(v: OutgoingHttpHeader | undefined): string | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v.join(', ') : String(v);
}

/** A `node:http` response with default headers, whole-body compression and prebuilt answers. */
export class PerchResponse extends ServerResponse<IncomingMessage> {
  /**
   * Headers added under the route's own when the head is written (security, CORS). Set by the handler to a
   * shared object (prebuilt answers are cached per object), or to one built for the request (a named origin).
   */
  defaults: HeaderSet = NO_HEADERS;
  /** Whether `defaults` is shared between requests (then prebuilt answers may cache headers built with it). */
  sharedDefaults = true;
  /** Smallest whole body compressed; undefined: never compress. */
  compressMinBytes: number | undefined = undefined;
  /** The request's `If-None-Match` as the client sent it (encoding suffixes included). */
  sentIfNoneMatch: string | undefined = undefined;
  /** A head held until `end()` decides on compression. */
  #held: { status: number; headers: OutgoingHttpHeaders } | undefined = undefined;
  /** Whether a route called `setHeader` (then defaults go through `setHeader` too). */
  #progressive = false;

  override setHeader(name: string, value: number | string | readonly string[]): this {
    this.#progressive = true;
    return super.setHeader(name, value);
  }

  override appendHeader(name: string, value: string | readonly string[]): this {
    this.#progressive = true;
    return super.appendHeader(name, value);
  }

  /** The coding this request's answer may use (brotli first), or undefined for identity. */
  get acceptedEncoding(): Encoding | undefined {
    const m = this.req.method;
    return m === 'GET' || m === 'HEAD' || m === 'POST' || m === 'DELETE' ? acceptedEncoding(this.req.headers['accept-encoding']) : undefined;
  }

  override writeHead(statusCode: number, reasonOrHeaders?: string | HeadersArg, maybeHeaders?: HeadersArg): this {
    const raw = typeof reasonOrHeaders === 'string' ? maybeHeaders : reasonOrHeaders;
    if (this.compressMinBytes === undefined || typeof reasonOrHeaders === 'string' || Array.isArray(raw)) return this.#writeHeadNow(statusCode, typeof reasonOrHeaders === 'string' ? reasonOrHeaders : undefined, raw);
    const headers: OutgoingHttpHeaders = {};
    if (raw !== undefined) for (const k in raw) headers[k.toLowerCase()] = raw[k];
    this.#held = { status: statusCode, headers };
    return this;
  }

  /** Write the head now: the route's headers over the defaults. */
  #writeHeadNow(status: number, reason: string | undefined, headers: HeadersArg): this {
    const defaults = this.defaults;
    let out = headers;
    if (defaults !== NO_HEADERS) {
      if (!this.#progressive && !Array.isArray(headers)) {
        // One object and no setHeader: Node takes its fast path.
        const merged: OutgoingHttpHeaders = { ...defaults };
        if (headers !== undefined) for (const k in headers) merged[k.toLowerCase()] = headers[k];
        out = merged;
      } else {
        const named = new Set<string>();
        if (Array.isArray(headers)) for (let i = 0; i < headers.length; i += 2) named.add(String(headers[i]).toLowerCase());
        else if (headers !== undefined) for (const k in headers) named.add(k.toLowerCase());
        for (const k in defaults) if (!named.has(k) && !this.hasHeader(k)) super.setHeader(k, defaults[k] as string);
      }
    }
    return reason === undefined ? super.writeHead(status, out) : super.writeHead(status, reason, out);
  }

  #flush(): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.#writeHeadNow(held.status, undefined, held.headers);
  }

  /** A header of the held head, else one set on the response, else a default. */
  #header(headers: OutgoingHttpHeaders, name: string): string | undefined {
    return valueOf(headers[name] ?? this.getHeader(name)) ?? this.defaults[name];
  }

  override write(chunk: unknown, encodingOrCb?: unknown, cb?: unknown): boolean {
    this.#flush();
    return (super.write as (c: unknown, e?: unknown, f?: unknown) => boolean)(chunk, encodingOrCb, cb);
  }

  override end(chunk?: unknown, encodingOrCb?: unknown, cb?: unknown): this {
    const superEnd = super.end as (c?: unknown, e?: unknown, f?: unknown) => this;
    const held = this.#held;
    if (held === undefined) return superEnd.call(this, chunk, encodingOrCb, cb);
    const { status, headers } = held;
    if (status === 304) {
      // name the tag the client holds: it revalidated an encoded copy when it sent the suffixed tag
      const etag = this.#header(headers, 'etag');
      const inm = this.sentIfNoneMatch;
      const enc = this.acceptedEncoding;
      const kept = etag === undefined ? undefined : ([enc, 'br', 'gzip'] as const).find((e) => e !== undefined && inm?.includes(encodedEtag(etag, e)) === true);
      if (etag !== undefined && kept !== undefined) headers.etag = encodedEtag(etag, kept);
      this.#flush();
      return superEnd.call(this, chunk, encodingOrCb, cb);
    }
    if (!isCompressible(this.#header(headers, 'content-type')) || this.#header(headers, 'content-encoding') !== undefined || status === 206 || (status >= 100 && status < 200) || status === 204) {
      this.#flush();
      return superEnd.call(this, chunk, encodingOrCb, cb);
    }
    const body = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : undefined;
    const length = Number(this.#header(headers, 'content-length') ?? body?.length ?? 0);
    // This answer can vary: a compressible type of a size we would compress (or a 304 of one).
    headers.vary = varyWithEncoding(this.#header(headers, 'vary'));
    this.removeHeader('vary');
    const etag = this.#header(headers, 'etag');
    const encoding = this.acceptedEncoding;
    const isHead = this.req.method === 'HEAD';
    if (encoding === undefined || length < (this.compressMinBytes ?? 0) || length > MAX_INLINE_BYTES || (body === undefined && !isHead)) {
      this.#flush();
      return superEnd.call(this, chunk, encodingOrCb, cb);
    }
    if (isHead && body === undefined) {
      // no body to measure: announce the encoding only (the length of the coded body is unknown)
      delete headers['content-length'];
      headers['content-encoding'] = encoding;
      if (etag !== undefined) headers.etag = encodedEtag(etag, encoding);
      this.#flush();
      return superEnd.call(this, undefined, encodingOrCb, cb);
    }
    const coded = compressBody(body ?? Buffer.alloc(0), encoding);
    headers['content-encoding'] = encoding;
    headers['content-length'] = String(coded.length);
    this.removeHeader('content-length');
    if (etag !== undefined) {
      headers.etag = encodedEtag(etag, encoding);
      this.removeHeader('etag');
    }
    this.#flush();
    return superEnd.call(this, coded, typeof encodingOrCb === 'function' ? encodingOrCb : cb);
  }

  /**
   * Send `answer` with `status`: its bytes in the coding the client accepts, with headers built once per coding
   * (the same bytes and headers `writeHead` + `end` would send). HEAD and answers on a response a route already
   * set headers on take the general path.
   */
  sendPrepared(answer: PreparedAnswer, status: number): void {
    if (this.#progressive || !this.sharedDefaults || this.req.method === 'HEAD') {
      this.writeHead(status, answer.headers);
      this.end(this.req.method === 'HEAD' ? undefined : answer.body);
      return;
    }
    const variant = answer.variant(this.defaults, this.compressMinBytes === undefined ? undefined : this.acceptedEncoding, this.compressMinBytes);
    super.writeHead(status, variant.headers);
    super.end(variant.body);
  }
}
