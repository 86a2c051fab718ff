/**
 * The timeline's virtual scrolling, as a reactive controller: follows the scroll position (at
 * most one update a frame), measures rendered posts as they resize, and says which posts to
 * render and in which order the reader needs them. It never reads layout itself: the position
 * comes from scroll events and sizes from a ResizeObserver, so a frame's work is only writes.
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
  /** False while an item is an empty box of reserved height: its size says nothing yet. */
  measurable?(item: HTMLElement): boolean;
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
  private observedViewport: Element | null = null;
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

  /** The indices of the rendered posts in the order the reader needs them (those in view first), and how many are in view. */
  readerOrder(): { order: number[]; inView: number } {
    const keys = this.options.keys();
    const range = this.range;
    if (this.options.fixedCount() !== undefined) {
      const order = Array.from({ length: range.end - range.start }, (_, i) => range.start + i);
      return { order, inView: order.length };
    }
    return this.list.readerOrder(keys, range, this.position, this.height);
  }

  /** The known or estimated height of the post `key`. */
  heightOf(key: string): number {
    return this.list.heightOf(key);
  }

  /** Measure these items again (they were just filled: their first size report was the reserved box). */
  remeasure(items: Iterable<HTMLElement>): void {
    const ro = this.resizeObserver;
    if (ro === undefined) return;
    for (const el of items) {
      if (!this.observed.has(el)) continue;
      ro.unobserve(el);
      ro.observe(el);
    }
  }

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
    this.observedViewport = null;
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

  /**
   * Re-render only if the rendered range must change. No layout is read: the position is the
   * last scroll event's and the viewport's height its last size report.
   */
  private read(): void {
    if (!sameRange(this.compute(), this.range)) this.host.requestUpdate();
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      if (entry.target === this.observedViewport) {
        const h = entry.contentBoxSize[0]?.blockSize ?? entry.contentRect.height;
        if (h > 0 && Math.abs(h - this.height) >= 0.5) {
          this.height = h;
          changed = true;
        }
        continue;
      }
      const key = this.observed.get(entry.target);
      if (key === undefined) continue;
      if (this.options.measurable?.(entry.target as HTMLElement) === false) continue;
      const h = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      if (this.list.record(key, h)) changed = true;
    }
    // A new average moves every unmeasured post: only where none lies above the rendered ones (after a jump, the posts in view would change).
    if (changed && this.list.measuredBefore(this.options.keys(), this.range.start)) this.list.reviseEstimate();
    // Re-render in the next frame (if the range or the space around it changed): changing the DOM inside this callback would loop the observer.
    if (changed && this.layoutFrame === 0) {
      this.layoutFrame = requestAnimationFrame(() => {
        this.layoutFrame = 0;
        this.read();
      });
    }
  }

  /** Measure rendered items (and keep measuring as images load); forget the ones no longer rendered. */
  private observeItems(): void {
    const ro = this.resizeObserver;
    if (ro === undefined) return;
    const viewport = this.options.viewport();
    if (viewport !== this.observedViewport) {
      if (this.observedViewport !== null) ro.unobserve(this.observedViewport);
      this.observedViewport = viewport;
      if (viewport !== null) ro.observe(viewport);
    }
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
