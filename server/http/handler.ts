/**
 * The HTTP layer every embed server (and every test server) uses: URL limits, security headers,
 * CORS and body limits per route, preflights, JSON errors for everything including requests Node
 * refuses before they reach a handler (a header block over the limit, a malformed request line),
 * request logs and metrics. `createHttpServer` wraps it in a configured `node:http` server.
 */
import { createServer, IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorResponse } from '../../src/data/api.js';
import type { Logger } from '../log.js';
import type { LabelledCounter, Metrics } from '../metrics.js';
import { stripEtagSuffixes } from './compress.js';
import { HttpError, LazyRequestContext, plainPath, sendError } from './context.js';
import { PerchResponse, type HeaderSet } from './response.js';
import type { ResolvedRouteOptions, Router } from './router.js';

/** Longest request URL handled (path + query); longer ones get 414. */
export const MAX_URL_LENGTH = 8192;

/** Largest request head (request line plus headers) Node parses; larger ones get a JSON 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Headers sent on every answer, errors included. */
export const SECURITY_HEADERS: HeaderSet = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'SAMEORIGIN',
  'cross-origin-resource-policy': 'cross-origin',
});

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

/** A request listener for the server {@link createHttpServer} makes (its responses are {@link PerchResponse}s). */
export type RequestListener = (req: IncomingMessage, res: PerchResponse) => void;

/** Security headers and `Access-Control-Allow-Origin: *`: the defaults of nearly every answer. */
const SECURITY_ANY_ORIGIN: HeaderSet = Object.freeze({ ...SECURITY_HEADERS, 'access-control-allow-origin': '*' });

/** What the listener keeps between requests. */
interface HandlerState {
  router: Router;
  allowedOrigins: readonly string[];
  anyOrigin: boolean;
  log: Logger | undefined;
  counter: LabelledCounter | undefined;
}

/** Build the request listener that dispatches to `options.router`. */
export function createHandler(options: HandlerOptions): RequestListener {
  const allowedOrigins = options.allowedOrigins ?? ['*'];
  const state: HandlerState = {
    router: options.router,
    allowedOrigins,
    anyOrigin: allowedOrigins.includes('*'),
    log: options.log,
    counter: options.metrics?.counter('perch_http_requests_total', 'HTTP requests answered.', ['route', 'method', 'status']),
  };
  const minBytes = options.compressMinBytes;
  return (req, res) => {
    if (minBytes !== undefined) {
      res.compressMinBytes = minBytes;
      // the route compares tags without the encoding suffix; the response names the one the client holds
      const inm = req.headers['if-none-match'];
      if (inm !== undefined) {
        res.sentIfNoneMatch = inm;
        req.headers['if-none-match'] = stripEtagSuffixes(inm);
      }
    }
    handle(req, res, state);
  };
}

/** Answer one request; synchronous when the route answers synchronously (an in-memory cache hit). */
function handle(req: IncomingMessage, res: PerchResponse, state: HandlerState): void {
  const { log } = state;
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
  applyCors(req, res, 'allowed-origins', state);
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
    const match = state.router.match(method, pathname);
    if (match === undefined) throw new HttpError(404, 'not-found', `Nothing at ${pathname.slice(0, 200)}.`);
    route = match.pattern;
    if (match.options.cors !== 'allowed-origins') applyCors(req, res, match.options.cors, state);
    if ('allowed' in match) {
      if (method !== 'OPTIONS') throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here.`, undefined, { allow: match.allowed.join(', ') });
      if (match.pattern.endsWith('/*') || match.options.cors === 'none') throw new HttpError(404, 'not-found', `Nothing to preflight at ${pathname.slice(0, 200)}.`);
      preflight(res, match.allowed, match.options);
    } else {
      checkDeclaredBody(req, match.options);
      ctx.params = match.params;
      ctx.maxBodyBytes = match.options.maxBodyBytes;
      const pending = match.handler(ctx);
      if (pending !== undefined) {
        // an asynchronous answer: finish when it settles (a synchronous one needs no promise)
        const path = pathname;
        pending.then(
          () => finish(ctx, state, route, debug, started, path),
          (error: unknown) => {
            fail(ctx, state, error, path);
            finish(ctx, state, route, debug, started, path);
          },
        );
        return;
      }
    }
  } catch (error) {
    fail(ctx, state, error, pathname);
  }
  finish(ctx, state, route, debug, started, pathname);
}

/** Answer a thrown error as JSON (or drop the connection when the answer had begun). */
function fail(ctx: LazyRequestContext, state: HandlerState, error: unknown, pathname: string): void {
  const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong on the embed server.');
  if (!(error instanceof HttpError)) state.log?.error('unhandled', { path: pathname.slice(0, 200), error: error instanceof Error ? error.message : String(error) });
  if (!ctx.res.headersSent) sendError(ctx, httpError);
  else ctx.res.destroy();
}

/** Count the answer (and log it at debug level). */
function finish(ctx: LazyRequestContext, state: HandlerState, route: string, debug: boolean, started: number, pathname: string): void {
  const { method, res } = ctx;
  state.counter?.inc([route, method.length <= 10 ? method : 'OTHER', String(res.statusCode)]);
  if (debug) state.log?.debug('request', { method, path: pathname.slice(0, 200), status: res.statusCode, ms: Math.round(performance.now() - started) });
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

function preflight(res: PerchResponse, allowed: readonly string[], options: ResolvedRouteOptions): void {
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

/**
 * The headers every answer of a route with CORS `policy` carries, as the response's defaults: the security headers,
 * and `Access-Control-Allow-Origin` for any origin or for an allowed `Origin` (then with `Vary: origin`, kept for the
 * request whatever the route's policy). Shared objects except when an origin is named.
 */
function applyCors(req: IncomingMessage, res: PerchResponse, policy: ResolvedRouteOptions['cors'], state: HandlerState): void {
  const origin = state.anyOrigin ? undefined : req.headers.origin;
  const named = origin !== undefined && state.allowedOrigins.includes(origin);
  if (!named) {
    res.defaults = policy === 'none' ? SECURITY_HEADERS : policy === 'any-origin' || state.anyOrigin ? SECURITY_ANY_ORIGIN : SECURITY_HEADERS;
    res.sharedDefaults = true;
    return;
  }
  res.defaults = policy === 'none' ? { ...SECURITY_HEADERS, vary: 'origin' } : { ...SECURITY_HEADERS, 'access-control-allow-origin': policy === 'any-origin' ? '*' : origin, vary: 'origin' };
  res.sharedDefaults = false;
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

/** The `node:http` server {@link createHttpServer} returns. */
export type PerchServer = Server<typeof IncomingMessage, typeof PerchResponse>;

/** A `node:http` server with the handler, the head size bound, the timeouts and JSON client errors. */
export function createHttpServer(options: HttpServerOptions): PerchServer {
  const server = createServer<typeof IncomingMessage, typeof PerchResponse>({ maxHeaderSize: MAX_HEADER_BYTES, ServerResponse: PerchResponse }, createHandler(options));
  server.keepAliveTimeout = options.keepAliveTimeoutMs ?? 5_000;
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.on('clientError', onClientError);
  return server;
}
