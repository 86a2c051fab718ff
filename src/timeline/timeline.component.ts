/**
 * `<perch-timeline>`: a profile or list timeline rendered natively with the same post
 * renderer as `<perch-tweet>`, paged from the embed server as the reader scrolls,
 * virtualised so long timelines keep the DOM small.
 */
import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { DEFAULT_TIMELINE_LIMIT, parseTimelinePage, timelineQueryProblem, type TimelinePage, type TimelineQuery } from '../data/timeline.js';
import { ConsentController } from '../consent/consent-controller.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { plural } from '../i18n/translate.js';
import { PerchErrorEvent, type PerchErrorReason } from '../shared/events.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { resolveServer } from '../shared/page-config.js';
import type { RenderContext } from '../post/post-view.js';
import type { PostResult } from '../data/model.js';
import { postStyles } from '../post/post.styles.js';
import { themeScheme, themeTokens } from '../shared/theme-tokens.js';
import { ThemeController, type Theme } from '../shared/theme-controller.js';
import { TimelineRequestError } from './timeline-client.js';
import { TimelineData } from './timeline-data.js';
import { applyBorderColor, applyWidth, DEFAULT_TIMELINE_HEIGHT, fixedCountOf, frameHeightOf, liveValue } from './timeline-layout.js';
import { warnDeprecatedName, PerchNewPostsEvent, PerchTimelineLoadEvent, PerchTimelineRenderEvent, type PerchTimelineEventMap } from './timeline-events.js';
import { timelineMsg } from './timeline-i18n.js';
import { queryOf, sourceProblem } from './timeline-source.js';
import { TimelineImpressions } from './timeline-impressions.js';
import { timelineStyles } from './timeline.styles.js';
import { VirtualScrollController } from './virtual-scroll.js';
import { feedPost, renderTimelineFallback } from './timeline-parts.js';
import { FeedRows, type RowJob } from './feed-rows.js';
import { renderTimelineFrame, type FrameActions } from './timeline-frame.js';

export { MIN_TIMELINE_WIDTH, MAX_TIMELINE_WIDTH, DEFAULT_TIMELINE_HEIGHT, MIN_TIMELINE_HEIGHT, liveValue, type ChromeToken } from './timeline-layout.js';

interface Failure {
  reason: PerchErrorReason;
  detail: string;
}

export { queryForSource } from './timeline-data.js';

/**
 * An embedded X profile or list timeline.
 *
 * @summary Header, posts (rendered like `<perch-tweet>`) and footer; loads more while scrolling within its height; refreshes on request.
 *
 * @slot - Fallback shown until the timeline is ready, e.g. X's pasted `<a class="twitter-timeline">` link (its href also names the source when no source attribute is set).
 *
 * @fires {PerchTimelineLoadEvent} perch-load - A page of posts arrived (`page`, `total`).
 * @fires {PerchTimelineRenderEvent} perch-render - The first posts are on the page and the fallback is gone (`page`).
 * @fires perch-new-posts - A refresh found newer posts; they wait behind the "N new posts" button.
 * @fires perch-error - The timeline (or a further page) could not be loaded; the fallback stays if nothing was shown yet.
 *
 * @csspart frame - The box around header, posts and footer.
 * @csspart timeline-header - The timeline's header (profile or list); prefixed so `::part(header)` matches only the posts' headers.
 * @csspart viewport - The scrolling area.
 * @csspart feed - The list of posts.
 * @csspart new-posts - The "N new posts" button.
 * @csspart timeline-footer - The footer link to X (prefixed like `timeline-header`).
 * @csspart message - The notice shown under the fallback when loading failed.
 *
 * @cssprop --perch-background - Background colour.
 * @cssprop --perch-color - Text colour.
 * @cssprop --perch-border-color - Border colour (the `border-color` attribute sets it).
 * @cssprop --perch-width - Width (the `width` attribute sets it).
 */
export class PerchTimeline extends LitElement {
  static override styles = [themeTokens, themeScheme, postStyles, timelineStyles];

  // Declared without decorators, as in every Perch element: no decorator helpers ship.
  static override properties = {
    screenName: { attribute: 'screen-name' },
    userId: { attribute: 'user-id' },
    listId: { attribute: 'list-id' },
    ownerScreenName: { attribute: 'owner-screen-name' },
    slug: {},
    tweetLimit: { attribute: 'tweet-limit', type: Number },
    height: { type: Number },
    chrome: {},
    theme: {},
    width: { type: Number },
    dnt: { converter: booleanAttribute('dnt') },
    showReplies: { attribute: 'show-replies', converter: booleanAttribute('show-replies') },
    liveRegion: { attribute: 'live-region' },
    ariaPolite: { attribute: 'aria-polite' },
    borderColor: { attribute: 'border-color' },
    server: {},
    refreshSeconds: { attribute: 'refresh-seconds', type: Number },
    loading: {},
    timeZone: { attribute: 'time-zone' },
    failure: { state: true },
    announcement: { state: true },
  };

