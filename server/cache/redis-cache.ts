/**
 * Redis-backed cache for several server processes: posts, the rate-limit state and purges
 * are shared, so a tombstone or a purge written by one process is what every process reads next.
 */
import { Redis } from 'ioredis';
import { countKeys, readRateLimitUntil, writeRateLimitUntil } from './redis-state.js';
import { parsePostResult } from '../../src/data/validate-model.js';
import type { CacheEntry, CacheStats, PostCache } from './post-cache.js';
import { MAX_POST_AGE_MS } from './post-cache.js';

/** Options for the Redis cache. */
export interface RedisCacheOptions {
  /** Key prefix, so several deployments can share one Redis. */
  prefix?: string;
  now?: () => number;
  connectTimeoutMs?: number;
}

/** A connection problem at start-up, with a message that names the store. */
export class StoreConnectError extends Error {
  override readonly name = 'StoreConnectError';
}

/** Check a `redis://` or `rediss://` URL; throws with a clear message. */
export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreConnectError(`--store: "${url}" is not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new StoreConnectError(`--store: expected redis:// or rediss://, got ${parsed.protocol}`);
  return parsed;
}

/** How long one command may wait for Redis before it fails (the request then answers at once, not after seconds). */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;

/**
 * Open a Redis connection (ioredis reconnects by itself afterwards, every second at most), or a StoreConnectError
 * naming the host. While Redis is away, commands fail at once instead of queueing (no offline queue, no retry of
 * a command on reconnect) and a command that gets no answer fails after REDIS_COMMAND_TIMEOUT_MS: callers fall
 * back (posts from this process's copy) or answer 503 (impressions, which the page sends again).
 */
export async function connectRedis(url: string, connectTimeoutMs = 3000): Promise<Redis> {
  const parsed = checkRedisUrl(url);
  const redis = new Redis(parsed.href, {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  redis.on('error', () => {
    // Reconnects are automatic; failed commands surface as errors where they are awaited.
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new StoreConnectError(`--store: cannot reach Redis at ${parsed.host} (${error instanceof Error ? error.message : String(error)})`);
  }
  return redis;
}

export class RedisCache implements PostCache {
  readonly kind = 'redis' as const;
  private readonly prefix: string;
  private readonly now: () => number;

  private constructor(
    private readonly redis: Redis,
    options: RedisCacheOptions,
  ) {
    this.prefix = options.prefix ?? 'perch:';
    this.now = options.now ?? Date.now;
  }

  /** Connect, failing fast with a readable error when Redis is not there. */
  static async connect(url: string, options: RedisCacheOptions = {}): Promise<RedisCache> {
    const redis = await connectRedis(url, options.connectTimeoutMs);
    return new RedisCache(redis, options);
  }

  /** The connection, for other caches that share it (the timeline cache); they never close it. */
  get connection(): Redis {
    return this.redis;
  }

  private key(id: string): string {
    return `${this.prefix}post:${id}`;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    const out = new Map<string, CacheEntry>();
    if (ids.length === 0) return out;
    const values = await this.redis.mget(...ids.map((id) => this.key(id)));
    const now = this.now();
    ids.forEach((id, i) => {
      const raw = values[i];
      if (raw === null || raw === undefined) return;
      try {
        const parsed = JSON.parse(raw) as { checkedAt: unknown; post: unknown };
        if (typeof parsed.checkedAt !== 'number' || now - parsed.checkedAt >= MAX_POST_AGE_MS) return;
        out.set(id, { checkedAt: parsed.checkedAt, post: parsePostResult(parsed.post) });
      } catch {
        // A corrupt entry is a miss.
      }
    });
    return out;
  }

  async setMany(entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
    if (entries.size === 0) return;
    const now = this.now();
    const multi = this.redis.multi();
    for (const [id, entry] of entries) {
      const ttl = MAX_POST_AGE_MS - (now - entry.checkedAt);
      if (ttl <= 0) continue;
      multi.set(this.key(id), JSON.stringify(entry), 'PX', Math.ceil(ttl));
    }
    await multi.exec();
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  async getRateLimitUntil(): Promise<number> {
    return readRateLimitUntil(this.redis, `${this.prefix}ratelimit:until`);
  }

  async setRateLimitUntil(until: number): Promise<void> {
    await writeRateLimitUntil(this.redis, `${this.prefix}ratelimit:until`, until, this.now());
  }

  async stats(): Promise<CacheStats> {
    const entries = await countKeys(this.redis, `${this.prefix}post:*`);
    return { entries, bytes: 0, evictions: 0 };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
