/**
 * `GET /v1/tweets?ids=…` (up to 100), `GET /v1/tweets/:id`, and the admin purge
 * `DELETE /v1/tweets/:id` (bearer admin token).
 */
import { readDnt } from '../http/dnt.js';
import { createHash } from 'node:crypto';
import { MAX_IDS_PER_REQUEST, type TweetsResponse, type UnavailableResult } from '../../src/data/api.js';
import { isPostId, type PostResult } from '../../src/data/model.js';
import { requireAdmin } from '../http/admin.js';
import { requestClient, unavailableStatus } from '../http/client.js';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import { PreparedAnswer } from '../http/prepared-answer.js';
import { PerchResponse } from '../http/response.js';
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

async function answerAll(ctx: RequestContext, posts: PostService, ids: string[]): Promise<Map<string, PostAnswer>> {
  if (posts.answer !== undefined) return posts.answer(ids, requestClient(ctx));
  return posts.getPosts(ids);
}

/** A post's answer prebuilt once: body bytes, strong ETag, headers, and (built on first use) each compressed copy. */
interface SerializedPost {
  etag: string;
  answer: PreparedAnswer;
}

/**
 * Serialized posts, kept as long as the cached object lives (a new object replaces it when the cache is
 * revalidated or purged): a cache hit writes prebuilt bytes and headers.
 */
const serialized = new WeakMap<object, SerializedPost>();

function serializedOf(post: PostResult): SerializedPost {
  let s = serialized.get(post);
  if (s === undefined) {
    const body = Buffer.from(JSON.stringify(post));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    s = { etag, answer: new PreparedAnswer(body, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length), 'cache-control': CACHE_CONTROL, etag }) };
    serialized.set(post, s);
  }
  return s;
}

/** Whether `If-None-Match` names `etag` (or `*`); weak comparison, as RFC 9110 asks for GET. */
function notModified(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header === etag) return true;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function sendPostJson(ctx: RequestContext, status: number, post: PostResult): void {
  const s = serializedOf(post);
  if (status === 200 && notModified(ctx.req.headers['if-none-match'], s.etag)) {
    ctx.res.writeHead(304, { 'cache-control': CACHE_CONTROL, etag: s.etag });
    ctx.res.end();
    return;
  }
  if (ctx.res instanceof PerchResponse) return ctx.res.sendPrepared(s.answer, status);
  ctx.res.writeHead(status, s.answer.headers);
  ctx.res.end(ctx.method === 'HEAD' ? undefined : s.answer.body);
}

function statusOf(post: PostResult): number {
  return post.kind === 'tombstone' && post.reason === 'not-found' ? 404 : 200;
}

function unavailable(id: string, error: Error & { code: string }): UnavailableResult {
  return { kind: 'unavailable', id, error: { code: error.code, message: error.message } };
}

function retryHeaders(answer: Error & { retryAt?: number }): Record<string, string> {
  return answer.retryAt === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil((answer.retryAt - Date.now()) / 1000))) };
}

async function answerOne(ctx: RequestContext, posts: PostService, id: string): Promise<void> {
  const a = (await answerAll(ctx, posts, [id])).get(id);
  if (a === undefined) throw new HttpError(502, 'upstream-incomplete', `The upstream gave no answer for ${id}.`);
  if (a instanceof Error) throw new HttpError(unavailableStatus(a), a.code, a.message, undefined, retryHeaders(a));
  sendPostJson(ctx, statusOf(a), a);
}

/** Options for the post routes. */
export interface TweetRouteOptions {
  /** Token for `DELETE /v1/tweets/:id`; purging is off without one. */
  adminToken?: string | undefined;
}

/** Register the post routes. */
export function registerTweetRoutes(router: Router, posts: PostService, options: TweetRouteOptions = {}): void {
  router.on('GET', '/v1/tweets', async (ctx: RequestContext) => {
    readDnt(ctx); // accepted on every route; nothing here is tailored
    const ids = parseIdList(ctx.url.searchParams.get('ids'));
    const found = await answerAll(ctx, posts, ids);
    const results = ids.map((id): PostResult | UnavailableResult => {
      const a = found.get(id);
      if (a === undefined) return unavailable(id, Object.assign(new Error(`No answer for ${id}.`), { code: 'upstream-incomplete' }));
      return a instanceof Error ? unavailable(id, a) : a;
    });
    const complete = results.every((r) => r.kind !== 'unavailable');
    const body: TweetsResponse = { results };
    sendJson(ctx, 200, body, { 'cache-control': complete ? CACHE_CONTROL : 'no-store' });
  });
  router.on('GET', '/v1/tweets/:id', (ctx: RequestContext): void | Promise<void> => {
    readDnt(ctx);
    const id = checkPostId(ctx.params.id ?? '', 'id');
    const hit = posts.answerCached?.(id);
    if (hit !== undefined) return sendPostJson(ctx, statusOf(hit), hit); // in-process cache hit: no promise, no await
    return answerOne(ctx, posts, id);
  });
  router.on('DELETE', '/v1/tweets/:id', async (ctx: RequestContext) => {
    requireAdmin(ctx, options.adminToken);
    const id = checkPostId(ctx.params.id ?? '', 'id');
    if (posts.purge === undefined) throw new HttpError(501, 'purge-unavailable', 'This server keeps no cache to purge.');
    await posts.purge(id);
    sendJson(ctx, 200, { purged: id }, { 'cache-control': 'no-store' });
  });
}

