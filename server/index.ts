/**
 * The embed server: `startServer(config)` listens and returns its URL and a `close()`.
 * One HTTP layer (limits, CORS, security headers, errors, logs, metrics) in front of a
 * router that each feature fills: posts, media, oEmbed, impressions, admin.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryCache } from './cache/memory-cache.js';
import type { PostCache } from './cache/post-cache.js';
import { RedisCache } from './cache/redis-cache.js';
import { FallbackPostCache, sharedCacheOf } from './cache/fallback-cache.js';
import { LocalServedPosts, RedisServedPosts, type ServedPosts } from './impressions/served-posts.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { compressResponses } from './http/compress.js';
import { HttpError, LazyRequestContext, plainPath, sendError, sendJson } from './http/context.js';
import { Router } from './http/router.js';
import { createLogger, type Logger } from './log.js';
import { Metrics, type LabelledCounter } from './metrics.js';
import { CachingPostService } from './posts/caching-post-service.js';
import { registerMediaPlaceholder } from './routes/media-placeholder.js';
import { registerMediaProxy } from './routes/media-proxy.js';
import { registerStaticRoutes } from './routes/static-files.js';
import { loadWidgetAssets, registerWidgetAssets } from './routes/widget-assets.js';
import { registerTweetRoutes } from './routes/tweets.js';
import { registerRenderRoutes } from './routes/render.js';
import { registerOembed } from './routes/oembed.js';
import { createUpstream, timelineUpstreamFor } from './upstream/create-upstream.js';
import { registerTimelineRoutes } from './timelines/timeline-routes.js';
import { CachingTimelines, openTimelineCache, purgeTimelinesToo } from './timelines/caching-timelines.js';
import { registerImpressions } from './impressions/index.js';
import { HealthRegistry } from './health.js';

export type { ServerConfig } from './config.js';
export { ConfigError } from './config.js';

/** Longest request URL accepted (path + query). */
const MAX_URL_LENGTH = 8192;

/** A running embed server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  config: ServerConfig;
  metrics: Metrics;
  /** Stop accepting connections, finish in-flight requests, release resources. */
  close(): Promise<void>;
}

async function openCache(config: ServerConfig, health: HealthRegistry): Promise<PostCache> {
  const limits = { maxEntries: config.cache.maxEntries, maxBytes: config.cache.maxBytes, now: config.now };
  if (config.store === 'memory') return new MemoryCache(limits);
  // Redis, with a copy in this process that serves posts while Redis is away.
  return new FallbackPostCache(await RedisCache.connect(config.store, { now: config.now }), health, limits);
}

function servedPostsFor(cache: PostCache, now: () => number): ServedPosts {
  return cache instanceof FallbackPostCache ? new RedisServedPosts(cache.shared.connection, { now }) : new LocalServedPosts({ now });
}

