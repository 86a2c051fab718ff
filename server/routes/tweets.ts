/**
 * `GET /v1/tweets?ids=…` (up to 100), `GET /v1/tweets/:id`, and the admin purge
 * `DELETE /v1/tweets/:id` (bearer admin token).
 */
import { timingSafeEqual } from 'node:crypto';
import { MAX_IDS_PER_REQUEST, type TweetsResponse, type UnavailableResult } from '../../src/data/api.js';
import { isPostId, type PostResult } from '../../src/data/model.js';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { PostAnswer, PostService } from '../posts/post-service.js';

/** How long browsers and CDNs may keep an answer (short: deletions must show within hours). */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';

/** Check one id; throws a 400 naming the problem. */
export function checkPostId(id: string, param: string): string {
  if (id === '') throw new HttpError(400, 'invalid-id', 'A post id is required.', param);
  if (id.length > 40) throw new HttpError(400, 'invalid-id', `Post ids have at most 40 digits; got ${id.length} characters.`, param);
  if (!isPostId(id)) throw new HttpError(400, 'invalid-id', `Post ids are digits only; "${id.slice(0, 40)}" is not.`, param);
  return id;
}

/** Parse `ids=1,2,3` into unique, checked ids. */
export function parseIdList(raw: string | null): string[] {
  if (raw === null || raw.trim() === '') throw new HttpError(400, 'missing-ids', 'Pass ids=<id>[,<id>…] (up to 100).', 'ids');
  const ids = raw.split(',').map((s) => s.trim());
  const unique = [...new Set(ids)];
  if (unique.length > MAX_IDS_PER_REQUEST) throw new HttpError(400, 'too-many-ids', `At most ${MAX_IDS_PER_REQUEST} ids per request; got ${unique.length}.`, 'ids');
  return unique.map((id) => checkPostId(id, 'ids'));
}

async function answerAll(posts: PostService, ids: string[]): Promise<Map<string, PostAnswer>> {
  if (posts.answer !== undefined) return posts.answer(ids);
  return posts.getPosts(ids);
}

/** Serialized posts, kept as long as the cached object lives: the hot path sends bytes, not objects. */
const serialized = new WeakMap<object, string>();

function jsonOf(post: PostResult): string {
  let text = serialized.get(post);
  if (text === undefined) {
    text = JSON.stringify(post);
    serialized.set(post, text);
  }
  return text;
}

function sendPostJson(ctx: RequestContext, status: number, post: PostResult): void {
  const data = Buffer.from(jsonOf(post));
  ctx.res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(data.length), 'cache-control': CACHE_CONTROL });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : data);
}

function unavailable(id: string, error: Error & { code: string }): UnavailableResult {
  return { kind: 'unavailable', id, error: { code: error.code, message: error.message } };
}

function retryHeaders(answer: Error & { retryAt?: number }): Record<string, string> {
  return answer.retryAt === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil((answer.retryAt - Date.now()) / 1000))) };
}

/** Options for the post routes. */
export interface TweetRouteOptions {
  /** Token for `DELETE /v1/tweets/:id`; purging is off without one. */
  adminToken?: string | undefined;
}

/** Register the post routes. */
export function registerTweetRoutes(router: Router, posts: PostService, options: TweetRouteOptions = {}): void {
  router.on('GET', '/v1/tweets', async (ctx: RequestContext) => {
    const ids = parseIdList(ctx.url.searchParams.get('ids'));
    const found = await answerAll(posts, ids);
    const results = ids.map((id): PostResult | UnavailableResult => {
      const a = found.get(id);
      if (a === undefined) return unavailable(id, Object.assign(new Error(`No answer for ${id}.`), { code: 'upstream-incomplete' }));
      return a instanceof Error ? unavailable(id, a) : a;
    });
    const complete = results.every((r) => r.kind !== 'unavailable');
    const body: TweetsResponse = { results };
    sendJson(ctx, 200, body, { 'cache-control': complete ? CACHE_CONTROL : 'no-store' });
  });
  router.on('GET', '/v1/tweets/:id', async (ctx: RequestContext) => {
    const id = checkPostId(ctx.params.id ?? '', 'id');
    const a = (await answerAll(posts, [id])).get(id);
    if (a === undefined) throw new HttpError(502, 'upstream-incomplete', `The upstream gave no answer for ${id}.`);
    if (a instanceof Error) throw new HttpError(503, a.code, a.message, undefined, retryHeaders(a));
    sendPostJson(ctx, a.kind === 'tombstone' && a.reason === 'not-found' ? 404 : 200, a);
  });
  router.on('DELETE', '/v1/tweets/:id', async (ctx: RequestContext) => {
    checkAdmin(ctx, options.adminToken);
    const id = checkPostId(ctx.params.id ?? '', 'id');
    if (posts.purge === undefined) throw new HttpError(501, 'purge-unavailable', 'This server keeps no cache to purge.');
    await posts.purge(id);
    sendJson(ctx, 200, { purged: id }, { 'cache-control': 'no-store' });
  });
}

/** Require `Authorization: Bearer <admin token>`. */
export function checkAdmin(ctx: RequestContext, token: string | undefined): void {
  if (token === undefined || token === '') throw new HttpError(403, 'admin-disabled', 'Admin endpoints are off: start the server with an admin token (PERCH_ADMIN_TOKEN).');
  const header = ctx.req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const want = Buffer.from(token);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new HttpError(401, 'unauthorized', 'A valid admin token is required.', undefined, { 'www-authenticate': 'Bearer' });
  }
}
