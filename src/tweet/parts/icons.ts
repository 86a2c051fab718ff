/** Inline SVG marks. Decorative ones are hidden from assistive technology. */
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

/** Reply, repost and like outlines. */
export const replyIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M1.75 10c0-4.42 3.58-8 8-8h4.37c4.42 0 8.13 3.58 8.13 8s-3.58 8-8 8h-.26l-4.97 3.1v-3.45A8 8 0 0 1 1.75 10zm8-6c-3.3 0-6 2.7-6 6 0 2.94 2.12 5.38 4.92 5.89l.83.15v1.98l3.1-1.94.47-.08h.68c3.3 0 6-2.7 6-6s-2.84-6-6.13-6z"/></svg>`;
export const repostIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M4.5 3.88l4.43 4.14-1.36 1.46L5.5 7.55V16c0 1.1.9 2 2 2H13v2H7.5c-2.21 0-4-1.79-4-4V7.55L1.43 9.48.07 8.02 4.5 3.88zM16.5 6H11V4h5.5c2.21 0 4 1.79 4 4v8.45l2.07-1.93 1.36 1.46-4.43 4.14-4.43-4.14 1.36-1.46 2.07 1.93V8c0-1.1-.9-2-2-2z"/></svg>`;
export const likeIcon = svg`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M16.7 5.5c-1.19-.05-2.61.5-3.88 2.28L12 8.93l-.82-1.14C9.9 6.01 8.49 5.45 7.3 5.5c-1.2.06-2.3.71-3.02 1.71-1.45 2-1.26 5.35 1.72 8.3 1.27 1.26 3.4 3.03 6 4.86 2.6-1.83 4.73-3.6 6-4.86 2.98-2.95 3.17-6.3 1.72-8.3-.73-1-1.82-1.65-3.02-1.71zM12 21.91l-.57-.4c-2.9-2-5.26-3.94-6.65-5.32C1.36 12.8.9 8.55 2.66 6.05 3.74 4.57 5.38 3.6 7.2 3.5c1.73-.08 3.4.6 4.8 2.05 1.4-1.45 3.07-2.13 4.8-2.05 1.82.1 3.46 1.07 4.54 2.55 1.76 2.5 1.3 6.75-2.12 10.14-1.39 1.38-3.75 3.32-6.65 5.32z"/></svg>`;
export const playIcon = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M8 5v14l11-7z"/></svg>`;
