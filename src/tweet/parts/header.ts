import { ifDefined } from 'lit/directives/if-defined.js';
/** Avatar, name, verified badge, @handle and the X mark, as X's own embed shows them. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Author } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';
import { verifiedBadge, xMark } from './icons.js';

/** The header of a post by `author`, linking to the profile and to the post. */
export function renderHeader(author: Author, postLink: string, ctx: RenderContext): TemplateResult {
  const profile = `https://x.com/${encodeURIComponent(author.handle)}`;
  return html`<header part="header" class="header">
    <a class="avatar-link" href=${profile} target="_blank" rel="noopener noreferrer" tabindex="-1" aria-hidden="true">
      <img part="avatar" class="avatar ${author.avatarShape}" src=${ifDefined(mediaSrc(author.avatarUrl, ctx))} alt="" width="48" height="48" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
    </a>
    <a class="author" href=${profile} target="_blank" rel="noopener noreferrer">
      <span class="name-line"><span part="name" class="name" dir="auto">${author.name}</span>${author.verified === 'none'
        ? nothing
        : html`<span class="badge" role="img" aria-label=${`Verified account (${author.verified})`}>${verifiedBadge(author.verified)}</span>`}${author.affiliation === undefined
        ? nothing
        : html`<span class="affiliation" title=${author.affiliation.label}>${author.affiliation.badgeUrl === undefined
            ? author.affiliation.label
            : html`<img class="affiliation-badge" src=${ifDefined(mediaSrc(author.affiliation.badgeUrl, ctx))} alt=${author.affiliation.label} width="16" height="16" loading="lazy" referrerpolicy="no-referrer" />`}</span>`}</span>
      <span part="handle" class="handle" dir="ltr">@${author.handle}</span>
    </a>
    <a class="x-mark" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${msg('viewOnX', ctx.lang)}>${xMark}</a>
  </header>`;
}
