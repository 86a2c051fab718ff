/** What a route handler gets for one request, and the helpers to answer it. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorResponse } from '../../src/data/api.js';

/** One request in flight. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Named parts of the matched route pattern (e.g. `:id`). */
  params: Record<string, string>;
  /** The matched route's body bound (its `maxBodyBytes` option); read bodies with `readBody`. */
  maxBodyBytes?: number;
  /** False when the request target has no query string (handlers can then skip reading `url`). */
  hasQuery?: boolean;
}

/** An error a handler throws to answer with a JSON error body. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Send `body` as JSON. */
export function sendJson(ctx: RequestContext, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(data.length), 'x-content-type-options': 'nosniff', ...headers });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : data);
}

/** Send a JSON error body (`{error:{code,message,param}}`). */
export function sendError(ctx: RequestContext, error: HttpError): void {
  const body: ErrorResponse = { error: { code: error.code, message: error.message, ...(error.param !== undefined ? { param: error.param } : {}) } };
  sendJson(ctx, error.status, body, { 'cache-control': 'no-store', ...error.headers });
}

/** Base for relative request targets. */
const BASE = 'http://localhost';

/**
 * The path of a request target when it is plain enough that `new URL()` would return it unchanged
 * (`/`-rooted, only unreserved characters and `/ : @ , ; = +`, no dot segments, no `%`, no `\`);
 * undefined otherwise (then parse with URL).
 */
export function plainPath(target: string): string | undefined {
  const n = target.length;
  if (n === 0 || target.charCodeAt(0) !== 47 /* / */ || (n > 1 && target.charCodeAt(1) === 47)) return undefined;
  let end = n;
  for (let i = 1; i < n; i++) {
    const c = target.charCodeAt(i);
    if (c === 63 /* ? */) {
      end = i;
      break;
    }
    const plain =
      (c >= 97 && c <= 122) || // a-z
      (c >= 65 && c <= 90) || // A-Z
      (c >= 48 && c <= 58) || // 0-9 :
      c === 47 || // /
      c === 45 || // -
      c === 95 || // _
      c === 126 || // ~
      c === 64 || // @
      c === 44 || // ,
      c === 59 || // ;
      c === 61 || // =
      c === 43 || // +
      (c === 46 && target.charCodeAt(i - 1) !== 47); // . not right after /
    if (!plain) return undefined;
  }
  return end === n ? target : target.slice(0, end);
}

/** A request context whose `url` is parsed only when a handler reads it (most hits never do). */
export class LazyRequestContext implements RequestContext {
  params: Record<string, string> = {};
  maxBodyBytes = 0;
  private parsed: URL | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly method: string,
    /** The request target as received. */
    private readonly target: string,
    /** Its path, as `new URL(target).pathname` gives it. */
    readonly pathname: string,
    parsed?: URL,
  ) {
    this.parsed = parsed;
  }

  get url(): URL {
    this.parsed ??= new URL(this.target, BASE);
    return this.parsed;
  }

  get hasQuery(): boolean {
    return this.parsed !== undefined ? this.parsed.search !== '' : this.target.includes('?');
  }

  set url(url: URL) {
    this.parsed = url;
  }
}

/**
 * Read the request body, refusing more than `limit` bytes (the route's `maxBodyBytes` by default)
 * with a 413 as soon as the count passes it.
 */
export function readBody(ctx: RequestContext, limit: number = ctx.maxBodyBytes ?? 0): Promise<Buffer> {
  const tooLarge = (): HttpError => new HttpError(413, 'body-too-large', `The body is limited to ${limit} bytes.`, undefined, { connection: 'close' });
  if (Number(ctx.req.headers['content-length'] ?? '0') > limit) return Promise.reject(tooLarge());
  const req = ctx.req;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (error: Error): void => {
      if (done) return;
      done = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return; // the rest of a refused body is drained and dropped
      size += chunk.length;
      if (size > limit) fail(tooLarge());
      else chunks.push(chunk);
    });
    req.once('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.once('error', fail);
    req.once('close', () => fail(new Error('The client went away before the body was read.')));
  });
}
