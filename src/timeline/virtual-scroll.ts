/**
 * The timeline's virtual scrolling, as a reactive controller: reads the scroll position (at
 * most once a frame), measures rendered posts as they resize, and says which posts to render.
 * The arithmetic lives in `virtual-list.ts`; this is the DOM side. A move in the page keeps
 * the scroll position; nothing (frames, observer) is left running while disconnected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { VirtualList, type VisibleRange } from './virtual-list.js';

/** What the controller asks its timeline. */
export interface VirtualScrollOptions {
  /** The posts' keys, in order. */
  keys(): readonly string[];
  /** A fixed number of posts (`tweet-limit`): no virtualisation. */
  fixedCount(): number | undefined;
  /** The scrolling element, once rendered. */
  viewport(): HTMLElement | null;
  /** The rendered items (each with `data-key`). */
  items(): Iterable<HTMLElement>;
}

type Host = ReactiveControllerHost & HTMLElement;

export class VirtualScrollController implements ReactiveController {
  /** The posts to render now, and the space to leave before and after them. */
  range: VisibleRange = { start: 0, end: 0, before: 0, after: 0 };
  private readonly list = new VirtualList();
  private position = 0;
  private height: number;
  private scrollFrame = 0;
  private layoutFrame = 0;
  private restore = false;
  private readonly observed = new Map<Element, string>();
  private readonly resizeObserver: ResizeObserver | undefined = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => this.onResize(entries));

  constructor(
    private readonly host: Host,
    private readonly options: VirtualScrollOptions,
    initialHeight: number,
  ) {
    this.height = initialHeight;
    host.addController(this);
  }

  /** Listener for the viewport's `scroll` (passive). */
  readonly onScroll = {
    handleEvent: (event: Event): void => {
      // Kept at once (layout is clean during a scroll event): a move right after scrolling restores it.
      if (event.currentTarget instanceof HTMLElement) this.position = event.currentTarget.scrollTop;
      if (this.scrollFrame !== 0) return;
      this.scrollFrame = requestAnimationFrame(() => {
        this.scrollFrame = 0;
        this.read();
      });
    },
    passive: true,
  };

  /** Back to the top (new posts shown, or a new source). */
  scrollToTop(): void {
    this.position = 0;
    const viewport = this.options.viewport();
    if (viewport !== null) viewport.scrollTop = 0;
  }

  /** Read the viewport in the next frame (the first posts just rendered). */
  readSoon(): void {
    requestAnimationFrame(() => this.read());
  }

  hostConnected(): void {
    // Moved in the page: the browser forgets a detached box's scroll position; put it back after the next render.
    if (this.position > 0) {
      this.restore = true;
      this.host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.scrollFrame);
    cancelAnimationFrame(this.layoutFrame);
    this.scrollFrame = 0;
    this.layoutFrame = 0;
    this.resizeObserver?.disconnect();
    this.observed.clear();
  }

  hostUpdate(): void {
    this.range = this.compute();
  }

  hostUpdated(): void {
    this.observeItems();
    if (this.restore) {
      const viewport = this.options.viewport();
      if (viewport !== null) {
        this.restore = false;
        viewport.scrollTop = this.position;
      }
    }
  }

  private compute(): VisibleRange {
    const keys = this.options.keys();
    const fixed = this.options.fixedCount();
    if (fixed !== undefined) return { start: 0, end: Math.min(keys.length, fixed), before: 0, after: 0 };
    return this.list.range(keys, this.position, this.height);
  }

  /** Read the scroll position; re-render only if the rendered range must change. */
  private read(): void {
    const viewport = this.options.viewport();
    if (viewport === null) return;
    this.position = viewport.scrollTop;
    if (viewport.clientHeight > 0) this.height = viewport.clientHeight;
    if (!sameRange(this.compute(), this.range)) this.host.requestUpdate();
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const key = this.observed.get(entry.target);
      if (key === undefined) continue;
      const h = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      if (this.list.record(key, h)) changed = true;
    }
    // Re-render in the next frame: changing the DOM inside this callback would loop the observer.
    if (changed && this.layoutFrame === 0) {
      this.layoutFrame = requestAnimationFrame(() => {
        this.layoutFrame = 0;
        this.host.requestUpdate();
      });
    }
  }

  /** Measure rendered items (and keep measuring as images load); forget the ones no longer rendered. */
  private observeItems(): void {
    const ro = this.resizeObserver;
    if (ro === undefined) return;
    const current = new Set<Element>();
    for (const el of this.options.items()) {
      current.add(el);
      if (this.observed.get(el) !== el.dataset.key) {
        this.observed.set(el, el.dataset.key ?? '');
        ro.observe(el);
      }
    }
    for (const el of [...this.observed.keys()]) {
      if (current.has(el)) continue;
      ro.unobserve(el);
      this.observed.delete(el);
    }
  }
}

function sameRange(a: VisibleRange, b: VisibleRange): boolean {
  return a.start === b.start && a.end === b.end && a.before === b.before && a.after === b.after;
}
