/** The embed server's configuration: defaults, and the typed shape every part reads. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  /** `memory` (default: in-process LRU) or a `redis://` URL shared by several processes. */
  store: string;
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
  };
}

/** Defaults of the timeline page cache. */
export const DEFAULT_TIMELINE_CACHE: ServerConfig['timelines'] = { freshMs: 60_000, keepMs: 60 * 60 * 1000, maxEntries: 1000 };

/** Find the repository root (the folder whose package.json is perch-widgets). */
export function findRootDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(pkg, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && (parsed as { name?: unknown }).name === 'perch-widgets') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** Fill in defaults and check values; throws a ConfigError naming the bad option. */
export function resolveConfig(partial: Partial<ServerConfig>): ServerConfig {
  const upstream = partial.upstream ?? 'fixtures';
  const config: ServerConfig = {
    port: partial.port ?? 8080,
    host: partial.host ?? '127.0.0.1',
    upstream,
    rootDir: partial.rootDir ?? findRootDir(),
    serveDemo: partial.serveDemo ?? upstream === 'fixtures',
    allowedOrigins: partial.allowedOrigins ?? ['*'],
    logLevel: partial.logLevel ?? 'info',
    store: partial.store ?? 'memory',
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
  if (config.dataDir === '') config.dataDir = join(config.rootDir, 'perch-data');
  if (config.store !== 'memory' && !/^rediss?:\/\//.test(config.store)) throw new ConfigError('store', `expected "memory" or a redis:// URL, got "${config.store}"`);
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
