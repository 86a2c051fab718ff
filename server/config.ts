/** The embed server's configuration: defaults, and the typed shape every part reads. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where impression counts are kept: an LMDB file under `dataDir`, or the Redis of `store`. */
export type ImpressionsStoreKind = 'lmdb' | 'redis';

/** Per-client bound on impression events (token bucket per visitor address). */
export interface ImpressionsRateLimit {
  /** Sustained events per second one visitor address may send. Default 500. */
  eventsPerSecond?: number | undefined;
  /** Events one visitor address may send at once. Default 5,000. */
  burst?: number | undefined;
  /** Leave loopback peers without X-Forwarded-For unlimited (default true). */
  exemptLoopback?: boolean | undefined;
  /** Events one visitor address may add to a UTC day. Default 20,000. */
  eventsPerDay?: number | undefined;
}

/** Where posts come from. */
export type UpstreamKind = 'fixtures' | 'syndication' | 'x-api-v2';

/** How much the server logs (JSON lines on stdout). */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** Everything `startServer` accepts; all fields but none are optional. */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. Default 8080. */
  port: number;
  /** Interface to listen on. Default 127.0.0.1 (localhost only). */
  host: string;
  /** Post source. Default `fixtures` (the built-in recorded data, no network). */
  upstream: UpstreamKind;
  /** Repository root: where `demo/`, `dist/` and `fixtures/` are served from. */
  rootDir: string;
  /** Serve the demo pages, the built widgets and the fixtures (on by default with the fixtures upstream). */
  serveDemo: boolean;
  /** Origins allowed to call the API from a browser (`*` for any). */
  allowedOrigins: string[];
  logLevel: LogLevel;
  /**
   * Post cache: `memory` (default: in-process LRU) or a `redis://` URL shared by several processes.
   * With `memory`, impressions still go to an LMDB file under `dataDir` (see `impressionsStore`).
   */
  store: string;
  /** Impressions store: `lmdb` (a file under `dataDir`; default with `store: memory`) or `redis` (the `store` URL; default with Redis). */
  impressionsStore: ImpressionsStoreKind;
  /** The CDN build of the widgets, served at `/dist/cdn/`. Default `<rootDir>/dist/cdn`. */
  assetsDir: string;
  /** JSON and HTML answers at least this long are compressed when the client accepts it. Default 1024. */
  compressMinBytes: number;
  /** Token for admin endpoints (purge); admin endpoints are off without one. */
  adminToken?: string | undefined;
  /** X API v2 bearer token (from X_BEARER_TOKEN); required by the x-api-v2 upstream, never logged. */
  bearerToken?: string | undefined;
  /** Base URL of the X API (tests point it at a local fake). */
  xApiBaseUrl?: string | undefined;
  /** Base URL of the syndication endpoint (tests point it at a local fake). */
  syndicationBaseUrl?: string | undefined;
  /** In-process cache limits, and when an entry is revalidated. */
  cache: { maxEntries: number; maxBytes: number; freshMs: number; batchWindowMs?: number };
  /**
   * Timeline page cache (X API upstream): pages are revalidated after `freshMs` (default 60 s), kept
   * at most `keepMs` after their last successful check to serve when X fails (default 1 hour,
   * never more than 24 hours), and at most `maxEntries` pages in process (default 1000).
   */
  timelines: { freshMs: number; keepMs: number; maxEntries: number };
  /** Where the media proxy actually connects for an allowed X media host (tests: a local fake). */
  mediaResolveOrigin?: ((host: string) => string) | undefined;
  /** The server's public base URL (oEmbed HTML points at it); by default the listening URL. */
  publicUrl?: string | undefined;
  /** Clock (tests control it to check the 24-hour rule). */
  now: () => number;
  /** Where the embedded impressions store (LMDB) lives when the store is `memory`. */
  dataDir: string;
  /**
   * Impressions: daily threshold, alert levels (fractions), webhook for alerts; `clientEventsPerDay`: events one
   * client address may add to a UTC day (default 20,000); `retentionDays`: how long per-post counts are kept
   * (default 90; daily totals are kept); `countUnservedPosts`: count post ids this server did not serve (default false).
   */
  impressions: {
    threshold?: number | undefined;
    alertLevels?: number[] | undefined;
    webhookUrl?: string | undefined;
    projectAfterMs?: number | undefined;
    clientEventsPerDay?: number | undefined;
    retentionDays?: number | undefined;
    countUnservedPosts?: boolean | undefined;
    rateLimit?: ImpressionsRateLimit | false | undefined;
  };
}

/** Defaults of the timeline page cache. */
export const DEFAULT_TIMELINE_CACHE: ServerConfig['timelines'] = { freshMs: 60_000, keepMs: 60 * 60 * 1000, maxEntries: 1000 };

/**
 * Find where `dist/cdn/` and `fixtures/` live: the repository root (the folder whose package.json is
 * perch-widgets) in a checkout, else the installed perch-server package's own folder.
 */