  /** A profile, by screen name. */
  screenName: string | undefined;
  /** A profile, by numeric user id. */
  userId: string | undefined;
  /** A list, by numeric id. */
  listId: string | undefined;
  /** A list, by its owner's screen name (with `slug`). */
  ownerScreenName: string | undefined;
  /** A list's slug (with `owner-screen-name`). */
  slug: string | undefined;
  /** 1–20: show exactly this many posts, no scrolling and no paging. */
  tweetLimit: number | undefined;
  /** Height in CSS pixels (default 600); posts scroll inside it. Ignored with `tweet-limit`. */
  height: number | undefined;
  /** Any of `noheader nofooter noborders transparent noscrollbar`, space-separated. */
  chrome: string | undefined;
  /** `light`, `dark` or `auto`. Defaults to the page setting, else light. */
  theme: Theme | undefined;
  /** Width in CSS pixels, 180–1200 (default: the container's). */
  width: number | undefined;
  /** Opt out of tailoring (`true`); forced on by the site-wide under-13 switch. */
  dnt = false;
  /** `true` includes replies. */
  showReplies = false;
  /** How new posts are announced: `polite` (default) or `assertive`. (X's `data-aria-polite` maps here.) */
  liveRegion: 'polite' | 'assertive' | undefined;
  /**
   * @deprecated Use `live-region`: `aria-polite` is not an ARIA attribute, and checkers report it
   * on the element. Still read until the next minor version.
   */
  ariaPolite: string | undefined;
  /** Colour of the borders and separators. */
  borderColor: string | undefined;
  /** Embed server base URL; defaults to the page's `perch:server` meta tag or the script's origin. */
  server: string | undefined;
  /** Look for new posts every this many seconds (at least 5) while the page is visible; 0 (default) never. */
  refreshSeconds = 0;
  /** `lazy` (default): load when about one viewport away. `eager`: at once. */
  loading: 'lazy' | 'eager' = 'lazy';
  /** Time zone for timestamps (IANA name); the reader's own by default. */
  timeZone: string | undefined;

  private failure: Failure | undefined;
  private announcement = '';

  /** The consent decision sits in the data path: no request unless it allows. */
  private readonly consent = new ConsentController(this, { purpose: 'content', firstParty: true });
  /** Posts wait for Perch's strings in the timeline's language (loaded on demand). */
  private readonly language = new LocalizeController(this);
  /** Which posts are rendered, from the scroll position and measured heights (a move keeps the position). */
  private readonly scroller = new VirtualScrollController(this, {
    keys: () => this.feed.keys(),
    fixedCount: () => this.fixedCount,
    viewport: () => this.renderRoot.querySelector<HTMLElement>('.viewport'),
    items: () => this.renderRoot.querySelectorAll<HTMLElement>('.item'),
    measurable: (item) => this.rows.isFilled(item),
  }, DEFAULT_TIMELINE_HEIGHT);
  /** Posts are rendered into their rows a few a frame, those in view first (`perch-render` waits for those). */
  private readonly rows: FeedRows = new FeedRows(this, {
    filled: (items) => this.scroller.remeasure(items),
    inViewFilled: () => this.announceRendered(),
  });
  private inline = false;
  private shown = false;
  private renderAnnounced = true;
  private focusFirstAfterUpdate = false;

  /** Pages held, further pages, newer posts waiting, periodic refresh. */
  private readonly feed: TimelineData = new TimelineData(this, {
    request: () => ({ server: resolveServer(this.server), allowed: this.consent.allowed, limit: this.pageSize, replies: this.showReplies, dnt: this.dntWanted }),
    source: () => {
      const query = this.inline ? undefined : this.query;
      return sourceProblem(query) === undefined ? query : undefined;
    },
    lazy: () => this.loading !== 'eager',
    failed: (error, noServer) => (noServer ? this.fail('no-source', 'No embed server is configured and the timeline has no inline data.') : this.failRequest(error)),
    reset: () => this.dropShown(),
    fixedCount: () => this.fixedCount,
    refreshSeconds: () => this.refreshSeconds,
    loaded: (page, total) => {
      if (page === this.feed.page) this.failure = undefined; // the first page
      this.dispatchEvent(new PerchTimelineLoadEvent(page, total));
      this.dispatchEvent(new PerchTimelineLoadEvent(page, total, 'perch-timeline-load'));
    },
    newPosts: (waiting) => {
      this.announcement = this.newPostsLabel(waiting);
      this.dispatchEvent(new PerchNewPostsEvent(waiting));
    },
    moreFailed: (error) => this.failRequest(error, false),
  });

