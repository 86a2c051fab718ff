/** The contract for where posts and shared upstream state live: this process, or Redis for several. */
import type { PostResult } from '../../src/data/model.js';

/** A cached answer and when the upstream last confirmed it. */
export interface CacheEntry {
  post: PostResult;
  /** Epoch ms of the last successful check with the upstream (the 24-hour rule counts from here). */
  checkedAt: number;
}

/** Counts for /metrics. */
export interface CacheStats {
  entries: number;
  bytes: number;
  evictions: number;
}

/** A post cache shared by every process that uses the same store. */
export interface PostCache {
  readonly kind: 'memory' | 'redis';
  getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>>;
  /** A synchronous lookup for caches held in this process (the hot path of a cache hit); same rules as getMany. */
  peek?(id: string): CacheEntry | undefined;
  setMany(entries: ReadonlyMap<string, CacheEntry>): Promise<void>;
  /** Remove a post everywhere (admin purge). */
  delete(id: string): Promise<void>;
  /** Until when (epoch ms) the upstream said not to call it; 0 when not limited. */
  getRateLimitUntil(): Promise<number>;
  setRateLimitUntil(until: number): Promise<void>;
  stats(): Promise<CacheStats>;
  close(): Promise<void>;
}

/** Upper bound on how long anything may be kept: X's 24-hour rule (policy I.C). */
export const MAX_POST_AGE_MS = 24 * 60 * 60 * 1000;
