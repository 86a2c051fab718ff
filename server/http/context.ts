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
