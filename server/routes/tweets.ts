/** `GET /v1/tweets?ids=…` (up to 100) and `GET /v1/tweets/:id`: posts in the post model. */
import { MAX_IDS_PER_REQUEST, type TweetsResponse } from '../../src/data/api.js';
import { isPostId, type PostResult } from '../../src/data/model.js';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { PostService } from '../posts/post-service.js';

/** How long browsers and CDNs may keep an answer. */
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

/** Register the post routes. */
export function registerTweetRoutes(router: Router, posts: PostService): void {
  router.on('GET', '/v1/tweets', async (ctx: RequestContext) => {
    const ids = parseIdList(ctx.url.searchParams.get('ids'));
    const found = await posts.getPosts(ids);
    const body: TweetsResponse = { results: ids.map((id) => mustHave(found, id)) };
    sendJson(ctx, 200, body, { 'cache-control': CACHE_CONTROL });
  });
  router.on('GET', '/v1/tweets/:id', async (ctx: RequestContext) => {
    const id = checkPostId(ctx.params.id ?? '', 'id');
    const found = await posts.getPosts([id]);
    const post = mustHave(found, id);
    sendJson(ctx, post.kind === 'tombstone' && post.reason === 'not-found' ? 404 : 200, post, { 'cache-control': CACHE_CONTROL });
  });
}

function mustHave(found: Map<string, PostResult>, id: string): PostResult {
  const post = found.get(id);
  if (post === undefined) throw new HttpError(502, 'upstream-incomplete', `The upstream gave no answer for ${id}.`);
  return post;
}
