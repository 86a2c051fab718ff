/**
 * Posts through the cache, under X's rules:
 * - fresh entries are served; older ones are served while revalidated in the background
 *   (stale-while-revalidate), but never more than 24 hours after the last successful check;
 * - concurrent misses for one id share one upstream call, and misses within a short window
 *   are batched into as few calls as the upstream allows (100 ids for X API v2);
 * - a 429 stops all upstream calls (in every process sharing the store) until its reset time;
 * - an upstream tombstone replaces the cached post at once.
 */
import { POST_MODEL_VERSION, type PostResult } from '../../src/data/model.js';
import type { CacheEntry, PostCache } from '../cache/post-cache.js';
import { MAX_POST_AGE_MS } from '../cache/post-cache.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { AddressRateLimiter, type RateLimitOptions } from '../impressions/rate-limit.js';
import type { Upstream } from '../upstream/upstream.js';
import { isRateLimitError } from '../upstream/upstream.js';
import type { PostService, PostAnswer } from './post-service.js';

/** Tuning for the caching service. */
export interface CachingOptions {
  /** After this long, an entry is revalidated in the background on its next request. Default 15 minutes. */
  freshMs?: number;
  /** How long to gather misses into one upstream call. Default 5 ms. */
  batchWindowMs?: number;
  /** A not-found answer is asked again after this long (it may be a post about to appear). Default 5 minutes. */
  notFoundMs?: number;
  /**
   * Uncached lookups one client may cause (token bucket per client address, in memory; loopback
   * exempt unless said otherwise); `false` turns the bound off. Default burst 300, then 2 per second.
   */
  missesPerClient?: RateLimitOptions | false;
  now?: () => number;
  /** Called with the id of each post answered (not tombstones): impressions count only for posts served. */
  onServed?: ((id: string) => void) | undefined;
}

/** Default bound on uncached lookups per client. */
export const DEFAULT_MISSES_PER_CLIENT = { eventsPerSecond: 2, burst: 300 } as const;

interface Pending {
  resolve(entry: CacheEntry): void;
  reject(error: unknown): void;
}

