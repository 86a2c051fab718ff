/**
 * An answer whose bytes do not change between requests (a cached post): the body, and per content coding and
 * per set of default headers, the compressed body and the complete header list, built on first use. A hit
 * then costs one `writeHead` with prebuilt headers and one write of prebuilt bytes.
 */
import { compressBody, encodedEtag, isCompressible, MAX_INLINE_BYTES, varyWithEncoding, type Encoding } from './compress.js';
import type { HeaderSet } from './response.js';

/** What is written for one coding: flat `[name, value, …]` headers (shared: never changed) and the body. */
export interface AnswerVariant {
  readonly headers: string[];
  readonly body: Buffer;
}

interface Variants {
  defaults: HeaderSet;
  minBytes: number | undefined;
  identity?: AnswerVariant;
  br?: AnswerVariant;
  gzip?: AnswerVariant;
}

/** A prebuilt answer: `body` with `headers` (lower-case names, `content-length` included). */
export class PreparedAnswer {
  /** One entry per set of default headers seen (one in practice: the server's security and CORS headers). */
  private variants: Variants[] = [];

  constructor(
    readonly body: Buffer,
    readonly headers: HeaderSet,
  ) {}

  /** The bytes and headers for `encoding` under `defaults`, as the response's compression would send them. */
  variant(defaults: HeaderSet, encoding: Encoding | undefined, minBytes: number | undefined): AnswerVariant {
    let v = this.variants.find((x) => x.defaults === defaults && x.minBytes === minBytes);
    if (v === undefined) {
      v = { defaults, minBytes };
      if (this.variants.length >= 4) this.variants.shift();
      this.variants.push(v);
    }
    const key = encoding ?? 'identity';
    return (v[key] ??= this.build(defaults, encoding, minBytes));
  }

  private build(defaults: HeaderSet, encoding: Encoding | undefined, minBytes: number | undefined): AnswerVariant {
    const h: Record<string, string> = { ...defaults, ...this.headers };
    let body = this.body;
    if (minBytes !== undefined && isCompressible(h['content-type']) && h['content-encoding'] === undefined) {
      h.vary = varyWithEncoding(h.vary);
      if (encoding !== undefined && body.length >= minBytes && body.length <= MAX_INLINE_BYTES) {
        body = compressBody(body, encoding);
        h['content-encoding'] = encoding;
        h['content-length'] = String(body.length);
        if (h.etag !== undefined) h.etag = encodedEtag(h.etag, encoding);
      }
    }
    const flat: string[] = [];
    for (const k in h) flat.push(k, h[k] as string);
    return { headers: flat, body };
  }
}