  /** The current timeline (first page's header data with every post loaded so far), or undefined. */
  get data(): TimelinePage | undefined {
    const { page, posts, nextCursor } = this.feed;
    return page === undefined ? undefined : { ...page, posts, nextCursor };
  }

  /** Show a timeline page without a request (validated first). Further pages still come from the embed server. */
  set data(value: unknown) {
    try {
      const page = parseTimelinePage(value);
      this.inline = true;
      this.feed.acceptInline(page);
    } catch (error: unknown) {
      this.fail('invalid-data', error instanceof Error ? error.message : String(error));
    }
  }

  /** How many posts the timeline holds now (not counting those behind "N new posts"). */
  get postCount(): number {
    return this.feed.posts.length;
  }

  /** How many newer posts wait behind the "N new posts" button. */
  get pendingCount(): number {
    return this.feed.pending.length;
  }

  constructor() {
    super();
    // The effective theme, as the custom state `light` or `dark`.
    new ThemeController(this, () => this.theme);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved: the posts, pages and scroll position it holds stay; only its impressions are watched again (TimelineImpressions).
    const page = this.feed.page;
    if (this.shown && page !== undefined) this.requestUpdate();
  }

  /** A new source or consent withdrawn: nothing of the old timeline stays, and it is announced afresh when the new one shows. */
  private dropShown(): void {
    this.impressions.forget();
    this.failure = undefined;
    this.announcement = '';
    this.shown = false;
    this.scroller.scrollToTop();
  }

  private get fixedCount(): number | undefined {
    return fixedCountOf(this.tweetLimit);
  }

  private get pageSize(): number {
    return this.fixedCount ?? DEFAULT_TIMELINE_LIMIT;
  }

  private get frameHeight(): number {
    return frameHeightOf(this.height);
  }

  /** The source from the attributes, else from the pasted `<a class="twitter-timeline">`. */
  private get query(): TimelineQuery | undefined {
    return queryOf(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('width')) applyWidth(this, this.width);
    if (changed.has('borderColor')) applyBorderColor(this, this.borderColor);
    const sourceChanged = ['screenName', 'userId', 'listId', 'ownerScreenName', 'slug', 'server', 'showReplies', 'tweetLimit'].some((k) => changed.has(k as keyof PerchTimeline));
    if ((sourceChanged || !this.hasUpdated) && this.isConnected && !this.inline) this.checkSource();
    if (changed.has('refreshSeconds') && this.hasUpdated) this.feed.scheduleRefresh();
  }



  /** A missing or malformed source fails at once; a good one is the loader's to fetch. */
  private checkSource(): void {
    const problem = sourceProblem(this.query);
    if (problem !== undefined) this.fail(problem.reason, problem.detail);
  }

  private get dntWanted(): boolean {
    return this.consent.effectiveDnt(this.dnt);
  }

  /**
   * Load the next (older) page, if there is one. Called by scrolling; callable directly.
   * Aborted by `signal`, and whenever the element leaves the page, its source changes or consent goes.
   * @returns how many posts were added (0 when aborted)
   */
  loadMore(options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.feed.loadMore(options);
  }

  /**
   * Look for posts newer than the newest shown. New ones wait behind the "N new posts"
   * button (announced in the live region) until the reader asks for them.
   * Only the newest page is checked: after a long gap the oldest new posts may be skipped.
   * Aborted by `signal`, and whenever the element leaves the page, its source changes or consent goes.
   * @returns how many new posts were found (0 when aborted)
   */
  refresh(options: { signal?: AbortSignal } = {}): Promise<number> {
    return this.feed.refresh(options);
  }

  /** Put the posts found by `refresh()` at the top, scroll there and focus the newest. */
  showNewPosts(): void {
    if (!this.feed.takePending()) return;
    this.announcement = '';
    this.scroller.scrollToTop();
    this.focusFirstAfterUpdate = true;
  }

  private newPostsLabel(n: number): string {
    return plural('timeline.newPosts', n, this.language.lang);
  }

  private failRequest(error: unknown, initial = true): void {
    if (error instanceof TimelineRequestError) {
      if (error.reason === 'aborted') return;
      this.fail(error.reason, error.message, initial);
    } else this.fail('network', String(error), initial);
  }

  private fail(reason: PerchErrorReason, detail: string, initial = true): void {
    if (initial) this.failure = { reason, detail };
    this.dispatchEvent(new PerchErrorEvent(reason, detail));
  }

  private get context(): RenderContext {
    return {
      lang: this.language.lang,
      server: resolveServer(this.server),
      hideCards: false,
      hideThread: false,
      timeZone: this.timeZone,
      xContentAllowed: this.consent.core.allows('content'),
      inArticle: true, // each feed item is the post's <article>
      dnt: this.dnt || this.consent.childDirected,
    };
  }

