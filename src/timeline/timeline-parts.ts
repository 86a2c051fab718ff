/**
 * The timeline's own parts, as templates: header, one feed item (the box; its post is
 * rendered into it by `feed-rows.ts`), the status line under the feed, and the fallback
 * shown until the first posts arrive. Posts themselves are drawn by the shared post renderer.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { PostResult } from '../data/model.js';
import type { TimelinePage } from '../data/timeline.js';
import { cspStyleMap } from '../shared/csp-style-map.js';
import { msg } from '../shared/i18n.js';
import { renderPostResult, type RenderContext } from '../post/post-view.js';
import { mediaSrc } from '../post/parts/context.js';
import { xMark } from '../post/parts/icons.js';
import { timelineMsg } from './timeline-i18n.js';

/** The timeline's header: owner's avatar, title and handle, the X mark (part `timeline-header`); re-rendered only when something it shows changed. */
export function renderTimelineHeader(page: TimelinePage, ctx: RenderContext): unknown {
  return guard([page, ctx.lang, ctx.server, ctx.xContentAllowed, ctx.dnt], () => headerTemplate(page, ctx));
}

function headerTemplate(page: TimelinePage, ctx: RenderContext): TemplateResult {
  const owner = page.owner;
  const sub = page.source.type === 'profile' ? `@${owner.handle}` : timelineMsg('listBy', ctx.lang, { handle: owner.handle });
  return html`<div part="timeline-header" class="timeline-header">
      <img class="avatar ${owner.avatarShape}" src=${ifDefined(mediaSrc(owner.avatarUrl, ctx))} alt="" width="40" height="40" decoding="async" referrerpolicy="no-referrer" />
      <div class="title">
        <h2><a href=${page.url} target="_blank" rel="noopener noreferrer" dir="auto">${page.title}</a></h2>
        <span class="sub" dir="auto">${sub}</span>
      </div>
      <a class="x-mark" href=${page.url} target="_blank" rel="noopener noreferrer" aria-label=${msg('viewOnX', ctx.lang)}>${xMark}</a>
    </div>`;
}

/**
 * A feed item's box, named and numbered for assistive technology; its post is rendered into it
 * separately ({@link feedPost}), a few rows a frame. Re-rendered only when something it shows changed.
 */
export function renderFeedItem(post: PostResult, index: number, setSize: number, lang: string | undefined): unknown {
  return guard([post, index, setSize, lang], () => {
    const label = post.kind === 'post' ? msg('postBy', lang, { name: `${post.author.name} (@${post.author.handle})` }) : msg('not-found', lang);
    return html`<article class="item" tabindex="0" data-key=${post.id} aria-label=${label} aria-posinset=${index + 1} aria-setsize=${setSize}></article>`;
  });
}

/** A feed item's content: the post, and what it depends on (it is rendered again only when one of these changed). */
export function feedPost(post: PostResult, ctx: RenderContext): { deps: readonly unknown[]; content(): TemplateResult } {
  return {
    deps: [post, ctx.lang, ctx.server, ctx.timeZone, ctx.hideCards, ctx.hideThread, ctx.xContentAllowed, ctx.dnt],
    content: () => renderPostResult(post, ctx),
  };
}

/** Where the feed stands, under it. */
export interface FeedStatus {
  count: number;
  fixed: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
  atEnd: boolean;
  retry(): void;
}

/** The line under the feed: empty, loading more, a retry after a failure, or the end. */
export function renderFeedStatus(s: FeedStatus, lang: string | undefined): TemplateResult | typeof nothing {
  if (s.count === 0) return html`<p class="status">${timelineMsg('empty', lang)}</p>`;
  if (s.fixed) return nothing;
  if (s.loadingMore) return html`<p class="status">${timelineMsg('loadingMore', lang)}</p>`;
  if (s.moreFailed) return html`<p class="status">${timelineMsg('loadFailed', lang)}<button class="retry" type="button" @click=${s.retry}>${timelineMsg('retry', lang)}</button></p>`;
  if (s.atEnd) return html`<p class="status">${timelineMsg('end', lang)}</p>`;
  return nothing;
}

/** The publisher's fallback (slot) until the first posts show, with a short message when loading failed. */
export function renderTimelineFallback(failed: boolean, reserveHeight: number | undefined, lang: string | undefined, dir?: 'ltr' | 'rtl'): TemplateResult {
  const reserve = !failed && reserveHeight !== undefined ? { minHeight: `${reserveHeight}px` } : {};
  return html`<div class="loading" tabindex="-1" data-consent-focus=${failed ? '' : 'pending'} style=${cspStyleMap(reserve)} aria-busy=${failed ? 'false' : 'true'}><slot></slot>${failed
      ? html`<p part="message" class="message" role="status" lang=${ifDefined(lang)} dir=${ifDefined(dir)}>${timelineMsg('loadFailed', lang)}</p>`
      : nothing}</div>`;
}
