import { ifDefined } from 'lit/directives/if-defined.js';
/** Avatar, name, verified badge, @handle · Follow and the X mark, as X's own embed shows them. */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { Author } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { mediaSrc, type RenderContext } from './context.js';
import { verifiedBadge } from './icons.js';

/** X's follow intent for `handle`. */
export function followUrl(handle: string): string {
  return `https://x.com/intent/follow?screen_name=${encodeURIComponent(handle)}`;
}

/**
 * The header of a post by `author`, linking to the profile and to the post. `brand` is false
 * for the second header of a reply shown under its parent: X shows its mark once, at the top.
 */
export function renderHeader(author: Author, postLink: string, ctx: RenderContext, brand = true): TemplateResult {
  const profile = `https://x.com/${encodeURIComponent(author.handle)}`;
  return html`<header part="header" class="header">
    <a class="avatar-link" href=${profile} target="_blank" rel="noopener noreferrer" tabindex="-1" aria-hidden="true">
      <img part="avatar" class="avatar ${author.avatarShape}" src=${ifDefined(mediaSrc(author.avatarUrl, ctx))} alt="" width="48" height="48" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
    </a>
    <div class="author">
      <a class="name-line" href=${profile} target="_blank" rel="noopener noreferrer"><span part="name" class="name" dir="auto">${author.name}</span>${author.verified === 'none'
        ? nothing
        : html`<span class="badge" role="img" aria-label=${msg(author.verified === 'business' ? 'verifiedBusiness' : author.verified === 'government' ? 'verifiedGovernment' : 'verified', ctx.lang)}>${verifiedBadge(author.verified)}</span>`}${author.affiliation === undefined
        ? nothing
        : html`<span class="affiliation" title=${author.affiliation.label}>${author.affiliation.badgeUrl === undefined
            ? author.affiliation.label
            : html`<img class="affiliation-badge" src=${ifDefined(mediaSrc(author.affiliation.badgeUrl, ctx))} alt=${author.affiliation.label} width="16" height="16" loading="lazy" referrerpolicy="no-referrer" />`}</span>`}</a>
      <span class="author-meta"><a part="handle" class="handle" href=${profile} target="_blank" rel="noopener noreferrer" dir="ltr">@${author.handle}</a><span class="dot" aria-hidden="true">·</span><a part="follow" class="follow" href=${followUrl(author.handle)} target="_blank" rel="noopener noreferrer" aria-label=${msg('followName', ctx.lang, { name: author.handle })}>${msg('follow', ctx.lang)}</a></span>
    </div>
    ${brand ? html`<a class="x-mark" href=${postLink} target="_blank" rel="noopener noreferrer" aria-label=${msg('viewOnX', ctx.lang)}><svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M18.244 2.25h3.308l-7.227 8.26 8.502 11.24H16.17l-5.214-6.817L4.99 21.75H1.68l7.73-8.835L1.254 2.25H8.08l4.713 6.231zm-1.161 17.52h1.833L7.084 4.126H5.117z"/></svg></a>` : nothing}
  </header>`;
}
