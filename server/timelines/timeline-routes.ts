/**
 * Timeline routes: `GET /v1/timelines/profile/:name`, `/v1/timelines/profile/id/:userId`,
 * `/v1/timelines/list/:id` and `/v1/timelines/list/:owner/:slug`, each with
 * `?cursor=&limit=&replies=`. Inputs are validated before any lookup.
 */
import { readDnt } from '../http/dnt.js';
import { join } from 'node:path';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import { DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT, MIN_TIMELINE_LIMIT, isCursorShape, timelineQueryProblem, type TimelineQuery } from '../../src/data/timeline.js';
import { CursorError } from './cursor.js';
import { isRateLimitError, UpstreamFailure } from '../upstream/upstream.js';
import { FixtureTimelines, type TimelineUpstream } from './fixture-timelines.js';
import type { CachedTimelineAnswer, CachingTimelines } from './caching-timelines.js';

/** Options of {@link registerTimelineRoutes}. */
export interface TimelineRouteOptions {
  /** Repository root; the fixture timelines are read from `<rootDir>/fixtures`. */
  rootDir: string;
  /** The clock (ms): posts created after it are not served yet. */
  now: () => number;
  /** Where pages come from; the fixture timelines by default. */
  upstream?: TimelineUpstream;
  /** Serve pages through this cache (which has its own upstream); without it every view asks the upstream. */
  cache?: CachingTimelines;
  /**
   * Why this server has no timelines (its upstream cannot list posts): every timeline route then
   * answers 501 saying so. The built-in timelines are never served in their place.
   */
  unsupported?: string | undefined;
}

/** How long a page may be cached by browsers and CDNs (seconds). */
const MAX_AGE = 60;

/** Response headers saying how the cache answered (`x-perch-cache`, `age`, and why a page is stale). */
function cacheHeaders(answer: CachedTimelineAnswer, freshMs: number, now: number): Record<string, string> {
  const age = Math.max(0, Math.floor((now - answer.checkedAt) / 1000));
  if (answer.state === 'stale') {
    return { 'cache-control': 'public, max-age=0', 'x-perch-cache': 'stale', 'x-perch-stale-reason': answer.staleReason ?? 'revalidating', age: String(age) };
  }
  // With `age`, shared caches count the time already spent here against max-age (RFC 9111).
  const maxAge = Math.max(0, Math.min(MAX_AGE, Math.floor(freshMs / 1000)));
  return { 'cache-control': `public, max-age=${maxAge}`, 'x-perch-cache': answer.state, age: String(age) };
}

function readLimit(url: URL): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return DEFAULT_TIMELINE_LIMIT;
  if (!/^[0-9]{1,3}$/.test(raw) || Number(raw) < MIN_TIMELINE_LIMIT || Number(raw) > MAX_TIMELINE_LIMIT) {
    throw new HttpError(400, 'invalid-limit', `limit must be a whole number from ${MIN_TIMELINE_LIMIT} to ${MAX_TIMELINE_LIMIT}, got "${raw.slice(0, 20)}".`, 'limit');
  }
  return Number(raw);
}

function readCursor(url: URL): string | undefined {
  const raw = url.searchParams.get('cursor');
  if (raw === null || raw === '') return undefined;
  if (!isCursorShape(raw)) throw new HttpError(400, 'invalid-cursor', 'The cursor is malformed (use nextCursor from a previous page).', 'cursor');
  return raw;
}

function readFlag(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new HttpError(400, `invalid-${name}`, `${name} must be true or false.`, name);
}

/** Register the timeline routes on `router`. */
export function registerTimelineRoutes(router: Router, options: TimelineRouteOptions): void {
  let upstream = options.upstream;
  // Read the fixtures on first use, so a server that never serves a timeline pays nothing.
  const timelines = (): TimelineUpstream => (upstream ??= new FixtureTimelines(join(options.rootDir, 'fixtures')));

  const answer = async (ctx: RequestContext, query: TimelineQuery, param: string): Promise<void> => {
    if (options.unsupported !== undefined) throw new HttpError(501, 'timelines-unsupported', options.unsupported);
    const problem = timelineQueryProblem(query);
    if (problem !== undefined) throw new HttpError(400, query.type === 'list' && param !== 'owner' ? (param === 'slug' ? 'invalid-slug' : 'invalid-list-id') : param === 'userId' ? 'invalid-user-id' : 'invalid-screen-name', problem, param);
    const limit = readLimit(ctx.url);
    const cursor = readCursor(ctx.url);
    const replies = readFlag(ctx.url, 'replies');
    readDnt(ctx); // accepted: nothing here is tailored
    let page;
    let headers: Record<string, string> = { 'cache-control': `public, max-age=${MAX_AGE}` };
    try {
      if (options.cache === undefined) page = await timelines().page(query, { cursor, limit, replies, now: options.now() });
      else {
        const answered = await options.cache.page(query, { cursor, limit, replies, now: options.now() });
        page = answered.page;
        headers = cacheHeaders(answered, options.cache.freshMs, options.now());
      }
    } catch (error) {
      if (error instanceof CursorError) throw new HttpError(400, 'invalid-cursor', error.message, 'cursor');
      if (isRateLimitError(error)) {
        const retry = String(Math.max(1, Math.ceil((error.resetAt.getTime() - Date.now()) / 1000)));
        throw new HttpError(503, 'upstream-rate-limited', 'The X upstream is rate-limited; try again later.', undefined, { 'retry-after': retry });
      }
      if (error instanceof UpstreamFailure) throw new HttpError(502, 'upstream-error', `The X upstream did not answer (${error.kind}); try again later.`);
      throw error;
    }
    if (page === undefined) throw new HttpError(404, 'not-found', `No such ${query.type === 'profile' ? 'profile' : 'list'} timeline.`);
    sendJson(ctx, 200, page, headers);
  };

  router.on('GET', '/v1/timelines/profile/id/:userId', (ctx) => answer(ctx, { type: 'profile', userId: ctx.params.userId ?? '' }, 'userId'));
  router.on('GET', '/v1/timelines/profile/:name', (ctx) => answer(ctx, { type: 'profile', screenName: ctx.params.name ?? '' }, 'name'));
  router.on('GET', '/v1/timelines/list/:id', (ctx) => answer(ctx, { type: 'list', listId: ctx.params.id ?? '' }, 'id'));
  router.on('GET', '/v1/timelines/list/:owner/:slug', (ctx) => {
    const owner = ctx.params.owner ?? '';
    const slug = ctx.params.slug ?? '';
    const param = timelineQueryProblem({ type: 'profile', screenName: owner }) !== undefined ? 'owner' : 'slug';
    return answer(ctx, { type: 'list', ownerScreenName: owner, slug }, param);
  });
}