/** Start the embed server. */
export async function startServer(partial: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(partial);
  const log = createLogger(config.logLevel);
  const metrics = new Metrics();
  // the widget build first: without it the oEmbed and static HTML would point at nothing
  const assets = await loadWidgetAssets(config.assetsDir);
  const health = new HealthRegistry(log, metrics, config.now);
  const upstream = await createUpstream(config);
  const cache = await openCache(config, health);
  // Impressions count only for posts served here (or by a process sharing the same Redis) in the last 24 hours.
  const served = config.impressions.countUnservedPosts === true ? undefined : servedPostsFor(cache, config.now);
  const posts = new CachingPostService(upstream, cache, metrics, log, { freshMs: config.cache.freshMs, now: config.now, onServed: served === undefined ? undefined : (id) => served.markServed(id), ...(config.cache.batchWindowMs !== undefined ? { batchWindowMs: config.cache.batchWindowMs } : {}) });
  metrics.onCollect(async () => {
    const state = await posts.rateLimitState();
    metrics.set('perch_upstream_rate_limited', 'Whether the upstream is rate-limited now (1) or not (0).', state.limited ? 1 : 0);
    metrics.set('perch_upstream_rate_limit_reset_seconds', 'When the current upstream rate limit ends (epoch seconds; 0 when none).', state.limited ? Math.ceil(state.until / 1000) : 0);
    const stats = await cache.stats().catch(() => undefined);
    if (stats !== undefined) {
      metrics.set('perch_cache_entries', 'Posts in the cache.', stats.entries, { store: cache.kind });
      metrics.set('perch_cache_bytes', 'Approximate bytes held by the in-process cache.', stats.bytes, { store: cache.kind });
      metrics.set('perch_cache_evictions', 'Entries evicted by the LRU bound.', stats.evictions, { store: cache.kind });
    }
    metrics.set('process_resident_memory_bytes', 'Resident memory of this process.', process.memoryUsage.rss());
  });

  let publicUrl = config.publicUrl ?? '';
  const router = new Router();
  // 200 even when degraded: posts are still served, so a load balancer should keep this process (see docs/server.md).
  router.on('GET', '/healthz', (ctx) => sendJson(ctx, 200, { ...health.snapshot(), upstream: upstream.name, store: cache.kind }, { 'cache-control': 'no-store' }));
  router.on('GET', '/metrics', async (ctx) => {
    const body = Buffer.from(await metrics.render());
    ctx.res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'content-length': String(body.length), 'cache-control': 'no-store' });
    ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
  });
  const timelineUpstream = timelineUpstreamFor(upstream);
  // Timeline pages from X are cached (the fixture timelines cost nothing and are computed per request).
  const timelineCache = timelineUpstream === undefined ? undefined : new CachingTimelines(timelineUpstream, openTimelineCache(sharedCacheOf(cache), { ...config.timelines, now: config.now }), cache, metrics, log, { freshMs: config.timelines.freshMs, now: config.now });
  registerTweetRoutes(router, purgeTimelinesToo(posts, timelineCache), { adminToken: config.adminToken });
  registerTimelineRoutes(router, { rootDir: config.rootDir, now: config.now, ...(timelineUpstream !== undefined ? { upstream: timelineUpstream } : {}), ...(timelineCache !== undefined ? { cache: timelineCache } : {}) });
  const impressions = await registerImpressions(router, {
    // `openImpressionStore` takes `memory` for the embedded LMDB store, a redis:// URL for Redis
    store: config.impressionsStore === 'lmdb' ? 'memory' : config.store,
    dataDir: config.dataDir,
    adminToken: config.adminToken,
    metrics,
    log,
    now: config.now,
    threshold: config.impressions.threshold,
    alertLevels: config.impressions.alertLevels,
    webhookUrl: config.impressions.webhookUrl,
    projectAfterMs: config.impressions.projectAfterMs,
    rateLimit: config.impressions.rateLimit === false
      ? false
      : config.impressions.clientEventsPerDay === undefined
        ? config.impressions.rateLimit
        : { ...(config.impressions.rateLimit ?? {}), eventsPerDay: config.impressions.clientEventsPerDay },
    health,
    served,
    retentionDays: config.impressions.retentionDays,
  });
  await registerOptionalRoutes(router, config, posts, () => publicUrl, log, metrics);
  registerWidgetAssets(router, assets);
  if (config.serveDemo) registerStaticRoutes(router, config.rootDir);

  const server = createServer((req, res) => {
    void handle(req, res, router, config, log, metrics);
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await impressions.close();
    await cache.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (publicUrl === '') publicUrl = url;
  log.info('listening', { url, upstream: upstream.name, store: cache.kind, impressions: impressions.store.kind, widgets: assets.files.size });
  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    metrics,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(async () => {
        await upstream.close?.();
        await impressions.close();
        await served?.close();
        await cache.close();
        log.info('stopped');
      });
      return closing;
    },
  };
}