  private renderFallback(): TemplateResult {
    return renderTimelineFallback(this.failure !== undefined, this.fixedCount === undefined ? this.frameHeight : undefined, this.language.lang, this.language.dir);
  }

  /**
   * Called once per connection, when the first posts replace the fallback. The hook for
   * impression counting (one timeline impression per page view).
   */
  protected onContentShown(page: TimelinePage): void {
    // One timeline impression per page view, whatever re-renders happen.
    this.impressions.watch(page);
  }

  private readonly impressions = new TimelineImpressions(this);

  protected override render(): TemplateResult {
    return this.consent.withLiveRegion(this.renderState());
  }

  private renderState(): TemplateResult {
    const { page, posts, pending, nextCursor, loadingMore, moreFailed } = this.feed;
    const lang = this.language.lang;
    if (!this.language.ready) return this.renderFallback();
    if (page === undefined) {
      const query = this.query;
      if (!this.consent.allowed && query !== undefined && timelineQueryProblem(query) === undefined) {
        const server = resolveServer(this.server);
        return html`<div class="consent" lang=${lang} dir=${this.language.dir}>${this.consent.renderPlaceholder({ what: timelineMsg('consentWhat', lang), from: server === undefined ? 'x.com' : new URL(server).host, lang })}</div>`;
      }
      return this.renderFallback();
    }
    const view = {
      page, posts, pending: pending.length, atEnd: nextCursor === null, loadingMore, moreFailed,
      chrome: this.chrome, fixed: this.fixedCount !== undefined, frameHeight: this.frameHeight, range: this.scroller.range, ctx: this.context, dir: this.language.dir,
      live: liveValue(this.liveRegion ?? this.ariaPolite), announcement: this.announcement, newPostsLabel: this.newPostsLabel(pending.length),
    };
    return renderTimelineFrame(view, this.frameActions);
  }

  private readonly frameActions: FrameActions = {
    onScroll: this.scroller.onScroll,
    showNewPosts: () => this.showNewPosts(),
    retry: () => void this.loadMore(),
  };

  /** Listening for a deprecated `perch-timeline-*` name prints a notice, once per page. @internal */
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void {
    warnDeprecatedName(type);
    super.addEventListener(type, listener, options);
  }

  /** Resolves once the update is done and every post in the rendered range is in its row. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.rows.settled();
    return result;
  }

  /** The posts in view are rendered: the first time since the timeline showed, say so. */
  private announceRendered(): void {
    const page = this.feed.page;
    if (this.renderAnnounced || page === undefined) return;
    this.renderAnnounced = true;
    this.dispatchEvent(new PerchTimelineRenderEvent(page));
    this.dispatchEvent(new PerchTimelineRenderEvent(page, 'perch-timeline-render'));
  }

  /** Hand the rendered rows to the filler, in the reader's order. */
  private fillRows(posts: readonly PostResult[]): void {
    const byKey = new Map<string, HTMLElement>();
    for (const el of this.renderRoot.querySelectorAll<HTMLElement>('.item')) byKey.set(el.dataset.key ?? '', el);
    const ctx = this.context;
    const { order, inView } = this.scroller.readerOrder();
    const jobs: RowJob[] = [];
    let inViewJobs = 0;
    order.forEach((index, n) => {
      const post = posts[index];
      const el = post === undefined ? undefined : byKey.get(post.id);
      if (post === undefined || el === undefined) return;
      jobs.push({ el, estimate: this.scroller.heightOf(post.id), ...feedPost(post, ctx) });
      if (n < inView) inViewJobs++;
    });
    this.rows.show(jobs, inViewJobs);
  }

  protected override updated(): void {
    const { page, posts, nextCursor, loadingMore, moreFailed } = this.feed;
    if (page === undefined || !this.language.ready) return;
    if (!this.shown) {
      this.shown = true;
      this.renderAnnounced = false;
      this.scroller.readSoon();
      this.onContentShown(page);
    }
    this.fillRows(posts);
    if (this.focusFirstAfterUpdate) {
      this.focusFirstAfterUpdate = false;
      this.renderRoot.querySelector<HTMLElement>('.item')?.focus();
    }
    const nearEnd = this.scroller.range.end >= posts.length - 3;
    if (nearEnd && nextCursor !== null && !loadingMore && !moreFailed && this.fixedCount === undefined) {
      void Promise.resolve().then(() => this.loadMore());
    }
  }
}

// Listeners on the element itself get the timeline's own event classes (declaration merging, no code).
export interface PerchTimeline {
  addEventListener<K extends keyof PerchTimelineEventMap>(type: K, listener: (this: PerchTimeline, ev: PerchTimelineEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PerchTimelineEventMap>(type: K, listener: (this: PerchTimeline, ev: PerchTimelineEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-timeline': PerchTimeline;
  }
}
