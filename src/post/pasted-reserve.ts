/**
 * Reserve a post's height on its element before the post renders (see `reserve-height.ts`):
 * from the pasted fallback inside it when there is one, else a typical post. Set through
 * CSSOM as a custom property the element's styles read (strict-CSP safe), so the CDN
 * loader can do it before the element's own code has loaded.
 */
import { DEFAULT_WIDTH, defaultReserveHeight, estimateFromPasted, PASTED_MEDIA_LINK } from './reserve-height.js';

/** The inline custom property carrying the reserved height (the public `--perch-reserve-height` wins over it). */
export const RESERVE_PROPERTY = '--perch-reserve-auto';

/** The height to reserve for `el`'s post, from what the page already holds. */
export function pastedReserve(el: HTMLElement): number {
  const own = Number(el.getAttribute(el.localName === 'blockquote' ? 'data-width' : 'width'));
  const measured = el.getBoundingClientRect().width;
  const width = Math.max(250, Math.min(DEFAULT_WIDTH, own > 0 ? own : DEFAULT_WIDTH, measured > 0 ? measured : DEFAULT_WIDTH));
  // X's pasted blockquote itself (before it is upgraded), or the fallback inside a `<perch-tweet>`.
  const fallback = el.localName === 'blockquote' ? el : [...el.children].find((c) => !(c instanceof HTMLScriptElement));
  if (fallback === undefined) return defaultReserveHeight(width);
  const text = (fallback.querySelector('p') ?? fallback).textContent ?? '';
  const hasMedia = [...fallback.querySelectorAll('a')].some((a) => PASTED_MEDIA_LINK.test((a.textContent ?? '').trim()));
  return estimateFromPasted(text, hasMedia, width);
}

const pending = new Set<HTMLElement>();

function flush(): void {
  // Every width first, then every write: one layout for a page of posts, not one per post.
  const heights = [...pending].map((el) => [el, pastedReserve(el)] as const);
  pending.clear();
  for (const [el, px] of heights) if (el.isConnected && el.style.getPropertyValue(RESERVE_PROPERTY) === '') setReserve(el, px);
}

/** Reserve `el`'s height before the next frame is painted (batched with other elements). */
export function scheduleReserve(el: HTMLElement): void {
  if (pending.size === 0) requestAnimationFrame(flush);
  pending.add(el);
}

/** Set (or with `undefined`, clear) the reserved height on `el`. */
export function setReserve(el: HTMLElement, px: number | undefined): void {
  if (px === undefined) el.style.removeProperty(RESERVE_PROPERTY);
  else el.style.setProperty(RESERVE_PROPERTY, `${Math.round(px)}px`);
}