/** Media, oEmbed and other features that live in their own modules. */
async function registerOptionalRoutes(router: Router, config: ServerConfig, posts: CachingPostService, publicUrl: () => string, log: Logger, metrics: Metrics): Promise<void> {
  void posts;
  void publicUrl;
  void log;
  registerRenderRoutes(router, posts, { publicUrl, demoRoot: config.serveDemo ? config.rootDir : undefined });
  registerOembed(router, posts, { publicUrl });
  // With the built-in data there is no X to fetch from: allowed media URLs get a placeholder.
  if (config.upstream === 'fixtures' && config.mediaResolveOrigin === undefined) registerMediaPlaceholder(router);
  else registerMediaProxy(router, { resolveOrigin: config.mediaResolveOrigin, metrics });
}

/** The requests counter of each metrics registry (label strings cached, not rebuilt per request). */
const requestCounters = new WeakMap<Metrics, LabelledCounter>();

function requestCounter(metrics: Metrics): LabelledCounter {
  let counter = requestCounters.get(metrics);
  if (counter === undefined) {
    counter = metrics.counter('perch_http_requests_total', 'HTTP requests answered.', ['route', 'method', 'status']);
    requestCounters.set(metrics, counter);
  }
  return counter;
}

async function handle(req: IncomingMessage, res: ServerResponse, router: Router, config: ServerConfig, log: Logger, metrics: Metrics): Promise<void> {
  const debug = log.enabled?.('debug') ?? true;
  const started = debug ? performance.now() : 0;
  const method = req.method ?? 'GET';
  const rawUrl = req.url ?? '/';
  // Plain targets (nearly all) skip `new URL()`: the path is the target up to `?`; ctx.url parses on first use.
  const plain = rawUrl.length > MAX_URL_LENGTH ? undefined : plainPath(rawUrl);
  let pathname = plain ?? '/';
  const ctx = new LazyRequestContext(req, res, method, plain === undefined ? '/' : rawUrl, pathname);
  let route = 'unmatched';
  setSecurityHeaders(res);
  applyCors(req, res, config);
  compressResponses(req, res, { minBytes: config.compressMinBytes });
  try {
    if (rawUrl.length > MAX_URL_LENGTH) throw new HttpError(414, 'url-too-long', `Request URLs are limited to ${MAX_URL_LENGTH} characters.`);
    if (plain === undefined) {
      try {
        ctx.url = new URL(rawUrl, 'http://localhost');
      } catch {
        throw new HttpError(400, 'bad-url', 'The request URL could not be parsed.');
      }
      pathname = ctx.url.pathname;
    }
    if (method === 'OPTIONS' && pathname === '/v1/impressions') res.setHeader('access-control-allow-origin', '*');
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type, authorization', 'access-control-max-age': '600' });
      res.end();
      return;
    }
    const match = router.match(method, pathname);
    if (match === undefined) throw new HttpError(404, 'not-found', `Nothing at ${pathname}.`);
    if ('allowed' in match) throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here.`, undefined, { allow: match.allowed.join(', ') });
    ctx.params = match.params;
    route = match.pattern;
    const pending = match.handler(ctx);
    if (pending !== undefined) await pending; // a synchronous answer (cache hit) needs no await
  } catch (error) {
    const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong on the embed server.');
    if (!(error instanceof HttpError)) log.error('unhandled', { path: pathname, error: error instanceof Error ? error.message : String(error) });
    if (!res.headersSent) sendError(ctx, httpError);
    else res.destroy();
  } finally {
    requestCounter(metrics).inc([route, method, String(res.statusCode)]);
    if (debug) log.debug('request', { method, path: pathname, status: res.statusCode, ms: Math.round(performance.now() - started) });
  }
}

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  res.setHeader('x-frame-options', 'SAMEORIGIN');
  res.setHeader('cross-origin-resource-policy', 'cross-origin');
}

function applyCors(req: IncomingMessage, res: ServerResponse, config: ServerConfig): void {
  const origin = req.headers.origin;
  if (config.allowedOrigins.includes('*')) res.setHeader('access-control-allow-origin', '*');
  else if (origin !== undefined && config.allowedOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'origin');
  }
}
