/**
 * Timeline pages through a cache, so a popular page costs X one call a minute, not one per view:
 * - keyed by the upstream query (source + cursor + limit + replies);
 * - fresh pages are served; older ones are served while revalidated in the background
 *   (stale-while-revalidate), but never after the keep time (at most 24 hours after the last
 *   successful check, X's rule);
 * - concurrent misses for one key share one upstream call;
 * - a 429 stops background revalidations (in every process sharing the store) until its reset,
 *   and stale pages are served meanwhile; a miss, having nothing to serve, still asks (and gets
 *   the usual 503 when X refuses);
 * - posts are filtered at answer time: a post the post cache holds as a tombstone, or one an
 *   administrator purged after the page was checked, is left out of the page served.
 */
import { type PostResult } from '../../src/data/model.js';
import type { TimelinePage, TimelineQuery } from '../../src/data/timeline.js';
import type { PostCache } from '../cache/post-cache.js';
import { MemoryTimelineCache, RedisTimelineCache, type TimelineCache, type TimelineCacheEntry } from '../cache/timeline-cache.js';
import { RedisCache } from '../cache/redis-cache.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import type { CachingPostService } from '../posts/caching-post-service.js';
import type { PostService } from '../posts/post-service.js';
import { isRateLimitError, RateLimitedError } from '../upstream/upstream.js';
import type { TimelinePageOptions, TimelineUpstream } from './fixture-timelines.js';

/** Tuning for the timeline cache. */
export interface TimelineCachingOptions {
  /** After this long a page is revalidated in the background on its next view. */
  freshMs: number;
  now?: () => number;
}

/** Why a stale page was served. */
export type StaleReason = 'revalidating' | 'upstream-rate-limited' | 'upstream-error';

/** A page and how the cache answered it. */
export interface CachedTimelineAnswer {
  /** Undefined when there is no such timeline. */
  page: TimelinePage | undefined;
  state: 'hit' | 'miss' | 'stale';
  /** Epoch ms of the last successful upstream check. */
  checkedAt: number;
  /** Set when `state` is `stale`. */
  staleReason?: StaleReason;
}

/** The cache key of one upstream query: everything that changes the answer. */
export function timelineCacheKey(query: TimelineQuery, options: Pick<TimelinePageOptions, 'cursor' | 'limit' | 'replies'>): string {
  const source =
    query.type === 'profile'
      ? 'userId' in query
        ? `profile:id:${query.userId}`
        : `profile:name:${query.screenName.toLowerCase()}`
      : 'listId' in query
        ? `list:id:${query.listId}`
        : `list:slug:${query.ownerScreenName.toLowerCase()}/${query.slug.toLowerCase()}`;
  return `${source}:c=${options.cursor ?? ''}:l=${options.limit}:r=${options.replies ? 1 : 0}`;
}

/** Most keys whose last revalidation failure is remembered (only to name the stale reason). */
const MAX_FAILURES_REMEMBERED = 10_000;

