/**
 * `GET /v1/render/tweet/:id`: a post as static HTML (declarative shadow DOM plus the
 * inline post model) for CMSs and server-rendered pages; `?format=json` answers `{html}`.
 * In demo mode also `GET /static.html`: `demo/static.html` with posts rendered into it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isPostId, type PostResult, type Tombstone } from '../../src/data/model.js';
import type { RenderTweetOptions } from '../../src/render/render-options.js';
import { requestClient, unavailableStatus } from '../http/client.js';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { Logger } from '../log.js';
import type { PostAnswer, PostService } from '../posts/post-service.js';
import { checkPostId } from './tweets.js';

/** Same freshness as `/v1/tweets` (well inside X's 24-hour rule: deletions show within minutes). */
const CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=600';

/** Where `demo/static.html` wants a post: `<!-- perch:render 1641086480675225601 -->`. */
const DEMO_MARKER = /<!--\s*perch:render\s+(\d{1,40})\s*-->/g;

type Renderer = typeof import('../../src/render/render-tweet.js');
let renderer: Promise<Renderer> | undefined;

/** Lit, Lit SSR and the component load on the first render, not at server start. */
function loadRenderer(): Promise<Renderer> {
  renderer ??= import('../../src/render/render-tweet.js');
  return renderer;
}

/** Options of the render routes. */
export interface RenderRouteOptions {
  /** The server's public base URL: media in rendered posts is proxied through it unless `?server=` says otherwise. */
  publicUrl: () => string;
  /** Repository root in demo mode: serve `/static.html` from `<demoRoot>/demo/static.html`. */
  demoRoot?: string | undefined;
  /** Where a post the renderer could not handle is reported (it is answered as a tombstone). */
  log?: Logger | undefined;
}

/**
 * Render `post`, or, when the renderer fails on it whatever the cause, the tombstone for its
 * id: a post that cannot be shown never becomes a 500. `shown` is what was rendered.
 */
async function renderSafely(post: PostResult, opts: RenderTweetOptions, log: Logger | undefined): Promise<{ html: string; shown: PostResult }> {
  const { renderTweetHtml, renderable, unrenderable } = await loadRenderer();
  const shown = renderable(post);
  try {
    return { html: await renderTweetHtml(shown, opts), shown };
  } catch (error) {
    log?.warn('render failed', { id: post.id, error: error instanceof Error ? error.message : String(error) });
    const tombstone = unrenderable(post.id);
    return { html: await renderTweetHtml(tombstone, opts), shown: tombstone };
  }
}

async function answerOne(posts: PostService, id: string, client: string | undefined): Promise<PostResult> {
  const a: PostAnswer | undefined = posts.answer !== undefined ? (await posts.answer([id], client)).get(id) : (await posts.getPosts([id])).get(id);
  if (a === undefined) throw new HttpError(502, 'upstream-incomplete', `The upstream gave no answer for ${id}.`);
  if (a instanceof Error) {
    const headers: Record<string, string> = a.retryAt === undefined ? {} : { 'retry-after': String(Math.max(1, Math.ceil((a.retryAt - Date.now()) / 1000))) };
    throw new HttpError(unavailableStatus(a), a.code, a.message, undefined, headers);
  }
  return a;
}

async function options(ctx: RequestContext, publicUrl: () => string): Promise<RenderTweetOptions> {
  const { parseRenderOptions, RenderOptionError } = await loadRenderer();
  try {
    const parsed = parseRenderOptions(ctx.url.searchParams);
    if (parsed.server === undefined && publicUrl() !== '') parsed.server = publicUrl();
    return parsed;
  } catch (error: unknown) {
    if (error instanceof RenderOptionError) throw new HttpError(400, 'invalid-option', error.message, error.param);
    throw error;
  }
}

function sendHtml(ctx: RequestContext, status: number, html: string, cacheControl: string): void {
  const data = Buffer.from(html);
  ctx.res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(data.length), 'cache-control': cacheControl });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : data);
}

/** Register `GET /v1/render/tweet/:id` (and the demo page in demo mode). */
export function registerRenderRoutes(router: Router, posts: PostService, routeOptions: RenderRouteOptions): void {
  router.on('GET', '/v1/render/tweet/:id', async (ctx: RequestContext) => {
    const id = checkPostId(ctx.params.id ?? '', 'id');
    const format = ctx.url.searchParams.get('format') ?? 'html';
    if (format !== 'html' && format !== 'json') throw new HttpError(400, 'invalid-option', `format must be html or json; got "${format.slice(0, 20)}".`, 'format');
    const opts = await options(ctx, routeOptions.publicUrl);
    const post = await answerOne(posts, id, requestClient(ctx));
    const { html, shown } = await renderSafely(post, opts, routeOptions.log);
    const status = shown.kind === 'tombstone' && shown.reason === 'not-found' ? 404 : 200;
    if (format === 'json') sendJson(ctx, status, { html }, { 'cache-control': CACHE_CONTROL });
    else sendHtml(ctx, status, html, CACHE_CONTROL);
  });

  const demoRoot = routeOptions.demoRoot;
  if (demoRoot === undefined) return;
  router.on('GET', '/static.html', async (ctx: RequestContext) => {
    const page = await readFile(join(demoRoot, 'demo', 'static.html'), 'utf8').catch(() => undefined);
    if (page === undefined) throw new HttpError(404, 'not-found', 'No such file.');
    const opts = await options(ctx, routeOptions.publicUrl);
    const ids = [...new Set([...page.matchAll(DEMO_MARKER)].map((m) => m[1] ?? ''))].filter(isPostId);
    const found = new Map<string, string>();
    for (const id of ids) {
      const post = await answerOne(posts, id, requestClient(ctx)).catch((): Tombstone => ({ kind: 'tombstone', version: 1, id, reason: 'not-found' }));
      found.set(id, (await renderSafely(post, { timeZone: 'UTC', ...opts }, routeOptions.log)).html);
    }
    sendHtml(ctx, 200, page.replace(DEMO_MARKER, (_whole, id: string) => found.get(id) ?? ''), 'no-cache');
  });
}
