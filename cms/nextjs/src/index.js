// @ts-check
/**
 * Perch for Next.js (App Router): `definePerch(config)` gives the page metadata the widgets read
 * and a server component rendering a post's HTML on the server (perch-widgets' own renderer:
 * declarative shadow DOM plus the post model), which the client adopts without moving.
 */
import { createElement, Fragment } from 'react';
import { checkSiteConfig, fetchPostModel, renderTweetHtml, siteMetaTags, xBlockquoteHtml } from 'perch-widgets/render';
import { PerchHydrate } from './hydrate.js';

/** @typedef {import('perch-widgets/render').PerchSiteConfig} PerchSiteConfig */
/** @typedef {import('./index.js').PerchPostProps} PerchPostProps */

/**
 * The site's Perch settings, checked once: `metadata` for the root layout's `metadata.other` (the
 * `perch:*` meta tags, once per page), and `PerchPost`, an async server component.
 * @param {PerchSiteConfig} options
 */
export function definePerch(options = {}) {
  const config = checkSiteConfig({ timeZone: 'UTC', ...options });
  /** @type {Record<string, string>} */
  const metadata = {};
  for (const tag of siteMetaTags(config)) metadata[tag.name] = tag.content;
  if (config.static === true) metadata['perch:static'] = 'on';

  /** @param {PerchPostProps} props */
  async function PerchPost({ id, user, model, hideCards = false, hideThread = false, theme = config.theme, width, align }) {
    const found = model ?? (config.server === undefined ? undefined : await fetchPostModel(config.server, id));
    if (found === undefined) console.warn(`[perch] ${id} not rendered on the server (no model and the embed server did not answer); X's blockquote is used instead.`);
    const html =
      found === undefined
        ? xBlockquoteHtml(id, user, { hideCards, hideThread, theme })
        : await renderTweetHtml(found, { server: config.server, timeZone: config.timeZone, lang: config.lang, theme, width, align, cards: hideCards ? 'hidden' : undefined, conversation: hideThread ? 'none' : undefined });
    // `display: contents`: the wrapper React needs for raw HTML takes no box of its own.
    return createElement(Fragment, null, createElement('div', { 'data-perch-post': id, style: { display: 'contents' }, dangerouslySetInnerHTML: { __html: html } }), config.static === true ? null : createElement(PerchHydrate));
  }

  return { config, metadata, PerchPost };
}
