/**
 * The embed server: `startServer(config)` listens and returns its URL and a `close()`.
 * One HTTP layer (limits, CORS, security headers, errors, logs, metrics) in front of a
 * router that each feature fills: posts, media, oEmbed, impressions, admin.
 */
import type { AddressInfo } from 'node:net';
import { MemoryCache } from './cache/memory-cache.js';
import type { PostCache } from './cache/post-cache.js';
import { RedisCache } from './cache/redis-cache.js';
import { FallbackPostCache, sharedCacheOf } from './cache/fallback-cache.js';
import { LocalServedPosts, RedisServedPosts, type ServedPosts } from './impressions/served-posts.js';
import { resolveConfig, type ServerConfig } from './config.js';
import { sendJson } from './http/context.js';
import { createHttpServer } from './http/handler.js';
import { Resources } from './http/resources.js';
import { Router } from './http/router.js';
import { createLogger, type Logger } from './log.js';
import { Metrics } from './metrics.js';
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

/** Start the embed server. Anything opened is closed again when start-up fails (including `listen`). */
export async function startServer(partial: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = resolveConfig(partial);
  const log = createLogger(config.logLevel);
  const resources = new Resources();
  try {
    return await start(config, log, resources);
  } catch (error) {
    await resources.closeAll((name, e) => log.error('close failed', { resource: name, error: e instanceof Error ? e.message : String(e) }));
    throw error;
  }
}

async function start(config: ServerConfig, log: Logger, resources: Resources): Promise<RunningServer> {
  const metrics = new Metrics();
  // the widget build first: without it the oEmbed and static HTML would point at nothing
  const assets = await loadWidgetAssets(config.assetsDir);
  const health = new HealthRegistry(log, metrics, config.now);
  const upstream = await createUpstream(config);
  resources.add('upstream', { close: () => upstream.close?.() });
  const cache = resources.add('cache', await openCache(config, health));
  // Impressions count only for posts served here (or by a process sharing the same Redis) in the last 24 hours.
  const served = config.impressions.countUnservedPosts === true ? undefined : resources.add('served posts', servedPostsFor(cache, config.now));
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
  // Built-in timelines only with the built-in data: production upstreams never fall back to them.
  const noTimelines = timelineUpstream === undefined && config.upstream !== 'fixtures' ? `Timelines need the x-api-v2 upstream; the ${config.upstream} upstream cannot list an account's posts.` : undefined;
  registerTimelineRoutes(router, { rootDir: config.rootDir, now: config.now, unsupported: noTimelines, ...(timelineUpstream !== undefined ? { upstream: timelineUpstream } : {}), ...(timelineCache !== undefined ? { cache: timelineCache } : {}) });
  const impressions = resources.add('impressions', await registerImpressions(router, {
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
  }));
  await registerOptionalRoutes(router, config, posts, () => publicUrl, log, metrics);
  registerWidgetAssets(router, assets);
  if (config.serveDemo) registerStaticRoutes(router, config.rootDir);

  const server = createHttpServer({ router, allowedOrigins: config.allowedOrigins, log, metrics, compressMinBytes: config.compressMinBytes });
  await new Promise<void>((resolve, reject) => {
    // A server that could not listen still holds its handle until closed.
    const failed = (error: Error): void => void server.close(() => reject(error));
    server.once('error', failed);
    server.listen(config.port, config.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
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
        await resources.closeAll((name, e) => log.error('close failed', { resource: name, error: e instanceof Error ? e.message : String(e) }));
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
  registerRenderRoutes(router, posts, { publicUrl, demoRoot: config.serveDemo ? config.rootDir : undefined, log });
  registerOembed(router, posts, { publicUrl });
  // With the built-in data there is no X to fetch from: allowed media URLs get a placeholder.
  if (config.upstream === 'fixtures' && config.mediaResolveOrigin === undefined) registerMediaPlaceholder(router);
  else registerMediaProxy(router, { resolveOrigin: config.mediaResolveOrigin, metrics });
}
