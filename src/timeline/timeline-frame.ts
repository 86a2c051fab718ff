/**
 * The loaded timeline's frame as a template: header, the scrolling viewport with the
 * "N new posts" button, the feed (only the rendered range's boxes, with spacers for the rest),
 * the status line, the footer and the live region. PageDown/PageUp move focus from post to post.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import type { PostResult } from '../data/model.js';
import type { TimelinePage } from '../data/timeline.js';
import { cspStyleMap } from '../shared/csp-style-map.js';
import type { RenderContext } from '../post/post-view.js';
import { timelineMsg } from './timeline-i18n.js';
import { chromeTokensOf } from './timeline-layout.js';
import { renderFeedItem, renderFeedStatus, renderTimelineHeader } from './timeline-parts.js';
import type { VisibleRange } from './virtual-list.js';

/** What the frame shows. */
export interface FrameView {
  page: TimelinePage;
  posts: PostResult[];
  pending: number;
  atEnd: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
  /** The `chrome` attribute. */
  chrome: string | undefined;
  /** `tweet-limit` is set: no fixed height, no paging. */
  fixed: boolean;
  frameHeight: number;
  range: VisibleRange;
  ctx: RenderContext;
  dir: 'ltr' | 'rtl' | undefined;
  live: 'polite' | 'assertive';
  announcement: string;
  newPostsLabel: string;
}

/** What the frame's controls do. */
export interface FrameActions {
  /** The viewport's scroll listener (an object, so it can be passive). */
  onScroll: EventListenerObject & AddEventListenerOptions;
  showNewPosts(): void;
  retry(): void;
}

/** The loaded timeline (part `frame`). */
export function renderTimelineFrame(v: FrameView, a: FrameActions): TemplateResult {
  const { page, posts, ctx } = v;
  const lang = ctx.lang;
  const chrome = chromeTokensOf(v.chrome);
  const frame = { frame: true, fixed: v.fixed, noborders: chrome.has('noborders'), transparent: chrome.has('transparent'), noscrollbar: chrome.has('noscrollbar') };
  const status = { count: posts.length, fixed: v.fixed, loadingMore: v.loadingMore, moreFailed: v.moreFailed, atEnd: v.atEnd, retry: a.retry };
  const { start, end, before, after } = v.range;
  const visible = posts.slice(start, end);
  const setSize = v.atEnd ? posts.length : -1;
  return html`<div part="frame" lang=${lang} dir=${v.dir} class=${classMap(frame)} tabindex="-1" data-consent-focus style=${cspStyleMap(v.fixed ? {} : { height: `${v.frameHeight}px` })}>
      ${chrome.has('noheader') ? nothing : renderTimelineHeader(page, ctx)}
      <div part="viewport" class="viewport" @scroll=${a.onScroll}>
        ${v.pending === 0
          ? nothing
          : html`<div class="new-posts-bar"><button part="new-posts" class="new-posts" type="button" @click=${a.showNewPosts}>${v.newPostsLabel}</button></div>`}
        ${spacer(before)}
        <div part="feed" role="feed" class="feed" aria-label=${timelineMsg('feedLabel', lang, { title: page.title })} aria-busy=${v.loadingMore ? 'true' : 'false'} @keydown=${onFeedKeydown}>
          ${repeat(visible, (p) => p.id, (p, i) => renderFeedItem(p, start + i, setSize, lang))}
        </div>
        ${spacer(after)}
        ${renderFeedStatus(status, lang)}
      </div>
      ${chrome.has('nofooter') ? nothing : html`<div part="timeline-footer" class="timeline-footer"><a href=${page.url} target="_blank" rel="noopener noreferrer">${timelineMsg('viewMore', lang)}</a></div>`}
      <div class="sr-only" aria-live=${v.live} aria-atomic="true">${v.announcement}</div>
    </div>`;
}

/**
 * The space of the posts not rendered, before or after the feed. A sibling of the feed rather than
 * its padding: when it changes (heights learnt, estimates revised), the browser's scroll anchoring
 * keeps the posts in view where they are, which it does not do for a change of the feed's own box.
 */
function spacer(height: number): TemplateResult {
  return html`<div class="spacer" aria-hidden="true" style=${cspStyleMap({ height: `${height}px` })}></div>`;
}

/** PageDown/PageUp on a post focuses the next/previous one. */
function onFeedKeydown(event: KeyboardEvent): void {
  if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
  const item = event.composedPath().find((t): t is HTMLElement => t instanceof HTMLElement && t.classList.contains('item'));
  if (item === undefined) return;
  const target = event.key === 'PageDown' ? item.nextElementSibling : item.previousElementSibling;
  if (target instanceof HTMLElement) {
    event.preventDefault();
    target.focus();
  }
}
