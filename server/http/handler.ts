/**
 * The HTTP layer every embed server (and every test server) uses: URL limits, security headers,
 * CORS and body limits per route, preflights, JSON errors for everything including requests Node
 * refuses before they reach a handler (a header block over the limit, a malformed request line),
 * request logs and metrics. `createHttpServer` wraps it in a configured `node:http` server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorResponse } from '../../src/data/api.js';
import type { Logger } from '../log.js';
import type { LabelledCounter, Metrics } from '../metrics.js';
import { compressResponses } from './compress.js';
import { HttpError, LazyRequestContext, plainPath, sendError } from './context.js';
import type { ResolvedRouteOptions, Router } from './router.js';

/** Longest request URL handled (path + query); longer ones get 414. */
export const MAX_URL_LENGTH = 8192;

/** Largest request head (request line plus headers) Node parses; larger ones get a JSON 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Headers sent on every answer, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'cross-origin',
};

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  router: Router;
  /** Origins allowed to call `allowed-origins` routes from a browser (`*` for any). Default `['*']`. */
  allowedOrigins?: readonly string[];
  log?: Logger;
  /** Requests are counted in `perch_http_requests_total` by route, method and status. */
  metrics?: Metrics;
  /** JSON and HTML answers at least this long are compressed when the client accepts it; `undefined`: never. */
  compressMinBytes?: number | undefined;
}

/** A request listener for `node:http`. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Build the request listener that dispatches to `options.router`. */
export function createHandler(options: HandlerOptions): RequestListener {
  const allowedOrigins = options.allowedOrigins ?? ['*'];
  const counter = options.metrics?.counter('perch_http_requests_total', 'HTTP requests answered.', ['route', 'method', 'status']);
  return (req, res) => {
    if (options.compressMinBytes !== undefined) compressResponses(req, res, { minBytes: options.compressMinBytes });
    void handle(req, res, options.router, allowedOrigins, options.log, counter);
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, allowedOrigins: readonly string[], log: Logger | undefined, counter: LabelledCounter | undefined): Promise<void> {
  const debug = log?.enabled?.('debug') ?? false;
  const started = debug ? performance.now() : 0;
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  // Plain targets (nearly all) skip `new URL()`: the path is the target up to `?`; ctx.url parses on first use.
  const tooLong = rawUrl.length > MAX_URL_LENGTH;
  const plain = tooLong ? undefined : plainPath(rawUrl);
  let pathname = plain ?? '/';
  const ctx = new LazyRequestContext(req, res, method, plain === undefined ? '/' : rawUrl, pathname);
  let route = 'unmatched';
  for (const name in SECURITY_HEADERS) res.setHeader(name, SECURITY_HEADERS[name] as string);
  applyCors(req, res, 'allowed-origins', allowedOrigins);
  try {
    if (tooLong) throw new HttpError(414, 'url-too-long', `Request URLs are limited to ${MAX_URL_LENGTH} characters.`);
    if (plain === undefined) {
      try {
        ctx.url = new URL(rawUrl, 'http://localhost');
      } catch {
        throw new HttpError(400, 'bad-url', 'The request URL could not be parsed.');
      }
      pathname = ctx.url.pathname;
    }
    const match = router.match(method, pathname);
    if (match === undefined) throw new HttpError(404, 'not-found', `Nothing at ${pathname.slice(0, 200)}.`);
    route = match.pattern;
    if (match.options.cors !== 'allowed-origins') applyCors(req, res, match.options.cors, allowedOrigins);
    if ('allowed' in match) {
      if (method !== 'OPTIONS') throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here.`, undefined, { allow: match.allowed.join(', ') });
      if (match.pattern.endsWith('/*') || match.options.cors === 'none') throw new HttpError(404, 'not-found', `Nothing to preflight at ${pathname.slice(0, 200)}.`);
      preflight(res, match.allowed, match.options);
      return;
    }
    checkDeclaredBody(req, match.options);
    ctx.params = match.params;
    ctx.maxBodyBytes = match.options.maxBodyBytes;
    const pending = match.handler(ctx);
    if (pending !== undefined) await pending; // a synchronous answer (cache hit) needs no await
  } catch (error) {
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong on the embed server.');
    if (!(error instanceof HttpError)) log?.error('unhandled', { path: pathname.slice(0, 200), error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) sendError(ctx, httpError);
    else res.destroy();
  } finally {
    counter?.inc([route, method.length <= 10 ? method : 'OTHER', String(res.statusCode)]);
    if (debug) log?.debug('request', { method, path: pathname.slice(0, 200), status: res.statusCode, ms: Math.round(performance.now() - started) });
  }
}

/**
 * 413 before the handler runs when a route that takes no body is sent one. Routes that take a
 * body enforce their bound while reading it (`readBody`), so they can count what they refuse.
 */
function checkDeclaredBody(req: IncomingMessage, options: ResolvedRouteOptions): void {
  const declared = req.headers['content-length'];
  if (declared === undefined || options.maxBodyBytes > 0) return;
  const size = Number(declared);
  if (Number.isFinite(size) && size <= options.maxBodyBytes) return;
  throw new HttpError(413, 'body-too-large', 'This route takes no request body.', undefined, { connection: 'close' });
}

function preflight(res: ServerResponse, allowed: readonly string[], options: ResolvedRouteOptions): void {
  const methods = [...new Set([...allowed, 'OPTIONS'])].join(', ');
  res.writeHead(204, {
    allow: methods,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': options.cors === 'any-origin' ? 'content-type' : 'content-type, authorization',
    'access-control-max-age': '600',
    'cache-control': 'no-store',
  });
  res.end();
}

function applyCors(req: IncomingMessage, res: ServerResponse, policy: ResolvedRouteOptions['cors'], allowedOrigins: readonly string[]): void {
  if (policy === 'none') {
    res.removeHeader('access-control-allow-origin');
    return;
  }
  if (policy === 'any-origin' || allowedOrigins.includes('*')) {
    res.setHeader('access-control-allow-origin', '*');
    return;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && allowedOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
  }
}

/** The raw answer to a request Node refused before parsing it fully (it never reaches a handler). */
function clientErrorAnswer(status: number, code: string, message: string): string {
  const body: ErrorResponse = { error: { code, message } };
  const data = JSON.stringify(body);
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(data)), 'cache-control': 'no-store', connection: 'close', ...SECURITY_HEADERS };
  return `HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n${data}`;
}

/** Answer a request Node could not parse with our JSON error and security headers, then close. */
export function onClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true) {
    socket.destroy();
    return;
  }
  const code = error.code ?? '';
  const answer =
    code === 'HPE_HEADER_OVERFLOW'
      ? clientErrorAnswer(431, 'headers-too-large', `The request line and headers are limited to ${MAX_HEADER_BYTES} bytes.`)
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? clientErrorAnswer(408, 'request-timeout', 'The request took too long to arrive.')
        : clientErrorAnswer(400, 'bad-request', 'The request could not be parsed.');
  socket.end(answer);
}

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions extends HandlerOptions {
  /** Idle keep-alive connections close after this long (ms). Default 5 s. */
  keepAliveTimeoutMs?: number;
  /** The request head must arrive within this (ms). Default 10 s. */
  headersTimeoutMs?: number;
  /** The whole request must arrive within this (ms). Default 30 s. */
  requestTimeoutMs?: number;
}

/** A `node:http` server with the handler, the head size bound, the timeouts and JSON client errors. */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, createHandler(options));
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.on('clientError', onClientError);
  return server;
}
