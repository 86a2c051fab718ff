import { ifDefined } from 'lit/directives/if-defined.js';
/** A quoted post, nested in a bordered box that links to it; its media runs edge to edge at the bottom, as on X. */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { PostResult } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';
import { renderMedia } from './media.js';
import { renderText } from './text.js';
import { renderTombstone } from './tombstone.js';
import { verifiedBadge } from './icons.js';
import { formatTimestamp } from './footer.js';

/** The quoted post, or nothing. */
export function renderQuoted(quoted: PostResult | undefined, ctx: RenderContext): TemplateResult | typeof nothing {
  if (quoted === undefined) return nothing;
  if (quoted.kind === 'tombstone') return html`<div part="quoted" class="quoted">${renderTombstone(quoted, ctx)}</div>`;
  const a = quoted.author;
  // A group, not a region: a page of posts quoting the same post would repeat a landmark's name.
  return html`<div part="quoted" class="quoted" role="group" aria-label=${`${msg('quotedPost', ctx.lang)}, ${a.name} (@${a.handle})`}>
    <a class="quoted-head" href=${quoted.url} target="_blank" rel="noopener noreferrer">
      <img class="avatar small ${a.avatarShape}" src=${ifDefined(mediaSrc(a.avatarUrl, ctx))} alt="" width="20" height="20" loading="lazy" referrerpolicy="no-referrer" />
      <span class="name" dir="auto">${a.name}</span>${a.verified === 'none' ? nothing : verifiedBadge(a.verified)}
      <span class="handle" dir="ltr">@${a.handle}</span>
      <span class="handle">· <time datetime=${quoted.createdAt}>${formatTimestamp(quoted.createdAt, ctx.lang, ctx.timeZone).split(' · ')[1]}</time></span>
    </a>
    ${renderText(quoted.longText ?? quoted.text, quoted.lang)}
    ${renderMedia(quoted.media, quoted.sensitive, ctx, quoted.url)}
  </div>`;
}
