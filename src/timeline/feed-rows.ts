/**
 * Fills the timeline's rows with their posts a few at a time, so that scrolling costs a bounded
 * amount of work per frame however far the reader jumps and however busy the machine is. A row
 * is first an empty `<article>` of the estimated height (space reserved, nothing jumps); its post
 * is rendered into it in the reader's order (the rows in view first), at most `maxRowsPerFrame`
 * rows and about `budgetMs` of rendering per frame, the rest in the next frames.
 */
import { render, type ReactiveController, type ReactiveControllerHost, type RootPart } from 'lit';

/** One row to fill. */
export interface RowJob {
  /** The row's element (an empty box until filled). */
  el: HTMLElement;
  /** What the content depends on: the row is rendered again only when one of these changed. */
  deps: readonly unknown[];
  /** The row's content. */
  content(): unknown;
  /** Height reserved until the row is filled (CSS pixels). */
  estimate: number;
}

/** Options of {@link FeedRows}. */
export interface FeedRowsOptions {
  /** Rendering time per frame in milliseconds, checked between rows (default 6). */
  budgetMs?: number;
  /** Most rows filled in one frame (default 4). At least one is, whatever the time. */
  maxRowsPerFrame?: number;
  /** Rows just filled (in one frame): measure them. */
  filled?(rows: HTMLElement[]): void;
  /** The rows in view are all filled (called after each {@link FeedRows.show} once they are). */
  inViewFilled?(): void;
}

interface Filled {
  part: RootPart;
  deps: readonly unknown[];
}

export class FeedRows implements ReactiveController {
  readonly budgetMs: number;
  readonly maxRowsPerFrame: number;
  private queue: RowJob[] = [];
  private readonly done = new Map<HTMLElement, Filled>();
  /** Rows of the queue, from its head, that are in view and not yet filled. */
  private inViewLeft = 0;
  /** The frame the current budget belongs to (`document.timeline.currentTime`), and what is spent of it. */
  private frameKey: number | null = null;
  private spentMs = 0;
  private spentRows = 0;
  private scheduled: { cancel(): void } | undefined;
  private connected = true;
  private waiters: Array<() => void> = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: FeedRowsOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? 6;
    this.maxRowsPerFrame = Math.max(1, options.maxRowsPerFrame ?? 4);
    host.addController(this);
  }

  /** True when `el` shows its post (maybe an older rendering of it), false while it is an empty box. */
  isFilled(el: Element): boolean {
    return this.done.has(el as HTMLElement);
  }

  /**
   * The rows now in the feed, in the reader's order, the first `inView` of them in view. Rows
   * whose content is current are left alone; empty ones get their reserved height; then as many
   * as this frame's budget allows are filled at once and the rest in the next frames.
   */
  show(jobs: readonly RowJob[], inView: number): void {
    const present = new Set<HTMLElement>();
    for (const job of jobs) present.add(job.el);
    for (const [el, filled] of this.done) {
      if (present.has(el)) continue;
      // Left the feed: its directives hear that it is gone.
      filled.part.setConnected(false);
      this.done.delete(el);
    }
    this.queue = [];
    let inViewLeft = 0;
    jobs.forEach((job, i) => {
      const filled = this.done.get(job.el);
      if (filled !== undefined && sameDeps(filled.deps, job.deps)) return;
      if (filled === undefined) job.el.style.height = `${job.estimate}px`;
      this.queue.push(job);
      if (i < inView) inViewLeft++; // the rows in view come first, so they lead the queue
    });
    this.inViewLeft = inViewLeft;
    if (this.inViewLeft === 0) this.options.inViewFilled?.();
    this.fill();
  }

  /** Resolves when no row waits (or the timeline left the page). */
  settled(): Promise<void> {
    if (this.queue.length === 0 || !this.connected) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The timeline left the page: stop filling (rows stay as they are) and tell the rows' directives. */
  hostDisconnected(): void {
    this.connected = false;
    this.scheduled?.cancel();
    this.scheduled = undefined;
    for (const filled of this.done.values()) filled.part.setConnected(false);
    this.release();
  }

  /** Back on the page: carry on where it stopped. */
  hostConnected(): void {
    if (this.connected) return;
    this.connected = true;
    for (const filled of this.done.values()) filled.part.setConnected(true);
    if (this.queue.length > 0) this.schedule();
  }

  /** Fill rows within this frame's budget; schedule the next frame for the rest. */
  private fill(): void {
    if (!this.connected) return;
    const key = frameTime();
    if (key === null || key !== this.frameKey) {
      this.frameKey = key;
      this.spentMs = 0;
      this.spentRows = 0;
    }
    // A frame's first row is always filled, so every frame makes progress however slow the machine is.
    const filled: HTMLElement[] = [];
    while (this.queue.length > 0 && this.spentRows < this.maxRowsPerFrame && (this.spentRows === 0 || this.spentMs < this.budgetMs)) {
      const job = this.queue.shift()!;
      const lastInView = this.inViewLeft === 1;
      if (this.inViewLeft > 0) this.inViewLeft--;
      if (!job.el.isConnected) {
        if (lastInView) this.options.inViewFilled?.();
        continue;
      }
      const t0 = performance.now();
      const previous = this.done.get(job.el);
      const part = render(job.content(), job.el, { host: this.host });
      if (previous === undefined) job.el.style.removeProperty('height');
      this.done.set(job.el, { part, deps: job.deps });
      filled.push(job.el);
      this.spentRows++;
      this.spentMs += performance.now() - t0;
      if (lastInView) this.options.inViewFilled?.();
    }
    if (filled.length > 0) this.options.filled?.(filled);
    if (this.queue.length > 0) this.schedule();
    else this.release();
  }

  private schedule(): void {
    if (this.scheduled !== undefined) return;
    const run = (): void => {
      this.scheduled = undefined;
      this.fill();
    };
    // A hidden page gets no frames: carry on in tasks, so `updateComplete` still resolves.
    if (document.visibilityState === 'hidden') {
      const id = setTimeout(run, 0);
      this.scheduled = { cancel: () => clearTimeout(id) };
    } else {
      const id = requestAnimationFrame(run);
      this.scheduled = { cancel: () => cancelAnimationFrame(id) };
    }
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The current frame's time: the same for all work done in one frame, new in the next. */
function frameTime(): number | null {
  const t = document.timeline.currentTime;
  return typeof t === 'number' ? t : null;
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
