/**
 * Which items of a long list to keep in the DOM: the ones within about a screen of the
 * visible area. Heights are measured once rendered (keyed by item, so prepending keeps
 * them) and estimated from the average until then. The estimate is revised only when asked
 * ({@link VirtualList.reviseEstimate}): where unmeasured items lie above the reader, a new
 * estimate would move everything below them. No DOM, no Lit.
 */

/** The slice to render and the space to reserve around it. */
export interface VisibleRange {
  /** First index to render. */
  start: number;
  /** One past the last index to render. */
  end: number;
  /** Pixels of the items before `start`. */
  before: number;
  /** Pixels of the items from `end` on. */
  after: number;
}

/** Options of a {@link VirtualList}. */
export interface VirtualListOptions {
  /** Height assumed for an item before any item is measured. */
  estimate?: number;
  /** Extra pixels rendered above and below the visible area. */
  overscan?: number;
  /** Most items rendered at once, whatever the estimates say. */
  maxRendered?: number;
}

/** Height bookkeeping and range arithmetic for a virtualised list. */
export class VirtualList {
  private readonly heights = new Map<string, number>();
  private measuredSum = 0;
  private readonly fallback: number;
  private assumed: number | undefined;
  readonly overscan: number;
  readonly maxRendered: number;

  constructor(options: VirtualListOptions = {}) {
    this.fallback = options.estimate ?? 240;
    this.overscan = options.overscan ?? 800;
    this.maxRendered = options.maxRendered ?? 40;
  }

  /** Height assumed for an unmeasured item: the average measured when last revised. */
  get estimate(): number {
    return this.assumed ?? this.fallback;
  }

  /**
   * Take the average of the heights measured so far as the estimate.
   * @returns true when it changed
   */
  reviseEstimate(): boolean {
    if (this.heights.size === 0) return false;
    const average = this.measuredSum / this.heights.size;
    if (this.assumed !== undefined && Math.abs(average - this.assumed) < 0.5) return false;
    this.assumed = average;
    return true;
  }

  /** True when every item before `index` has been measured (a new estimate would move nothing above it). */
  measuredBefore(keys: readonly string[], index: number): boolean {
    for (let i = 0; i < index && i < keys.length; i++) if (!this.heights.has(keys[i] ?? '')) return false;
    return true;
  }

  /** The known or estimated height of `key`. */
  heightOf(key: string): number {
    return this.heights.get(key) ?? this.estimate;
  }

  /**
   * Record a measured height.
   * @returns true when it differs from what was assumed before
   */
  record(key: string, height: number): boolean {
    if (!(height > 0)) return false;
    const old = this.heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.measuredSum += height - (old ?? 0);
    this.heights.set(key, height);
    return true;
  }

  /** Forget every measurement (the width changed, so every height may have). */
  reset(): void {
    this.heights.clear();
    this.measuredSum = 0;
    this.assumed = undefined;
  }

  /** Total height of all items. */
  totalHeight(keys: readonly string[]): number {
    let sum = 0;
    for (const k of keys) sum += this.heightOf(k);
    return sum;
  }

  /** Offset of item `index` from the top of the list. */
  offsetOf(keys: readonly string[], index: number): number {
    let sum = 0;
    for (let i = 0; i < index && i < keys.length; i++) sum += this.heightOf(keys[i] ?? '');
    return sum;
  }

  /** The items to render for a viewport scrolled to `scrollTop` (relative to the list's top) showing `viewport` pixels. */
  range(keys: readonly string[], scrollTop: number, viewport: number): VisibleRange {
    const top = Math.max(0, scrollTop - this.overscan);
    const bottom = scrollTop + viewport + this.overscan;
    let offset = 0;
    let start = keys.length;
    let before = 0;
    for (let i = 0; i < keys.length; i++) {
      const h = this.heightOf(keys[i] ?? '');
      if (offset + h > top) {
        start = i;
        before = offset;
        break;
      }
      offset += h;
    }
    if (start === keys.length && keys.length > 0) {
      // Scrolled past the end (the list shrank): keep the last item.
      start = keys.length - 1;
      before = offset - this.heightOf(keys[start] ?? '');
    }
    let end = start;
    offset = before;
    while (end < keys.length && offset < bottom && end - start < this.maxRendered) {
      offset += this.heightOf(keys[end] ?? '');
      end++;
    }
    let after = 0;
    for (let i = end; i < keys.length; i++) after += this.heightOf(keys[i] ?? '');
    return { start, end, before, after };
  }

  /**
   * The indices of `range` in the order a reader needs them: those in view (top to bottom), then
   * those below it, nearest first, then those above it, nearest first; and how many are in view.
   */
  readerOrder(keys: readonly string[], range: VisibleRange, scrollTop: number, viewport: number): { order: number[]; inView: number } {
    const inView: number[] = [];
    const below: number[] = [];
    const above: number[] = [];
    let offset = range.before;
    for (let i = range.start; i < range.end; i++) {
      const h = this.heightOf(keys[i] ?? '');
      if (offset + h <= scrollTop) above.push(i);
      else if (offset >= scrollTop + viewport) below.push(i);
      else inView.push(i);
      offset += h;
    }
    return { order: [...inView, ...below, ...above.reverse()], inView: inView.length };
  }
}
