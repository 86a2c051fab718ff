/**
 * Where cached timeline pages live: an in-process LRU bounded by entries, or Redis (sharing
 * the post cache's connection) when several processes serve the same timelines. Besides pages,
 * the store keeps admin purges (so a purged post leaves cached pages in every process) and
 * the timeline endpoints' rate-limit state (X limits them apart from post lookups).
 */
import type { Redis } from 'ioredis';
import { countKeys, readRateLimitUntil, writeRateLimitUntil } from './redis-state.js';
import { parseTimelinePage, type TimelinePage } from '../../src/data/timeline.js';
import { MAX_POST_AGE_MS } from './post-cache.js';

/** A cached answer for one upstream query, and when the upstream last confirmed it. */
export interface TimelineCacheEntry {
  /** The normalized page; null when the upstream said there is no such timeline. */
  page: TimelinePage | null;
  /** Epoch ms of the last successful upstream check (the 24-hour rule counts from here). */
  checkedAt: number;
}

/** Counts for /metrics. */
export interface TimelineCacheStats {
  entries: number;
  evictions: number;
}

/** A timeline page store shared by every process that uses it. */
export interface TimelineCache {
  readonly kind: 'memory' | 'redis';
  /** The entry, unless older than the keep time (then it is gone). */
  get(key: string): Promise<TimelineCacheEntry | undefined>;
  set(key: string, entry: TimelineCacheEntry): Promise<void>;
  /** When each of `ids` was last purged by an administrator (epoch ms); ids never purged are absent. */
  purgedAt(ids: readonly string[]): Promise<Map<string, number>>;
  /** Record an admin purge of post `id` at `at`. */
  markPurged(id: string, at: number): Promise<void>;
  /** Until when (epoch ms) the timeline endpoints are rate-limited; 0 when not. */
  getRateLimitUntil(): Promise<number>;
  setRateLimitUntil(until: number): Promise<void>;
  stats(): Promise<TimelineCacheStats>;
  close(): Promise<void>;
}

/** Options shared by both stores. */
export interface TimelineCacheOptions {
  /** How long after its last check a page may still be served (stale); capped at 24 hours. */
  keepMs: number;
  now?: () => number;
}

/** The keep time actually used: never past X's 24-hour rule. */
export function keepTime(keepMs: number): number {
  return Math.max(1, Math.min(keepMs, MAX_POST_AGE_MS));
}

/** In-process LRU over a Map (insertion order = recency), bounded by entries. */
export class MemoryTimelineCache implements TimelineCache {
  readonly kind = 'memory' as const;
  private readonly pages = new Map<string, TimelineCacheEntry>();
  private readonly purges = new Map<string, number>();
  private evictions = 0;
  private rateLimitUntil = 0;
  private readonly keepMs: number;
  private readonly now: () => number;

  constructor(
    private readonly maxEntries: number,
    options: TimelineCacheOptions,
  ) {
    this.keepMs = keepTime(options.keepMs);
    this.now = options.now ?? Date.now;
  }

  get(key: string): Promise<TimelineCacheEntry | undefined> {
    const entry = this.pages.get(key);
    if (entry === undefined) return Promise.resolve(undefined);
    this.pages.delete(key);
    if (this.now() - entry.checkedAt >= this.keepMs) return Promise.resolve(undefined);
    this.pages.set(key, entry);
    return Promise.resolve(entry);
  }

  set(key: string, entry: TimelineCacheEntry): Promise<void> {
    this.pages.delete(key);
    this.pages.set(key, entry);
    while (this.pages.size > this.maxEntries) {
      const oldest = this.pages.keys().next();
      if (oldest.done === true) break;
      this.pages.delete(oldest.value);
      this.evictions++;
    }
    return Promise.resolve();
  }

  purgedAt(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (this.purges.size === 0) return Promise.resolve(out);
    for (const id of ids) {
      const at = this.purges.get(id);
      if (at !== undefined) out.set(id, at);
    }
    return Promise.resolve(out);
  }

  markPurged(id: string, at: number): Promise<void> {
    // A purge older than the keep time can no longer concern a cached page: forget it.
    for (const [old, when] of this.purges) if (at - when >= this.keepMs) this.purges.delete(old);
    this.purges.set(id, at);
    return Promise.resolve();
  }

  getRateLimitUntil(): Promise<number> {
    return Promise.resolve(this.rateLimitUntil);
  }

  setRateLimitUntil(until: number): Promise<void> {
    this.rateLimitUntil = until;
    return Promise.resolve();
  }

  stats(): Promise<TimelineCacheStats> {
    return Promise.resolve({ entries: this.pages.size, evictions: this.evictions });
  }

  close(): Promise<void> {
    this.pages.clear();
    this.purges.clear();
    return Promise.resolve();
  }
}

/** Pages in Redis, with a TTL of the keep time; uses (and never closes) a connection it is given. */
export class RedisTimelineCache implements TimelineCache {
  readonly kind = 'redis' as const;
  private readonly keepMs: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: TimelineCacheOptions & { prefix?: string },
    private readonly prefix = `${options.prefix ?? 'perch:'}timeline:`,
  ) {
    this.keepMs = keepTime(options.keepMs);
    this.now = options.now ?? Date.now;
  }

  async get(key: string): Promise<TimelineCacheEntry | undefined> {
    const raw = await this.redis.get(`${this.prefix}page:${key}`);
    if (raw === null) return undefined;
    try {
      const parsed = JSON.parse(raw) as { checkedAt: unknown; page: unknown };
      if (typeof parsed.checkedAt !== 'number' || this.now() - parsed.checkedAt >= this.keepMs) return undefined;
      return { checkedAt: parsed.checkedAt, page: parsed.page === null ? null : parseTimelinePage(parsed.page) };
    } catch {
      return undefined; // a corrupt entry is a miss
    }
  }

  async set(key: string, entry: TimelineCacheEntry): Promise<void> {
    const ttl = this.keepMs - (this.now() - entry.checkedAt);
    if (ttl <= 0) return;
    await this.redis.set(`${this.prefix}page:${key}`, JSON.stringify(entry), 'PX', Math.ceil(ttl));
  }

  async purgedAt(ids: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (ids.length === 0) return out;
    const values = await this.redis.mget(...ids.map((id) => `${this.prefix}purged:${id}`));
    ids.forEach((id, i) => {
      const at = Number(values[i] ?? NaN);
      if (Number.isFinite(at)) out.set(id, at);
    });
    return out;
  }

  async markPurged(id: string, at: number): Promise<void> {
    // Kept as long as a page checked before the purge can be kept.
    await this.redis.set(`${this.prefix}purged:${id}`, String(at), 'PX', this.keepMs);
  }

  async getRateLimitUntil(): Promise<number> {
    return readRateLimitUntil(this.redis, `${this.prefix}ratelimit:until`);
  }

  async setRateLimitUntil(until: number): Promise<void> {
    await writeRateLimitUntil(this.redis, `${this.prefix}ratelimit:until`, until, this.now());
  }

  async stats(): Promise<TimelineCacheStats> {
    const entries = await countKeys(this.redis, `${this.prefix}page:*`);
    return { entries, evictions: 0 };
  }

  close(): Promise<void> {
    return Promise.resolve(); // the connection belongs to the post cache, which closes it
  }
}
