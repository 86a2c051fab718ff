/**
 * `GET /oembed?url=…`: an oEmbed provider (https://oembed.com) for X post URLs, so CMSs
 * that speak oEmbed (WordPress, Ghost, Drupal) embed through Perch. Accepts X's own
 * parameters (`maxwidth`, `hide_media`, `hide_thread`, `align`, `lang`, `theme`, `dnt`,
 * `omit_script`) and answers `type: "rich"` with a `<perch-tweet>` around a readable
 * `<blockquote class="twitter-tweet">` fallback (the post's text, escaped, and its link).
 */
import { codePoints, sliceCodePoints } from '../../src/text/code-points.js';
import { safeHttpUrl } from '../../src/text/safe-url.js';
import type { Post, PostResult } from '../../src/data/model.js';
import { X_HOSTS, xPostPath, type XPostUrl } from '../../src/data/x-urls.js';
import { requestClient, unavailableStatus } from '../http/client.js';
import { HttpError, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { PostAnswer, PostService } from '../posts/post-service.js';
import { html, SafeHtml } from '../impressions/safe-html.js';
import { estimatePostHeight } from '../../src/post/reserve-height.js';

/** Options for the oEmbed route. */
export interface OembedOptions {
  /** The server's public base URL (the widget script is loaded from it). */
  publicUrl: () => string;
}

/** The oEmbed answer (JSON). */
export interface OembedResponse {
  type: 'rich';
  version: '1.0';
  html: string;
  width: number;
  /** The post's estimated height at `width` (X answers null): reserved in the page before it renders. */
  height: number;
  url: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  /** Seconds a consumer may cache this answer: at most a day, as X's rules require for post content. */
  cache_age: number;
}

/** Narrowest and widest embed, as X's. */
export const MIN_WIDTH = 250;
export const MAX_WIDTH = 550;
const CACHE_AGE_SECONDS = 86_400;
const LANG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/;

/** Parse an x.com / twitter.com post URL; throws a 400 or 404 HttpError naming the problem. */
export function parsePostUrl(raw: string): XPostUrl {
  if (raw.length > 2048) throw new HttpError(400, 'url-too-long', 'url is limited to 2048 characters.', 'url');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new HttpError(400, 'invalid-url', 'url is not an absolute URL; pass a post link such as https://x.com/user/status/123.', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new HttpError(400, 'invalid-url', 'url must be an http(s) link to a post on x.com or twitter.com.', 'url');
  if (url.username !== '' || url.password !== '' || url.port !== '' || !X_HOSTS.has(url.hostname.toLowerCase())) {
    throw new HttpError(404, 'unsupported-url', 'This provider embeds posts on x.com and twitter.com only.', 'url');
  }
  const post = xPostPath(url.pathname);
  if (post === undefined) throw new HttpError(404, 'unsupported-url', 'url is not a link to a post (expected /<user>/status/<id>).', 'url');
  return post;
}

function flag(url: URL, name: string): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '' || raw === 'false' || raw === '0' || raw === 'off') return false;
  if (raw === 'true' || raw === '1' || raw === 'on') return true;
  throw new HttpError(400, `invalid-${name.replace(/_/g, '-')}`, `${name} must be true or false.`, name);
}

function choice<T extends string>(url: URL, name: string, allowed: readonly T[]): T | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new HttpError(400, `invalid-${name}`, `${name} must be one of ${allowed.join(', ')}.`, name);
  return raw as T;
}

function readWidth(url: URL): number {
  const raw = url.searchParams.get('maxwidth');
  if (raw === null || raw === '') return MAX_WIDTH;
  if (!/^[0-9]{1,6}$/.test(raw)) throw new HttpError(400, 'invalid-maxwidth', 'maxwidth must be a whole number of pixels.', 'maxwidth');
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Number(raw)));
}

