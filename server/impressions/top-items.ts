/** The most-rendered items of a large set without sorting it all: one pass that keeps only the best `limit`. */
import type { ItemCount } from './impression-store.js';

/** Order: most rendered, then most viewable, then id (code-point order: ids are ASCII). */
export function compareItems(a: ItemCount, b: ItemCount): number {
  return b.rendered - a.rendered || b.viewable - a.viewable || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The first `limit` of `items` in `compareItems` order; O(n · limit) worst case, O(n) for the usual long tail. */
export function topItems(items: Iterable<ItemCount>, limit: number): ItemCount[] {
  const best: ItemCount[] = [];
  if (limit <= 0) return best;
  for (const item of items) {
    if (best.length === limit && compareItems(item, best[limit - 1] as ItemCount) >= 0) continue;
    let i = best.length;
    while (i > 0 && compareItems(item, best[i - 1] as ItemCount) < 0) i--;
    best.splice(i, 0, item);
    if (best.length > limit) best.pop();
  }
  return best;
}
