/**
 * The embed server: `startServer(config)` listens and returns its URL and a `close()`.
 * One HTTP layer (CORS, errors, logging) in front of a router that each feature fills.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { resolveConfig, type ServerConfig } from './config.js';
import { HttpError, sendError, sendJson, type RequestContext } from './http/context.js';
import { Router } from './http/router.js';
import { createLogger, type Logger } from './log.js';
import { directPostService } from './posts/post-service.js';
import { registerMediaPlaceholder } from './routes/media-placeholder.js';
import { registerStaticRoutes } from './routes/static-files.js';
import { registerTweetRoutes } from './routes/tweets.js';
import { FixtureUpstream } from './upstream/fixture-upstream.js';
import type { Upstream } from './upstream/upstream.js';

export type { ServerConfig } from './config.js';
export { ConfigError } from './config.js';

/** A running embed server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  config: ServerConfig;
  /** Stop accepting connections, finish in-flight requests, release resources. */
  close(): Promise<void>;
}

function createUpstream(config: ServerConfig): Upstream {
  if (config.upstream === 'fixtures') return new FixtureUpstream(join(config.rootDir, 'fixtures'));
  throw new HttpError(500, 'upstream-unavailable', `The ${config.upstream} upstream is not available in this build.`);
}

/** Start the embed server. */
export async function startServer(partial: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(partial);
  const log = createLogger(config.logLevel);
  const upstream = createUpstream(config);
  const router = new Router();
  router.on('GET', '/healthz', (ctx) => sendJson(ctx, 200, { status: 'ok', upstream: upstream.name }, { 'cache-control': 'no-store' }));
  registerTweetRoutes(router, directPostService(upstream));
  if (config.upstream === 'fixtures') registerMediaPlaceholder(router);
  if (config.serveDemo) registerStaticRoutes(router, config.rootDir);

  const server = createServer((req, res) => {
    void handle(req, res, router, config, log);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info('listening', { url, upstream: upstream.name });
  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => upstream.close?.());
      return closing;
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, config: ServerConfig, log: Logger): Promise<void> {
  const started = performance.now();
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    url = new URL('http://localhost/');
  }
  const ctx: RequestContext = { req, res, method, url, params: {} };
  applyCors(req, res, config);
  try {
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type, authorization', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    const match = router.match(method, url.pathname);
    if (match === undefined) throw new HttpError(404, 'not-found', `Nothing at ${url.pathname}.`);
    if ('allowed' in match) throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here.`, undefined, { allow: match.allowed.join(', ') });
    ctx.params = match.params;
    await match.handler(ctx);
  } catch (error) {
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong on the embed server.');
    if (!(error instanceof HttpError)) log.error('unhandled', { path: url.pathname, error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) sendError(ctx, httpError);
    else res.destroy();
  } finally {
    log.debug('request', { method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) });
  }
}

function applyCors(req: IncomingMessage, res: ServerResponse, config: ServerConfig): void {
  const origin = req.headers.origin;
  if (config.allowedOrigins.includes('*')) res.setHeader('access-control-allow-origin', '*');
  else if (origin !== undefined && config.allowedOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
  }
}
