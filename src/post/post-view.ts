/**
 * The one renderer for a post, shared by `<perch-tweet>` and the timeline: a
 * full article with header, text, media, quoted post, card, poll and footer.
 */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../shared/compact-html.js';
import type { Post, PostResult } from '../data/model.js';
import { msg } from '../shared/i18n.js';
import type { RenderContext } from './parts/context.js';
import { renderHeader } from './parts/header.js';
import { renderText } from './parts/text.js';
import { renderMedia } from './parts/media.js';
import { renderQuoted } from './parts/quoted.js';
import { renderCard } from './parts/card.js';
import { renderPoll } from './parts/poll.js';
import { renderFooter } from './parts/footer.js';
import { renderTombstone } from './parts/tombstone.js';

export type { RenderContext } from './parts/context.js';

function renderReplyContext(post: Post, ctx: RenderContext): TemplateResult | typeof nothing {
  if (ctx.hideThread || post.replyTo === undefined) return nothing;
  const handle = post.replyTo.handle;
  return html`<p class="replying-to">${msg('replyingTo', ctx.lang)} <a href=${`https://x.com/${encodeURIComponent(handle)}`} target="_blank" rel="noopener noreferrer">@${handle}</a></p>`;
}

function renderParent(parent: PostResult | undefined, ctx: RenderContext): TemplateResult | typeof nothing {
  if (ctx.hideThread || parent === undefined) return nothing;
  if (parent.kind === 'tombstone') return html`<div part="parent" class="parent">${renderTombstone(parent, ctx)}</div>`;
  // The thread line runs from the parent's avatar down to the reply's (see `.thread::before`).
  return html`<div part="parent" class="parent thread">
    ${renderHeader(parent.author, parent.url, ctx)}
    <div class="thread-body">${renderText(parent.longText ?? parent.text, parent.lang)} ${renderMedia(parent.media, parent.sensitive, ctx, parent.url)}</div>
  </div>`;
}

/** The post's name for assistive technology: "Post by Name (@handle)". */
export function postName(post: Post, lang: string | undefined): string {
  return msg('postBy', lang, { name: `${post.author.name} (@${post.author.handle})` });
}

/** The whole post as an `<article>` named after its author (a plain box when `ctx.inArticle`). */
export function renderPost(post: Post, ctx: RenderContext): TemplateResult {
  // Under its parent, the reply's header has no X mark: X shows it once, at the top.
  const markAbove = !ctx.hideThread && post.parent?.kind === 'post';
  const inner = html`
    ${renderHeader(post.author, post.url, ctx, !markAbove)}
    ${renderReplyContext(post, ctx)}
    <div part="body" class="body">
      ${renderText(post.longText ?? post.text, post.lang)}
      ${renderMedia(post.media, post.sensitive, ctx, post.url)}
      ${renderQuoted(post.quoted, ctx)}
      ${renderCard(post.card, ctx)}
      ${renderPoll(post.poll, ctx)}
    </div>
    ${renderFooter(post, ctx)}
  `;
  return ctx.inArticle === true
    ? html`${renderParent(post.parent, ctx)}<div part="base" class="post" data-post-id=${post.id}>${inner}</div>`
    : html`${renderParent(post.parent, ctx)}<article part="base" class="post" aria-label=${postName(post, ctx.lang)} data-post-id=${post.id}>${inner}</article>`;
}

/** A post or a tombstone. */
export function renderPostResult(result: PostResult, ctx: RenderContext): TemplateResult {
  if (result.kind === 'post') return renderPost(result, ctx);
  return ctx.inArticle === true
    ? html`<div part="base" class="post unavailable">${renderTombstone(result, ctx)}</div>`
    : html`<article part="base" class="post unavailable" aria-label=${msg('not-found', ctx.lang)}>${renderTombstone(result, ctx)}</article>`;
}