/** Why an id could not be answered. */
export class PostUnavailableError extends Error {
  override readonly name = 'PostUnavailableError';
  constructor(
    readonly code: 'upstream-rate-limited' | 'upstream-error' | 'too-many-lookups',
    message: string,
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

export class CachingPostService implements PostService {
  private readonly inflight = new Map<string, Promise<CacheEntry>>();
  private queue = new Map<string, Pending[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly freshMs: number;
  private readonly batchWindowMs: number;
  private readonly now: () => number;
  private readonly onServed: ((id: string) => void) | undefined;
  private readonly notFoundMs: number;
  private readonly missLimiter: AddressRateLimiter | undefined;

  constructor(
    private readonly upstream: Upstream,
    private readonly cache: PostCache,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    options: CachingOptions = {},
  ) {
    this.freshMs = Math.min(options.freshMs ?? 15 * 60 * 1000, MAX_POST_AGE_MS);
    this.batchWindowMs = options.batchWindowMs ?? 5;
    this.now = options.now ?? Date.now;
    this.onServed = options.onServed;
    this.notFoundMs = Math.min(options.notFoundMs ?? 5 * 60 * 1000, this.freshMs);
    this.missLimiter = options.missesPerClient === false ? undefined : new AddressRateLimiter({ ...DEFAULT_MISSES_PER_CLIENT, now: this.now, ...options.missesPerClient });
  }

  async getPosts(ids: readonly string[]): Promise<Map<string, PostResult>> {
    const answers = await this.answer(ids);
    const out = new Map<string, PostResult>();
    for (const [id, a] of answers) {
      if (a instanceof Error) throw a;
      out.set(id, a);
    }
    return out;
  }

  /** Like getPosts, but one unavailable id does not fail the others. */
  async answer(ids: readonly string[], client?: string): Promise<Map<string, PostAnswer>> {
    const unique = [...new Set(ids)];
    const cached = await this.cache.getMany(unique);
    const now = this.now();
    const out = new Map<string, PostAnswer>();
    const misses: string[] = [];
    for (const id of unique) {
      const entry = cached.get(id);
      if (entry === undefined) {
        misses.push(id);
        continue;
      }
      out.set(id, this.served(id, entry, now));
    }
    if (misses.length > 0) {
      this.metrics.inc('perch_cache_misses_total', 'Posts not in the cache.', {}, misses.length);
      const wait = this.missLimiter?.take(client, misses.length) ?? 0;
      if (wait > 0) {
        // This client has caused too many upstream lookups: its misses wait, its hits are served.
        this.metrics.inc('perch_lookups_refused_total', 'Uncached lookups refused: one client asked for too many posts not in the cache.', {}, misses.length);
        const refused = new PostUnavailableError('too-many-lookups', `Too many posts not in the cache asked for by this client; retry in ${wait} s.`, this.now() + wait * 1000);
        for (const id of misses) out.set(id, refused);
        return out;
      }
      const settled = await Promise.allSettled(misses.map((id) => this.fetch(id)));
      settled.forEach((s, i) => {
        const id = misses[i] ?? '';
        if (s.status === 'fulfilled' && s.value.post.kind === 'post') this.onServed?.(id);
        out.set(id, s.status === 'fulfilled' ? s.value.post : toUnavailable(s.reason));
      });
    }
    return out;
  }

  /** The cached post for `id` without waiting, when the cache is in this process; undefined for a miss (use `answer`). */
  answerCached(id: string): PostResult | undefined {
    const entry = this.cache.peek?.(id);
    return entry === undefined ? undefined : this.served(id, entry, this.now());
  }

  /** Count a cache hit and revalidate in the background when it is no longer fresh. */
  private served(id: string, entry: CacheEntry, now: number): PostResult {
    this.metrics.inc('perch_cache_hits_total', 'Posts answered from the cache.');
    if (entry.post.kind === 'post') this.onServed?.(id);
    const notFound = entry.post.kind === 'tombstone' && entry.post.reason === 'not-found';
    if (now - entry.checkedAt >= (notFound ? this.notFoundMs : this.freshMs)) {
      this.metrics.inc('perch_cache_stale_served_total', 'Cached posts served while being revalidated.');
      // Background revalidation; a failure keeps the entry until 24 h. Counted once the cache holds the outcome.
      const done = (): void => this.metrics.inc('perch_cache_revalidations_total', 'Background revalidations of stale posts that finished (written to the cache, or failed).');
      this.fetch(id).then(done, done);
    }
    return entry.post;
  }

  /** Remove a post from the cache everywhere. */
  async purge(id: string): Promise<void> {
    await this.cache.delete(id);
    this.metrics.inc('perch_purges_total', 'Posts purged by an administrator.');
  }

  /** One upstream check for `id`, shared by everyone asking at the same time. */
  private fetch(id: string): Promise<CacheEntry> {
    const running = this.inflight.get(id);
    if (running !== undefined) return running;
    const promise = new Promise<CacheEntry>((resolve, reject) => {
      const list = this.queue.get(id) ?? [];
      list.push({ resolve, reject });
      this.queue.set(id, list);
      this.timer ??= setTimeout(() => void this.flush(), this.batchWindowMs);
    }).finally(() => this.inflight.delete(id));
    this.inflight.set(id, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.queue;
    this.queue = new Map();
    const ids = [...batch.keys()];
    const rejectAll = (list: string[], error: unknown): void => list.forEach((id) => batch.get(id)?.forEach((p) => p.reject(error)));
    const limitedUntil = await this.cache.getRateLimitUntil().catch(() => 0);
    if (limitedUntil > this.now()) {
      this.metrics.inc('perch_upstream_skipped_total', 'Upstream calls not made because of a rate limit.', {}, ids.length);
      rejectAll(ids, new PostUnavailableError('upstream-rate-limited', 'The X upstream is rate-limited; try again later.', limitedUntil));
      return;
    }
    for (let i = 0; i < ids.length; i += this.upstream.maxBatch) {
      const chunk = ids.slice(i, i + this.upstream.maxBatch);
      // Every request to X counts (syndication makes one per id).
      const calls = Math.ceil(chunk.length / Math.max(1, this.upstream.idsPerCall ?? this.upstream.maxBatch));
      this.metrics.inc('perch_upstream_calls_total', 'Calls made to the upstream.', { upstream: this.upstream.name }, calls);
      try {
        const found = await this.upstream.lookup(chunk);
        const checkedAt = this.now();
        const entries = new Map<string, CacheEntry>();
        for (const id of chunk) {
          const post = found.get(id) ?? { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found' as const };
          entries.set(id, { post, checkedAt });
        }
        await this.cache.setMany(entries).catch((error: unknown) => this.log.warn('cache write failed', { error: String(error) }));
        for (const [id, entry] of entries) batch.get(id)?.forEach((p) => p.resolve(entry));
      } catch (error) {
        if (isRateLimitError(error)) {
          await this.cache.setRateLimitUntil(error.resetAt.getTime()).catch(() => undefined);
          this.metrics.inc('perch_upstream_errors_total', 'Failed upstream calls.', { kind: 'rate-limited' });
          this.log.warn('upstream rate-limited', { until: error.resetAt.toISOString() });
          rejectAll(ids.slice(i), new PostUnavailableError('upstream-rate-limited', 'The X upstream is rate-limited; try again later.', error.resetAt.getTime()));
          return;
        }
        const kind = typeof (error as { kind?: unknown }).kind === 'string' ? String((error as { kind: string }).kind) : 'other';
        this.metrics.inc('perch_upstream_errors_total', 'Failed upstream calls.', { kind });
        this.log.warn('upstream call failed', { kind, error: error instanceof Error ? error.message : String(error) });
        rejectAll(chunk, new PostUnavailableError('upstream-error', 'The X upstream did not answer; try again later.'));
      }
    }
  }

  /** Whether the upstream is rate-limited now, and until when (for /metrics). */
  async rateLimitState(): Promise<{ limited: boolean; until: number }> {
    const until = await this.cache.getRateLimitUntil().catch(() => 0);
    return { limited: until > this.now(), until };
  }
}

function toUnavailable(reason: unknown): PostUnavailableError {
  return reason instanceof PostUnavailableError ? reason : new PostUnavailableError('upstream-error', 'The X upstream did not answer; try again later.');
}
