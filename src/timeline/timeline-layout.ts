/**
 * The timeline's box from its attributes: width and height within X's limits, the `chrome`
 * tokens, `tweet-limit`, the border colour, and the live region's politeness.
 */
import { MAX_TIMELINE_LIMIT } from '../data/timeline.js';

/** Allowed widths in CSS pixels (X's own limits). */
export const MIN_TIMELINE_WIDTH = 180;
export const MAX_TIMELINE_WIDTH = 1200;
/** Default and smallest height in CSS pixels. */
export const DEFAULT_TIMELINE_HEIGHT = 600;
export const MIN_TIMELINE_HEIGHT = 200;

/** The `chrome` tokens X's timelines understand. */
export type ChromeToken = 'noheader' | 'nofooter' | 'noborders' | 'transparent' | 'noscrollbar';

/** `live-region` (or X's `aria-polite`) as an `aria-live` value: X's `rude` is `assertive`. */
export function liveValue(liveRegion: string | undefined): 'polite' | 'assertive' {
  return liveRegion === 'assertive' || liveRegion === 'rude' ? 'assertive' : 'polite';
}

/** `tweet-limit` as a post count (1–20), or undefined for a scrolling, paged timeline. */
export function fixedCountOf(tweetLimit: number | undefined): number | undefined {
  if (tweetLimit === undefined || !Number.isFinite(tweetLimit) || tweetLimit < 1) return undefined;
  return Math.min(MAX_TIMELINE_LIMIT, Math.floor(tweetLimit));
}

/** The frame's height in CSS pixels: the default, or `height` no lower than the minimum. */
export function frameHeightOf(height: number | undefined): number {
  return height === undefined || !Number.isFinite(height) ? DEFAULT_TIMELINE_HEIGHT : Math.max(MIN_TIMELINE_HEIGHT, height);
}

/** The `chrome` attribute's tokens, lower-cased. */
export function chromeTokensOf(chrome: string | undefined): Set<string> {
  return new Set((chrome ?? '').toLowerCase().split(/[\s,]+/).filter((t) => t !== ''));
}

/** Set (or remove) `--perch-width` from the `width` attribute, within X's limits. */
export function applyWidth(host: HTMLElement, width: number | undefined): void {
  if (width === undefined || !Number.isFinite(width)) host.style.removeProperty('--perch-width');
  else host.style.setProperty('--perch-width', `${Math.min(MAX_TIMELINE_WIDTH, Math.max(MIN_TIMELINE_WIDTH, width))}px`);
}

/** Set (or remove) `--perch-border-color` from the `border-color` attribute, when it is a colour. */
export function applyBorderColor(host: HTMLElement, color: string | undefined): void {
  if (color !== undefined && color !== '' && CSS.supports('color', color)) host.style.setProperty('--perch-border-color', color);
  else host.style.removeProperty('--perch-border-color');
}