export class CachingTimelines {
  private readonly inflight = new Map<string, Promise<TimelineCacheEntry>>();
  /** Keys whose last background revalidation failed, and how. */
  private readonly failures = new Map<string, StaleReason>();
  /** After this long a page is revalidated on its next view. */
  readonly freshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly upstream: TimelineUpstream,
    private readonly store: TimelineCache,
    private readonly posts: PostCache,
    private readonly metrics: Metrics,
    private readonly log: Logger,
    options: TimelineCachingOptions,
  ) {
    this.freshMs = Math.max(0, options.freshMs);
    this.now = options.now ?? Date.now;
    metrics.onCollect(async () => {
      const stats = await store.stats().catch(() => undefined);
      if (stats === undefined) return;
      metrics.set('perch_timeline_cache_entries', 'Timeline pages in the cache.', stats.entries, { store: store.kind });
      metrics.set('perch_timeline_cache_evictions', 'Timeline pages evicted by the LRU bound.', stats.evictions, { store: store.kind });
    });
  }

  /** The page for `query`, from the cache when it can be. Throws the upstream's errors on a miss. */
  async page(query: TimelineQuery, options: TimelinePageOptions): Promise<CachedTimelineAnswer> {
    const key = timelineCacheKey(query, options);
    const entry = await this.store.get(key).catch((error: unknown) => {
      this.log.warn('timeline cache read failed', { error: String(error) });
      return undefined;
    });
    if (entry !== undefined) {
      this.metrics.inc('perch_timeline_cache_hits_total', 'Timeline pages answered from the cache.');
      const filtered = await this.visible(key, entry, query, options);
      if (this.now() - entry.checkedAt < this.freshMs) return { page: filtered, state: 'hit', checkedAt: entry.checkedAt };
      this.metrics.inc('perch_timeline_cache_stale_served_total', 'Cached timeline pages served past their freshness.');
      const limited = (await this.rateLimitUntil()) > this.now();
      if (!limited) this.revalidate(key, query, options);
      const staleReason: StaleReason = limited ? 'upstream-rate-limited' : (this.failures.get(key) ?? 'revalidating');
      return { page: filtered, state: 'stale', checkedAt: entry.checkedAt, staleReason };
    }
    this.metrics.inc('perch_timeline_cache_misses_total', 'Timeline pages not in the cache.');
    // While a 429 lasts (in any process sharing the store), a miss does not ask X again.
    const limitedUntil = await this.rateLimitUntil();
    if (limitedUntil > this.now()) {
      this.metrics.inc('perch_timeline_upstream_skipped_total', 'Timeline pages not asked of the upstream because of a rate limit.');
      throw new RateLimitedError(new Date(limitedUntil));
    }
    const fetched = await this.fetch(key, query, options);
    return { page: (await this.visible(key, fetched, query, options)) ?? undefined, state: 'miss', checkedAt: fetched.checkedAt };
  }

  /** Record an admin purge: the post leaves every cached page checked before now, and those pages are refetched. */
  async purgePost(id: string): Promise<void> {
    await this.store.markPurged(id, this.now());
  }

  private async rateLimitUntil(): Promise<number> {
    return this.store.getRateLimitUntil().catch(() => 0);
  }

  /** Background revalidation; a failure keeps the entry (until its keep time) and names the stale reason. */
  private revalidate(key: string, query: TimelineQuery, options: TimelinePageOptions): void {
    // Counted once the outcome is in the store (or remembered as a failure).
    const done = (): void => this.metrics.inc('perch_timeline_cache_revalidations_total', 'Background revalidations of stale timeline pages that finished.');
    this.fetch(key, query, options).then(done, done);
  }

  /** One upstream call for `key`, shared by everyone asking at the same time. */
  private fetch(key: string, query: TimelineQuery, options: TimelinePageOptions): Promise<TimelineCacheEntry> {
    const running = this.inflight.get(key);
    if (running !== undefined) return running;
    const promise = this.call(key, query, options).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async call(key: string, query: TimelineQuery, options: TimelinePageOptions): Promise<TimelineCacheEntry> {
    this.metrics.inc('perch_timeline_upstream_calls_total', 'Timeline pages asked of the upstream.', { upstream: this.upstream.name });
    try {
      const page = await this.upstream.page(query, options);
      const entry: TimelineCacheEntry = { page: page ?? null, checkedAt: this.now() };
      this.failures.delete(key);
      await this.store.set(key, entry).catch((error: unknown) => this.log.warn('timeline cache write failed', { error: String(error) }));
      return entry;
    } catch (error) {
      if (isRateLimitError(error)) {
        await this.store.setRateLimitUntil(error.resetAt.getTime()).catch(() => undefined);
        this.remember(key, 'upstream-rate-limited');
        this.metrics.inc('perch_timeline_upstream_errors_total', 'Failed timeline upstream calls.', { kind: 'rate-limited' });
        this.log.warn('timeline upstream rate-limited', { until: error.resetAt.toISOString() });
      } else {
        const kind = typeof (error as { kind?: unknown }).kind === 'string' ? String((error as { kind: string }).kind) : 'other';
        if (kind !== 'other') this.remember(key, 'upstream-error');
        this.metrics.inc('perch_timeline_upstream_errors_total', 'Failed timeline upstream calls.', { kind });
      }
      throw error;
    }
  }

  private remember(key: string, reason: StaleReason): void {
    if (this.failures.size >= MAX_FAILURES_REMEMBERED) this.failures.clear();
    this.failures.set(key, reason);
  }

  /**
   * The page as it may be shown now: without posts the post cache holds as tombstones, and
   * without posts purged after the page was checked (the page is then refetched in the background).
   */
  private async visible(key: string, entry: TimelineCacheEntry, query: TimelineQuery, options: TimelinePageOptions): Promise<TimelinePage | undefined> {
    const page = entry.page;
    if (page === null) return undefined;
    if (page.posts.length === 0) return page;
    const ids = page.posts.map((p) => p.id);
    let known: Map<string, { post: PostResult }>;
    let purged: Map<string, number>;
    try {
      [known, purged] = await Promise.all([this.posts.getMany(ids), this.store.purgedAt(ids)]);
    } catch (error) {
      this.log.warn('timeline filter lookup failed', { error: String(error) });
      return page;
    }
    let repage = false;
    const posts = page.posts.filter((p) => {
      const at = purged.get(p.id);
      if (at !== undefined && at > entry.checkedAt) {
        repage = true;
        return false;
      }
      return known.get(p.id)?.post.kind !== 'tombstone';
    });
    if (repage && (await this.rateLimitUntil()) <= this.now()) this.revalidate(key, query, options);
    if (posts.length === page.posts.length) return page;
    this.metrics.inc('perch_timeline_posts_withheld_total', 'Posts left out of cached timeline pages (tombstones, purges).', {}, page.posts.length - posts.length);
    return { ...page, posts };
  }
}

/** The timeline store beside the post cache: Redis on the same connection, or in-process. */
export function openTimelineCache(posts: PostCache, options: { maxEntries: number; keepMs: number; now: () => number }): TimelineCache {
  if (posts instanceof RedisCache) return new RedisTimelineCache(posts.connection, { keepMs: options.keepMs, now: options.now });
  return new MemoryTimelineCache(options.maxEntries, { keepMs: options.keepMs, now: options.now });
}

/** The post service the post routes use, with the admin purge reaching cached timeline pages too. */
export function purgeTimelinesToo(posts: CachingPostService, timelines: CachingTimelines | undefined): PostService {
  if (timelines === undefined) return posts;
  return {
    getPosts: (ids) => posts.getPosts(ids),
    answer: (ids) => posts.answer(ids),
    answerCached: (id) => posts.answerCached(id),
    purge: async (id) => {
      await posts.purge(id);
      await timelines.purgePost(id);
    },
  };
}
