/**
 * Photos in a 1–4 grid and video/GIF players (`<perch-video>`, loaded on demand). Every box is sized from the known
 * aspect ratio before its image arrives, so nothing moves when it does.
 */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sizer } from './sizer.js';
import type { Media, Photo, Video } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';
import { playIcon } from './icons.js';
import { videoPlayerLoader } from '../video-player.js';


/** The widest and the tallest shape a photo shown alone keeps; beyond them it is cropped to the limit. */
export const SINGLE_PHOTO_RATIO = { max: 5, min: 3 / 4 } as const;

/**
 * The box `[width, height]` of a photo shown alone. Like X's embed, it keeps the photo's own
 * shape (a 2.23:1 panorama stays 2.23:1); only extremes are clamped, a tall photo to 3:4.
 */
export function singlePhotoBox(width: number, height: number): [number, number] {
  if (!(width > 0 && height > 0)) return [16, 9];
  const ratio = Math.min(SINGLE_PHOTO_RATIO.max, Math.max(SINGLE_PHOTO_RATIO.min, width / height));
  return ratio === width / height ? [width, height] : [width, Math.round(width / ratio)];
}

function renderPhoto(photo: Photo, ctx: RenderContext, single: boolean, postLink: string): TemplateResult {
  // One photo keeps its own shape (within limits, as X does); in a grid, cells are cropped.
  const box = single ? sizer(...singlePhotoBox(photo.width, photo.height)) : nothing;
  // Without alt text the link still needs a name, or a screen reader announces only the URL.
  const label = photo.altText === undefined || photo.altText === '' ? msg('photoNoAlt', ctx.lang) : undefined;
  return html`<a class="photo" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${label ?? nothing}>${box}<img src=${ifDefined(mediaSrc(photo.url, ctx))} alt=${photo.altText ?? ''} width=${photo.width} height=${photo.height} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
  </a>`;
}

let playerLoading: Promise<unknown> | undefined;

/**
 * Load and register `<perch-video>` the first time a post with video or GIF renders, when a
 * `define` entry allowed it (see `enableVideoPlayer`); otherwise the poster and link stay.
 */
function loadPlayer(): void {
  // Server rendering: the poster children are the output; the browser loads the player.
  if (typeof document === 'undefined' || playerLoading !== undefined || customElements.get('perch-video') !== undefined) return;
  const load = videoPlayerLoader();
  if (load === undefined) return;
  playerLoading = load().catch((error: unknown) => {
    playerLoading = undefined;
    console.error('[perch] could not load the video player', error);
  });
}

/**
 * A video or GIF: the `<perch-video>` player in a box sized from the aspect ratio. Its light-DOM
 * children (poster and a play link to X) show until the player's code arrives, or if it never does.
 */
function renderVideo(video: Video, ctx: RenderContext, postLink: string): TemplateResult {
  loadPlayer();
  const [w, h] = video.aspectRatio;
  const label = msg(video.type === 'gif' ? 'playGif' : 'playVideo', ctx.lang);
  return html`<div class="video">${sizer(w, h)}<perch-video .media=${video} post-url=${postLink} exportparts="video, poster, play, controls, message: video-message, consent: video-consent" server=${ifDefined(ctx.server)} lang=${ifDefined(ctx.lang)}>
      <img class="poster" src=${ifDefined(mediaSrc(video.posterUrl, ctx))} alt=${video.altText ?? ''} loading="lazy" decoding="async" referrerpolicy="no-referrer" />
      <a class="play" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${label}>${playIcon}</a>
      ${video.type === 'gif' ? html`<span class="gif-label" aria-hidden="true">GIF</span>` : nothing}
    </perch-video>
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
      : html`<div class="grid grid-1">${items.map((m) => (m.type === 'photo' ? renderPhoto(m, ctx, true, postLink) : renderVideo(m, ctx, postLink)))}</div>`;
  if (!sensitive) return html`<div part="media" class="media">${body}</div>`;
  return html`<details part="media" class="media sensitive"><summary>${msg('sensitive', ctx.lang)} <span class="show">${msg('show', ctx.lang)}</span></summary>${body}</details>`;
}
