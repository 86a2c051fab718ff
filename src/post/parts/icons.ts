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

/** X's action row: a filled heart, a filled reply bubble, a link, and the tick shown once a link is copied. */
export const likeIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M12 21.2l-.9-.7C5.4 16 2 12.9 2 8.9 2 5.9 4.4 3.5 7.3 3.5c1.9 0 3.6.9 4.7 2.4 1.1-1.5 2.8-2.4 4.7-2.4 2.9 0 5.3 2.4 5.3 5.4 0 4-3.4 7.1-9.1 11.6z"/></svg>`;
export const replyIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M1.75 10c0-4.4 3.6-8 8-8h4.4c4.5 0 8.1 3.6 8.1 8.1 0 3-1.6 5.7-4.2 7.1l-8 4.5v-3.7C5.5 18.1 1.75 14.5 1.75 10z"/></svg>`;
export const linkIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M10 14a4 4 0 0 0 5.7 0l3-3A4 4 0 0 0 13 5.3l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/></svg>`;
export const doneIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M4.5 12.5l4.5 4.5L19.5 6.5"/></svg>`;
/** The "i" beside the timestamp, linking to X's ads information and privacy page. */
export const infoIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><circle cx="12" cy="12" r="9.25" fill="none" stroke="currentColor" stroke-width="2"/><path fill="currentColor" d="M11 10.5h2V17h-2zM12 6.5a1.4 1.4 0 1 1 0 2.8 1.4 1.4 0 0 1 0-2.8z"/></svg>`;
export const playIcon: SVGTemplateResult = svg`<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M8 5v14l11-7z"/></svg>`;
