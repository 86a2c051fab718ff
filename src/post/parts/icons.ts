/**
 * Inline SVG marks used in more than one place. Decorative ones are hidden from assistive
 * technology. The action row's icons are written into the footer's template itself: a
 * constant there costs no binding and no nested template per post.
 */
import { svg, type SVGTemplateResult } from 'lit';
import type { VerifiedType } from '../../data/model.js';

/** X's logo mark. */
export const xMark: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z"/></svg>`;

const badgeColours: Record<Exclude<VerifiedType, 'none'>, string> = {
  blue: '#1d9bf0',
  legacy: '#1d9bf0',
  business: '#e2b719',
  government: '#829aab',
};

/** The verified badge for `type`, or nothing. */
export function verifiedBadge(type: VerifiedType): SVGTemplateResult | undefined {
  if (type === 'none') return undefined;
  return svg`<svg viewBox="0 0 22 22" width="18" height="18" aria-hidden="true"><path fill=${badgeColours[type]} d="M20.4 11c0-1.3-.8-2.5-2-3 .5-1.2.2-2.6-.7-3.5-.9-.9-2.3-1.2-3.5-.7-.5-1.2-1.7-2-3-2s-2.5.8-3 2c-1.2-.5-2.6-.2-3.5.7-.9.9-1.2 2.3-.7 3.5-1.2.5-2 1.7-2 3s.8 2.5 2 3c-.5 1.2-.2 2.6.7 3.5.9.9 2.3 1.2 3.5.7.5 1.2 1.7 2 3 2s2.5-.8 3-2c1.2.5 2.6.2 3.5-.7.9-.9 1.2-2.3.7-3.5 1.2-.5 2-1.7 2-3z"/><path fill="#fff" d="M9.6 14.6 6.4 11.4l1.3-1.3 1.9 1.9 4.7-4.7 1.3 1.3z"/></svg>`;
}

/** The play mark on a video's poster. */
export const playIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M8 5v14l11-7z"/></svg>`;
