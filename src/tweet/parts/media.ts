import { ifDefined } from 'lit/directives/if-defined.js';
/**
 * Photos in a 1–4 grid and video/GIF posters. Every box is sized from the known
 * aspect ratio before its image arrives, so nothing moves when it does.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Media, Photo, Video } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';
import { playIcon } from './icons.js';

function ratio(width: number, height: number): string {
  return width > 0 && height > 0 ? `${width} / ${height}` : '16 / 9';
}

function renderPhoto(photo: Photo, ctx: RenderContext, single: boolean, postLink: string): TemplateResult {
  // One photo keeps its own shape (within limits, as X does); in a grid, cells are cropped.
  const boxRatio = single ? ratio(photo.width, Math.max(photo.height, photo.width * 0.5)) : undefined;
  // Without alt text the link still needs a name, or a screen reader announces only the URL.
  const label = photo.altText === undefined || photo.altText === '' ? msg('photoNoAlt', ctx.lang) : undefined;
  return html`<a class="photo" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${label ?? nothing} style=${boxRatio === undefined ? nothing : `aspect-ratio: ${boxRatio}`}>
    <img src=${ifDefined(mediaSrc(photo.url, ctx))} alt=${photo.altText ?? ''} width=${photo.width} height=${photo.height} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
  </a>`;
}

function renderVideoPoster(video: Video, ctx: RenderContext, postLink: string): TemplateResult {
  const [w, h] = video.aspectRatio;
  const label = msg(video.type === 'gif' ? 'playGif' : 'playVideo', ctx.lang);
  return html`<div class="video" style=${`aspect-ratio: ${ratio(w, h)}`}>
    <img class="poster" src=${ifDefined(mediaSrc(video.posterUrl, ctx))} alt=${video.altText ?? ''} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
    <a class="play" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${label}>${playIcon}</a>
    ${video.type === 'gif' ? html`<span class="gif-label" aria-hidden="true">GIF</span>` : nothing}
  </div>`;
}

/** The media of a post, or nothing when it has none. */
export function renderMedia(media: Media[], sensitive: boolean, ctx: RenderContext, postLink: string): TemplateResult | typeof nothing {
  if (media.length === 0) return nothing;
  const items = media.slice(0, 4);
  const photos = items.filter((m): m is Photo => m.type === 'photo');
  const body =
    photos.length === items.length
      ? html`<div class="grid grid-${items.length}">${photos.map((p) => renderPhoto(p, ctx, items.length === 1, postLink))}</div>`
      : html`<div class="grid grid-1">${items.map((m) => (m.type === 'photo' ? renderPhoto(m, ctx, true, postLink) : renderVideoPoster(m, ctx, postLink)))}</div>`;
  if (!sensitive) return html`<div part="media" class="media">${body}</div>`;
  return html`<details part="media" class="media sensitive"><summary>${msg('sensitive', ctx.lang)} <span class="show">${msg('show', ctx.lang)}</span></summary>${body}</details>`;
}
