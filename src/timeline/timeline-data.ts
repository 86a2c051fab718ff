/**
 * What a timeline holds, as a reactive controller: the first page's header, the posts loaded
 * so far, the cursor to the next page, the newer posts waiting behind "N new posts", and the
 * periodic refresh. Further pages and refreshes are aborted with the first page's load.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PostResult } from '../data/model.js';
import type { TimelinePage, TimelineQuery, TimelineSource } from '../data/timeline.js';
import { requestTimeoutMs } from '../shared/page-config.js';
import { LoadController } from '../shared/load-controller.js';
import { fetchTimelinePage, TimelineRequestError } from './timeline-client.js';

/** The request that reaches the same timeline as a page's source. */
export function queryForSource(source: TimelineSource): TimelineQuery {
  return source.type === 'profile' ? { type: 'profile', userId: source.userId } : { type: 'list', listId: source.listId };
}

/** How further pages are asked for. */
export interface TimelineRequest {
  /** The embed server, if any. */
  server: string | undefined;
  /** The consent decision allows loading. */
  allowed: boolean;
  limit: number;
  replies: boolean;
  dnt: boolean;
}

const NO_SERVER = 'No embed server is configured and the timeline has no inline data.';

/** What the data controller asks of its timeline element. */
export interface TimelineDataHooks {
  request(): TimelineRequest;
  /** The timeline to load from the embed server; undefined when there is none (or it is given inline, or malformed). */
  source(): TimelineQuery | undefined;
  /** Wait until the element is near the viewport before the first page. */
  lazy(): boolean;
  /** The first page could not be loaded (`noServer`: there is no embed server to ask). */
  failed(error: unknown, noServer: boolean): void;
  /** A new source, or consent withdrawn: everything held is dropped. */
  reset(): void;
  /** `tweet-limit`: exactly this many posts, no paging. */
  fixedCount(): number | undefined;
  /** Seconds between refreshes (0: never). */
  refreshSeconds(): number;
  /** A page arrived; `total` posts are held now. */
  loaded(page: TimelinePage, total: number): void;
  /** A refresh found newer posts; `waiting` wait behind the button now. */
  newPosts(waiting: number): void;
  /** A further page could not be loaded. */
  moreFailed(error: unknown): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class TimelineData implements ReactiveController {
  /** The first page (header data), once loaded. */
  page: TimelinePage | undefined;
  /** Every post shown so far, newest first. */
  posts: PostResult[] = [];
  /** Where the next (older) page starts; null at the end. */
  nextCursor: string | null = null;
  /** Newer posts found by a refresh, not shown yet. */
  pending: PostResult[] = [];
  /** A further page is on its way. */
  loadingMore = false;
  /** The last further page failed (a retry button shows). */
  moreFailed = false;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private keysOf: PostResult[] | undefined;
  private postKeys: string[] = [];

  /** The first page: aborted on disconnect, kept across a move, restarted on a new source, dropped when consent goes. */
  private readonly loader: LoadController<TimelinePage>;

  constructor(
    private readonly host: Host,
    private readonly hooks: TimelineDataHooks,
  ) {
    host.addController(this);
    this.loader = new LoadController<TimelinePage>(host, {
      key: () => {
        const query = hooks.source();
        if (query === undefined) return undefined;
        const { server, limit, replies } = hooks.request();
        return JSON.stringify([server ?? null, query, limit, replies]);
      },
      allowed: () => hooks.request().allowed,
      lazy: () => hooks.lazy(),
      load: (key, signal) => {
        const [server, query] = JSON.parse(key) as [string | null, TimelineQuery];
        if (server === null) return Promise.reject(new TimelineRequestError('network', NO_SERVER));
        const { limit, replies, dnt } = hooks.request();
        return fetchTimelinePage(server, query, { limit, replies, dnt, timeoutMs: requestTimeoutMs(), signal });
      },
      loaded: (page) => this.accept(page),
      failed: (error, key) => hooks.failed(error, (JSON.parse(key) as [string | null])[0] === null),
      reset: () => {
        this.clear();
        hooks.reset();
      },
    });
  }

  /** Show `page` given inline: no first-page request (one under way is dropped). */
  acceptInline(page: TimelinePage): void {
    this.loader.clear();
    this.accept(page);
  }

  hostConnected(): void {
    this.scheduleRefresh();
  }

  hostDisconnected(): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** The posts' ids, in order; recomputed only when the posts change (the range is computed every scroll frame). */
  keys(): string[] {
    if (this.keysOf !== this.posts) {
      this.keysOf = this.posts;
      this.postKeys = this.posts.map((p) => p.id);
    }
    return this.postKeys;
  }

  /** The first page arrived (or was set inline): it replaces whatever was held. */
  accept(page: TimelinePage): void {
    this.page = page;
    const fixed = this.hooks.fixedCount();
    this.posts = fixed === undefined ? page.posts : page.posts.slice(0, fixed);
    this.nextCursor = fixed === undefined ? page.nextCursor : null;
    this.pending = [];
    this.moreFailed = false;
    this.host.requestUpdate();
    this.hooks.loaded(page, this.posts.length);
  }

  /** Drop everything held (a new source, consent withdrawn). */
  clear(): void {
    this.page = undefined;
    this.posts = [];
    this.nextCursor = null;
    this.pending = [];
    this.loadingMore = false;
    this.moreFailed = false;
    this.host.requestUpdate();
  }

  /** Load the next (older) page, if there is one; see `PerchTimeline.loadMore`. */
  async loadMore(options: { signal?: AbortSignal } = {}): Promise<number> {
    const page = this.page;
    const cursor = this.nextCursor;
    if (page === undefined || cursor === null || this.loadingMore || this.hooks.fixedCount() !== undefined) return 0;
    const { server, allowed, limit, replies, dnt } = this.hooks.request();
    if (server === undefined || !allowed || !this.host.isConnected) return 0;
    const signal = combine(this.loader.signal, options.signal);
    this.loadingMore = true;
    this.moreFailed = false;
    this.host.requestUpdate();
    try {
      const next = await fetchTimelinePage(server, queryForSource(page.source), { cursor, limit, replies, dnt, timeoutMs: requestTimeoutMs(), signal });
      if (this.page !== page || signal.aborted) return 0;
      const known = new Set(this.keys());
      const added = next.posts.filter((p) => !known.has(p.id));
      this.posts = [...this.posts, ...added];
      // A server that repeats itself would page forever: stop when nothing new comes.
      this.nextCursor = added.length === 0 ? null : next.nextCursor;
      this.host.requestUpdate();
      this.hooks.loaded(next, this.posts.length);
      return added.length;
    } catch (error: unknown) {
      if (signal.aborted) return 0; // nothing failed: the request was called off
      this.moreFailed = true;
      this.host.requestUpdate();
      this.hooks.moreFailed(error);
      return 0;
    } finally {
      if (this.page === page) {
        this.loadingMore = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Look for posts newer than the newest shown; see `PerchTimeline.refresh`. */
  async refresh(options: { signal?: AbortSignal } = {}): Promise<number> {
    const page = this.page;
    const { server, allowed, limit, replies, dnt } = this.hooks.request();
    if (page === undefined || server === undefined || !allowed || !this.host.isConnected) return 0;
    const signal = combine(this.loader.signal, options.signal);
    let latest: TimelinePage;
    try {
      latest = await fetchTimelinePage(server, queryForSource(page.source), { limit, replies, dnt, timeoutMs: requestTimeoutMs(), signal });
    } catch {
      return 0; // a failed refresh changes nothing on screen; the next one may work
    }
    if (this.page !== page || signal.aborted) return 0;
    const known = new Set([...this.posts, ...this.pending].map((p) => p.id));
    const newer: PostResult[] = [];
    for (const p of latest.posts) {
      if (known.has(p.id)) break;
      newer.push(p);
    }
    if (newer.length === 0) return 0;
    this.pending = [...newer, ...this.pending];
    this.host.requestUpdate();
    this.hooks.newPosts(this.pending.length);
    return newer.length;
  }

  /** Put the waiting newer posts at the top; false when none wait. */
  takePending(): boolean {
    if (this.pending.length === 0) return false;
    const merged = [...this.pending, ...this.posts];
    const fixed = this.hooks.fixedCount();
    this.posts = fixed === undefined ? merged : merged.slice(0, fixed);
    this.pending = [];
    this.host.requestUpdate();
    return true;
  }

  /** (Re)start the periodic refresh: every `refresh-seconds` (at least 5) while the page is visible. */
  scheduleRefresh(): void {
    if (this.refreshTimer !== undefined) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    const s = this.hooks.refreshSeconds();
    if (!this.host.isConnected || !Number.isFinite(s) || s <= 0) return;
    this.refreshTimer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, Math.max(5, s) * 1000);
  }
}

/** One signal that aborts when either does. */
function combine(own: AbortSignal, other: AbortSignal | undefined): AbortSignal {
  return other === undefined ? own : AbortSignal.any([own, other]);
}