export function findRootDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  let installed: string | undefined;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
        const name = typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown }).name : undefined;
        if (name === 'perch-widgets') return dir;
        if (name === 'perch-server' && installed === undefined && existsSync(join(dir, 'dist/cdn/perch.js'))) installed = dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) return installed ?? process.cwd();
    dir = up;
  }
}

/** Fill in defaults and check values; throws a ConfigError naming the bad option. */
export function resolveConfig(partial: Partial<ServerConfig>): ServerConfig {
  const upstream = partial.upstream ?? 'fixtures';
  const rootDir = partial.rootDir ?? findRootDir();
  const store = partial.store ?? 'memory';
  const config: ServerConfig = {
    port: partial.port ?? 8080,
    host: partial.host ?? '127.0.0.1',
    upstream,
    rootDir,
    serveDemo: partial.serveDemo ?? (upstream === 'fixtures' && existsSync(join(rootDir, 'demo'))),
    allowedOrigins: partial.allowedOrigins ?? ['*'],
    logLevel: partial.logLevel ?? 'info',
    store,
    impressionsStore: partial.impressionsStore ?? (store === 'memory' ? 'lmdb' : 'redis'),
    assetsDir: resolve(partial.assetsDir ?? join(rootDir, 'dist/cdn')),
    compressMinBytes: partial.compressMinBytes ?? 1024,
    adminToken: partial.adminToken,
    bearerToken: partial.bearerToken,
    xApiBaseUrl: partial.xApiBaseUrl,
    syndicationBaseUrl: partial.syndicationBaseUrl,
    cache: { maxEntries: 50_000, maxBytes: 64 * 1024 * 1024, freshMs: 15 * 60 * 1000, ...partial.cache },
    timelines: { ...DEFAULT_TIMELINE_CACHE, ...partial.timelines },
    mediaResolveOrigin: partial.mediaResolveOrigin,
    publicUrl: partial.publicUrl,
    now: partial.now ?? Date.now,
    dataDir: partial.dataDir ?? process.env.PERCH_DATA_DIR ?? '',
    impressions: partial.impressions ?? {},
  };
  // a checkout keeps its data beside the sources; an installed package never inside node_modules
  if (config.dataDir === '') config.dataDir = existsSync(join(config.rootDir, 'src')) ? join(config.rootDir, 'perch-data') : resolve('perch-data');
  if (config.store !== 'memory' && !/^rediss?:\/\//.test(config.store)) throw new ConfigError('store', `expected "memory" or a redis:// URL, got "${config.store}"`);
  if (config.impressionsStore !== 'lmdb' && config.impressionsStore !== 'redis') throw new ConfigError('impressions-store', `expected "lmdb" or "redis", got "${String(config.impressionsStore)}"`);
  if (config.impressionsStore === 'redis' && config.store === 'memory') throw new ConfigError('impressions-store', 'redis needs a Redis: pass --store redis://host:port (the same Redis holds the post cache and the counts)');
  if (!Number.isInteger(config.compressMinBytes) || config.compressMinBytes < 0) throw new ConfigError('compress-min-bytes', 'must be 0 or a positive integer');
  if (config.upstream === 'x-api-v2' && (config.bearerToken === undefined || config.bearerToken === '')) {
    throw new ConfigError('upstream', 'x-api-v2 needs a bearer token: set X_BEARER_TOKEN in the environment');
  }
  if (!Number.isInteger(config.cache.maxEntries) || config.cache.maxEntries < 1) throw new ConfigError('cache-max-entries', 'must be a positive integer');
  if (!Number.isFinite(config.timelines.freshMs) || config.timelines.freshMs < 0) throw new ConfigError('timeline-cache-seconds', 'must be 0 or more');
  if (!Number.isFinite(config.timelines.keepMs) || config.timelines.keepMs <= 0) throw new ConfigError('timelines.keepMs', 'must be positive');
  if (!Number.isInteger(config.timelines.maxEntries) || config.timelines.maxEntries < 1) throw new ConfigError('timelines.maxEntries', 'must be a positive integer');
  for (const origin of config.allowedOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) throw new ConfigError('allowed-origins', `"${origin}" is not an origin like https://example.com`);
  }
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) throw new ConfigError('port', `must be an integer 0–65535, got ${String(partial.port)}`);
  if (!['fixtures', 'syndication', 'x-api-v2'].includes(config.upstream)) throw new ConfigError('upstream', `must be fixtures, syndication or x-api-v2, got ${String(config.upstream)}`);
  const perDay = config.impressions.clientEventsPerDay;
  if (perDay !== undefined && (!Number.isInteger(perDay) || perDay < 1)) throw new ConfigError('client-events-per-day', 'must be a positive integer');
  const retention = config.impressions.retentionDays;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 1)) throw new ConfigError('retention-days', 'must be a positive integer');
  if (!['silent', 'error', 'warn', 'info', 'debug'].includes(config.logLevel)) throw new ConfigError('logLevel', `unknown level ${String(config.logLevel)}`);
  return config;
}

/** A configuration value that cannot work. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly option: string,
    detail: string,
  ) {
    super(`--${option}: ${detail}`);
  }
}