/** The post's visible text as fallback markup: escaped text, line breaks, and its links. */
function textMarkup(post: Post): SafeHtml {
  const source = post.longText ?? post.text;
  const points = codePoints(source.text);
  const [from, to] = source.displayRange;
  const parts: SafeHtml[] = [];
  const plain = (start: number, end: number): void => {
    if (end <= start) return;
    const lines = sliceCodePoints(points, start, end).split('\n');
    lines.forEach((line, i) => parts.push(i === 0 ? html`${line}` : html`<br>${line}`));
  };
  let at = from;
  for (const e of [...source.entities].sort((a, b) => a.start - b.start)) {
    if (e.start < at || e.end > to || e.start >= e.end) continue;
    plain(at, e.start);
    const shown = sliceCodePoints(points, e.start, e.end);
    const href = e.type === 'url' ? (safeHttpUrl(e.url) ?? safeHttpUrl(e.expandedUrl)) : undefined;
    if (e.type === 'media') {
      // The widget shows the media itself, not its link.
    } else if (e.type === 'url') parts.push(href === undefined ? html`${shown}` : html`<a href="${href}">${e.displayUrl}</a>`);
    else if (e.type === 'cashtag') parts.push(html`<a href="${`https://twitter.com/search?q=${encodeURIComponent('$' + e.symbol)}&src=ctag&ref_src=twsrc%5Etfw`}">${shown}</a>`);
    else if (e.type === 'mention') parts.push(html`<a href="${`https://twitter.com/${e.handle}?ref_src=twsrc%5Etfw`}">${shown}</a>`);
    else if (e.type === 'hashtag') parts.push(html`<a href="${`https://twitter.com/hashtag/${encodeURIComponent(e.tag)}?src=hash&ref_src=twsrc%5Etfw`}">${shown}</a>`);
    else parts.push(html`${shown}`);
    at = e.end;
  }
  plain(at, to);
  return html`${parts}`;
}

function dateText(iso: string, lang: string | undefined): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat(lang ?? 'en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
  }
}

/** Settings read from the query. */
interface EmbedSettings {
  width: number;
  widthGiven: boolean;
  hideMedia: boolean;
  hideThread: boolean;
  omitScript: boolean;
  dnt: boolean;
  align: 'left' | 'center' | 'right' | 'none' | undefined;
  theme: 'light' | 'dark' | undefined;
  lang: string | undefined;
}

/** The embed markup for `post`. */
export function embedHtml(post: Post, settings: EmbedSettings, scriptUrl: string): string {
  const link = `https://twitter.com/${post.author.handle}/status/${post.id}?ref_src=twsrc%5Etfw`;
  const align = settings.align === 'none' ? undefined : settings.align;
  const attrs: Array<[string, string]> = [['tweet-id', post.id]];
  if (settings.theme !== undefined) attrs.push(['theme', settings.theme]);
  if (align !== undefined) attrs.push(['align', align]);
  if (settings.lang !== undefined) attrs.push(['lang', settings.lang]);
  if (settings.widthGiven) attrs.push(['width', String(settings.width)]);
  // Boolean attributes, written alone (X's string forms stay on the blockquote).
  if (settings.dnt) attrs.push(['dnt', '']);
  if (settings.hideMedia) attrs.push(['hide-cards', '']);
  if (settings.hideThread) attrs.push(['hide-thread', '']);
  // The height the post will take, on the element from the first byte of HTML: the loader's
  // rule reserves it before any widget code runs (a custom property: inert until then).
  attrs.push(['style', `--perch-reserve-auto:${String(embedHeight(post, settings))}px`]);
  const attrMarkup = attrs.map(([k, v]) => (v === '' ? html` ${new SafeHtml(k)}` : html` ${new SafeHtml(k)}="${v}"`));
  const dataAttrs = [
    settings.theme !== undefined ? html` data-theme="${settings.theme}"` : '',
    settings.dnt ? html` data-dnt="true"` : '',
    settings.hideMedia ? html` data-cards="hidden"` : '',
    settings.hideThread ? html` data-conversation="none"` : '',
    align !== undefined ? html` data-align="${align}"` : '',
    settings.widthGiven ? html` data-width="${String(settings.width)}"` : '',
  ];
  const body = html`<perch-tweet${attrMarkup}><blockquote class="twitter-tweet"${dataAttrs}><p${post.lang !== undefined && LANG.test(post.lang) ? html` lang="${post.lang}"` : ''} dir="auto">${textMarkup(post)}</p>&mdash; ${post.author.name} (@${post.author.handle}) <a href="${link}">${dateText(post.createdAt, settings.lang)}</a></blockquote></perch-tweet>`;
  const script = settings.omitScript ? '' : html`\n<script async src="${scriptUrl}" charset="utf-8"></script>\n`;
  return html`${body}${script}`.value;
}

/** Estimated height of `post` as embedded with `settings`. */
export function embedHeight(post: Post, settings: EmbedSettings): number {
  return estimatePostHeight(post, settings.width, { hideCards: settings.hideMedia, hideThread: settings.hideThread });
}

async function lookup(posts: PostService, id: string, client: string | undefined): Promise<PostAnswer | undefined> {
  if (posts.answer !== undefined) return (await posts.answer([id], client)).get(id);
  return (await posts.getPosts([id])).get(id);
}

function unavailable(result: PostResult): HttpError {
  if (result.kind === 'post') throw new Error('unreachable');
  if (result.reason === 'not-found' || result.reason === 'deleted') return new HttpError(404, 'not-found', `Post ${result.id} does not exist or was deleted.`, 'url');
  return new HttpError(403, `post-${result.reason}`, `Post ${result.id} cannot be embedded (${result.reason}).`, 'url');
}

/** Register `GET /oembed`. */
export function registerOembed(router: Router, posts: PostService, options: OembedOptions): void {
  router.on('GET', '/oembed', async (ctx: RequestContext) => {
    const q = ctx.url.searchParams;
    const format = q.get('format');
    if (format !== null && format !== '' && format !== 'json') {
      throw new HttpError(501, 'format-not-implemented', `Only format=json is implemented; got "${format.slice(0, 20)}".`, 'format');
    }
    const raw = q.get('url');
    if (raw === null || raw === '') throw new HttpError(400, 'missing-url', 'Pass url=<link to a post on x.com or twitter.com>.', 'url');
    const { id } = parsePostUrl(raw);
    const langRaw = q.get('lang');
    if (langRaw !== null && langRaw !== '' && !LANG.test(langRaw)) throw new HttpError(400, 'invalid-lang', 'lang must be a language tag such as en or pt-BR.', 'lang');
    const settings: EmbedSettings = {
      width: readWidth(ctx.url),
      widthGiven: (q.get('maxwidth') ?? '') !== '',
      hideMedia: flag(ctx.url, 'hide_media'),
      hideThread: flag(ctx.url, 'hide_thread'),
      omitScript: flag(ctx.url, 'omit_script'),
      dnt: flag(ctx.url, 'dnt'),
      align: choice(ctx.url, 'align', ['left', 'center', 'right', 'none'] as const),
      theme: choice(ctx.url, 'theme', ['light', 'dark'] as const),
      lang: langRaw === null || langRaw === '' ? undefined : langRaw,
    };
    const answer = await lookup(posts, id, requestClient(ctx));
    if (answer === undefined) throw new HttpError(502, 'upstream-incomplete', `The upstream gave no answer for ${id}.`);
    if (answer instanceof Error) throw new HttpError(unavailableStatus(answer), answer.code, answer.message);
    if (answer.kind !== 'post') throw unavailable(answer);
    const body: OembedResponse = {
      type: 'rich',
      version: '1.0',
      html: embedHtml(answer, settings, `${options.publicUrl().replace(/\/$/, '')}/dist/cdn/perch.js`),
      width: settings.width,
      height: embedHeight(answer, settings),
      url: `https://twitter.com/${answer.author.handle}/status/${answer.id}`,
      author_name: answer.author.name,
      author_url: `https://twitter.com/${answer.author.handle}`,
      provider_name: 'X',
      provider_url: 'https://x.com',
      cache_age: CACHE_AGE_SECONDS,
    };
    sendJson(ctx, 200, body, { 'cache-control': 'public, max-age=300' });
  });
}
