/**
 * Which posts this server served in the last 24 hours: only their impressions are counted, so made-up post ids
 * (which cost storage and say nothing) are ignored. The page sends nothing new: the check is on the post id alone.
 * In one process, hour buckets of ids; with Redis, the same plus one sorted set (id → last time served) shared by
 * every process, so a post served by one process may be counted by another.
 */
import type { Redis } from 'ioredis';
import { redisFailure } from '../health.js';

const HOUR_MS = 60 * 60 * 1000;
/** How long a served post's impressions are counted. */
export const SERVED_WINDOW_MS = 24 * HOUR_MS;

/** The served-post check. */
export interface ServedPosts {
  /** Note that post `id` was served now (hot path: constant time, no I/O). */
  markServed(id: string): void;
  /** Which of `ids` were served in the last 24 hours. */
  known(ids: readonly string[]): Promise<Set<string>>;
  close(): Promise<void>;
}

/** Options for the in-process registry. */
export interface LocalServedOptions {
  now?: () => number;
  /** Most ids remembered (all buckets); beyond it the oldest hours are forgotten early. Default 1,000,000. */
  maxIds?: number;
}

/** Ids served in this process, in hour buckets (the last 25 are kept). */
export class LocalServedPosts implements ServedPosts {
  private readonly buckets = new Map<number, Set<string>>();
  private current: Set<string> = new Set();
  private currentHour = -1;
  private size = 0;
  private readonly now: () => number;
  private readonly maxIds: number;

  constructor(options: LocalServedOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxIds = options.maxIds ?? 1_000_000;
  }

  /** Add `id` to this hour's bucket; true when it was not there yet. */
  add(id: string): boolean {
    const hour = Math.floor(this.now() / HOUR_MS);
    if (hour !== this.currentHour) this.rotate(hour);
    if (this.current.has(id)) return false;
    this.current.add(id);
    this.size++;
    if (this.size > this.maxIds) this.dropOldest();
    return true;
  }

  markServed(id: string): void {
    this.add(id);
  }

  /** Whether `id` was served here within the window. */
  has(id: string): boolean {
    const oldest = Math.floor((this.now() - SERVED_WINDOW_MS) / HOUR_MS);
    for (const [hour, ids] of this.buckets) if (hour >= oldest && ids.has(id)) return true;
    return false;
  }

  known(ids: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(ids.filter((id) => this.has(id))));
  }

  private rotate(hour: number): void {
    this.currentHour = hour;
    this.current = this.buckets.get(hour) ?? new Set();
    this.buckets.set(hour, this.current);
    const oldest = Math.floor((this.now() - SERVED_WINDOW_MS) / HOUR_MS);
    for (const [h, ids] of this.buckets) {
      if (h >= oldest) continue;
      this.size -= ids.size;
      this.buckets.delete(h);
    }
  }

  private dropOldest(): void {
    const oldest = Math.min(...this.buckets.keys());
    if (oldest === this.currentHour) return; // one hour holds more than the bound: keep serving, stop growing later
    this.size -= this.buckets.get(oldest)?.size ?? 0;
    this.buckets.delete(oldest);
  }

  close(): Promise<void> {
    this.buckets.clear();
    return Promise.resolve();
  }
}

/** Options for the shared registry. */
export interface RedisServedOptions {
  prefix?: string;
  now?: () => number;
}

/** Most ids waiting to be written to Redis (while it is away); beyond it the oldest wait is dropped. */
const MAX_PENDING = 100_000;

/** The served ids of every process sharing one Redis. */
export class RedisServedPosts implements ServedPosts {
  private readonly local: LocalServedPosts;
  private readonly key: string;
  private readonly now: () => number;
  private pending = new Set<string>();
  private scheduled = false;
  private writing: Promise<void> | undefined;
  private lastTrim = 0;

  constructor(
    private readonly redis: Redis,
    options: RedisServedOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.local = new LocalServedPosts({ now: this.now });
    this.key = `${options.prefix ?? 'perch:'}imp:served`;
  }

  /** Noted here at once; written to Redis with the others served in the same turn of the event loop. */
  markServed(id: string): void {
    if (!this.local.add(id)) return; // already written this hour
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.values().next().value as string);
    this.pending.add(id);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.write());
    }
  }

  private async write(): Promise<void> {
    this.scheduled = false;
    const ids = [...this.pending];
    this.pending = new Set();
    const now = this.now();
    const args: Array<string | number> = [];
    for (const id of ids) args.push(now, id);
    const multi = this.redis.multi().zadd(this.key, 'GT', ...args);
    if (now - this.lastTrim > 60_000) {
      this.lastTrim = now;
      multi.zremrangebyscore(this.key, '-inf', now - SERVED_WINDOW_MS);
    }
    this.writing = multi.exec().then(
      () => undefined,
      () => {
        for (const id of ids) if (this.pending.size < MAX_PENDING) this.pending.add(id); // Redis away: write them later
      },
    );
    await this.writing;
  }

  async known(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const ask: string[] = [];
    for (const id of ids) {
      if (this.local.has(id)) out.add(id);
      else ask.push(id);
    }
    if (ask.length === 0) return out;
    if (this.pending.size > 0 && !this.scheduled) void this.write(); // retry what waits for Redis
    let scores: Array<string | null>;
    try {
      scores = await this.redis.zmscore(this.key, ...ask);
    } catch (error) {
      throw redisFailure(error, 'Served posts cannot be checked');
    }
    const since = this.now() - SERVED_WINDOW_MS;
    ask.forEach((id, i) => {
      const score = scores[i];
      if (score !== null && score !== undefined && Number(score) >= since) out.add(id);
    });
    return out;
  }

  async close(): Promise<void> {
    await this.writing;
    await this.local.close();
  }
}
