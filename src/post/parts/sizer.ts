/**
 * Boxes for media that keep their shape before anything loads. An empty inline SVG's
 * `viewBox` gives its box the aspect ratio: no `style` attribute and no script, so it
 * works under a strict Content Security Policy and in server-rendered HTML alike.
 */
import type { TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';

/** An invisible box `width:height` in shape, as wide as its container (see `.sizer` in the styles). */
export function sizer(width: number, height: number): TemplateResult {
  const [w, h] = width > 0 && height > 0 ? [width, height] : [16, 9];
  return html`<svg class="sizer" viewBox=${`0 0 ${w} ${h}`} aria-hidden="true" focusable="false"></svg>`;
}
