/**
 * The shared (Redis) post cache with a copy in this process: every entry read from or written to Redis is also kept
 * in a bounded in-process LRU, and while Redis cannot be reached posts are served from that copy (same 24-hour
 * rule) instead of waiting on Redis and failing. /healthz shows the outage; when Redis is back it is the source again.
 */
import type { HealthRegistry } from '../health.js';
import { redisFailure, StoreUnavailableError } from '../health.js';
import { MemoryCache } from './memory-cache.js';
import type { CacheEntry, CacheStats, PostCache } from './post-cache.js';
import type { RedisCache } from './redis-cache.js';

/** Limits of the in-process copy. */
export interface FallbackCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

export class FallbackPostCache implements PostCache {
  readonly kind = 'redis' as const;
  private readonly local: MemoryCache;
  private closing = false;

  constructor(
    /** The shared cache (the timeline cache uses its connection too). */
    readonly shared: RedisCache,
    private readonly health: HealthRegistry,
    options: FallbackCacheOptions = {},
  ) {
    this.local = new MemoryCache(options);
    shared.connection.on('close', () => {
      if (!this.closing) health.degraded('post-cache', 'redis-unreachable', 'The post cache lost its connection to Redis; posts are served from this process.');
    });
    shared.connection.on('ready', () => health.recovered('post-cache'));
  }

  /** Whether Redis is known to be away now: then it is not even asked. */
  private get down(): boolean {
    return this.health.isDegraded('post-cache');
  }

  private failed(error: unknown): StoreUnavailableError | undefined {
    const failure = redisFailure(error, 'The post cache');
    if (!(failure instanceof StoreUnavailableError)) return undefined;
    this.health.degraded('post-cache', failure.reason, 'Redis cannot be reached; posts are served from this process.');
    return failure;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    if (this.down) return this.local.getMany(ids);
    try {
      const found = await this.shared.getMany(ids);
      let copy: Map<string, CacheEntry> | undefined;
      for (const [id, entry] of found) {
        if (this.local.peek(id)?.checkedAt === entry.checkedAt) continue; // this process already has this version
        (copy ??= new Map()).set(id, entry);
      }
      if (copy !== undefined) await this.local.setMany(copy);
      return found;
    } catch (error) {
      if (this.failed(error) === undefined) throw error;
      return this.local.getMany(ids);
    }
  }

  /** A synchronous hit from this process's copy, only while Redis is away (otherwise Redis is the source). */
  peek(id: string): CacheEntry | undefined {
    return this.down ? this.local.peek(id) : undefined;
  }

  async setMany(entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
    await this.local.setMany(entries);
    if (this.down) return;
    await this.shared.setMany(entries).catch((error: unknown) => {
      if (this.failed(error) === undefined) throw error;
    });
  }

  /** A purge must reach every process: while Redis is away it is refused (503), after dropping this process's copy. */
  async delete(id: string): Promise<void> {
    await this.local.delete(id);
    try {
      await this.shared.delete(id);
    } catch (error) {
      throw this.failed(error) ?? error;
    }
  }

  async getRateLimitUntil(): Promise<number> {
    if (this.down) return this.local.getRateLimitUntil();
    try {
      return await this.shared.getRateLimitUntil();
    } catch (error) {
      if (this.failed(error) === undefined) throw error;
      return this.local.getRateLimitUntil();
    }
  }

  async setRateLimitUntil(until: number): Promise<void> {
    await this.local.setRateLimitUntil(until);
    if (this.down) return;
    await this.shared.setRateLimitUntil(until).catch((error: unknown) => {
      if (this.failed(error) === undefined) throw error;
    });
  }

  async stats(): Promise<CacheStats> {
    if (this.down) return this.local.stats();
    return this.shared.stats().catch(() => this.local.stats());
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.shared.close();
  }
}

/** The cache whose connection other shared stores use (the timeline cache): the Redis cache behind a fallback. */
export function sharedCacheOf(cache: PostCache): PostCache {
  return cache instanceof FallbackPostCache ? cache.shared : cache;
}
