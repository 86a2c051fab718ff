import { ifDefined } from 'lit/directives/if-defined.js';
import { sizer } from './sizer.js';
/** The link card X shows under a post, and the Spaces card. */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { LinkCard } from '../../data/model.js';
import { safeHttpUrl } from '../../text/segments.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';

/** A link card, or nothing when it is hidden or has nowhere safe to link. */
export function renderCard(card: LinkCard | undefined, ctx: RenderContext): TemplateResult | typeof nothing {
  if (card === undefined || ctx.hideCards) return nothing;
  const href = safeHttpUrl(card.expandedUrl ?? '') ?? safeHttpUrl(card.url);
  if (href === undefined) return nothing;
  if (card.kind === 'audiospace') {
    return html`<a part="card" class="card space" href=${href} target="_blank" rel="noopener noreferrer">${msg('space', ctx.lang)}</a>`;
  }
  const large = card.kind === 'summary_large_image' || card.kind === 'player';
  const image = card.image;
  return html`<a part="card" class="card ${large ? 'large' : 'small'}" href=${href} target="_blank" rel="noopener noreferrer nofollow">
    ${image === undefined
      ? nothing
      : html`<span class="card-image">${large ? sizer(image.width, image.height) : sizer(1, 1)}<img src=${ifDefined(mediaSrc(image.url, ctx))} alt=${image.altText ?? ''} loading="lazy" decoding="async" referrerpolicy="no-referrer" /></span>`}
    <span class="card-text">
      ${card.domain === undefined ? nothing : html`<span class="card-domain">${card.domain}</span>`}
      ${card.title === undefined ? nothing : html`<span class="card-title" dir="auto">${card.title}</span>`}
      ${card.description === undefined ? nothing : html`<span class="card-description" dir="auto">${card.description}</span>`}
    </span>
  </a>`;
}
