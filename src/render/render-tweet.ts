/**
 * Static rendering of a post on the server: `<perch-tweet>` rendered by Lit SSR into
 * HTML with a declarative shadow root, plus the post model inline, so a page shows the
 * post before any JavaScript runs and the element adopts that DOM when its script loads
 * (Lit's hydration). It uses the element's own templates: there is one renderer.
 */
// The component's modules are typed against the DOM (they run under Lit's DOM shim here), and the server's tsconfig has only es2022.
/// <reference lib="dom" />
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isPostId, POST_MODEL_VERSION, type PostResult, type Tombstone } from '../data/model.js';
import { withSafeUrls } from '../data/safe-urls.js';
import { parsePostResult } from '../data/validate-model.js';
import { loadLanguage } from '../shared/i18n.js';
import { PerchTweet } from '../tweet/tweet.component.js';
import { checkServerUrl, type RenderTweetOptions } from './render-options.js';

export { parseRenderOptions, RenderOptionError, type RenderTweetOptions } from './render-options.js';

const TAG = 'perch-tweet';

/** Registers the class in Lit's server-side registry (the DOM shim), once. */
function ensureDefined(): void {
  if (customElements.get(TAG) === undefined) customElements.define(TAG, PerchTweet);
}

/**
 * JSON safe inside `<script type="application/json">`: `<`, `>`, `&` and the two JS line
 * separators become `\u` escapes, so no `</script>` or `<!--` can end or confuse the block.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The post as an HTML fragment: `<perch-tweet>` with a declarative shadow root holding the
 * rendered post (styles included) and a `<script type="application/json">` child holding
 * the post model, so the client needs no request. A tombstone renders as a tombstone.
 */
export async function renderTweetHtml(given: PostResult, options: RenderTweetOptions = {}): Promise<string> {
  ensureDefined();
  const result = renderable(given);
  await loadLanguage(options.lang); // Perch's own strings for other languages load on demand
  const server = options.server === undefined ? undefined : checkServerUrl(options.server);
  const width = options.width === undefined ? undefined : String(options.width);
  // One line: attribute whitespace inside the tag would be copied into the output.
  const template = html`<perch-tweet tweet-id=${result.id} theme=${ifDefined(options.theme)} width=${ifDefined(width)} align=${ifDefined(options.align)} lang=${ifDefined(options.lang)} ?hide-cards=${options.hideCards === true || options.cards === 'hidden'} ?hide-thread=${options.hideThread === true || options.conversation === 'none'} ?dnt=${options.dnt === true} server=${ifDefined(server)} time-zone=${ifDefined(options.timeZone)} .data=${result}></perch-tweet>`;
  // The outer template's own markers are dropped (nothing hydrates it: only the element's
  // shadow root is adopted), and so is the space left by attributes that were not given.
  const rendered = (await collectResult(render(template)))
    .replace(/^<!--lit-part [^>]*--><!--lit-node 0-->/, '')
    .replace(/<!--\/lit-part-->$/, '')
    .replace(/^<perch-tweet\s+/, '<perch-tweet ');
  const end = rendered.lastIndexOf(`</${TAG}>`);
  if (end < 0) throw new Error('Lit SSR produced no <perch-tweet> element.');
  const data = `<script type="application/json">${scriptSafeJson(result)}</script>`;
  return rendered.slice(0, end) + data + rendered.slice(end);
}

/**
 * What is safe to render for `given`: the model re-validated (a cache or a caller may hold
 * anything) with its URLs checked; a post that does not fit renders as a tombstone instead
 * of breaking the page or the renderer.
 */
export function renderable(given: unknown): PostResult {
  try {
    return withSafeUrls(parsePostResult(given));
  } catch {
    const raw = typeof given === 'object' && given !== null ? (given as { id?: unknown }).id : undefined;
    return unrenderable(typeof raw === 'string' && isPostId(raw) ? raw : '0');
  }
}

/** The tombstone shown for a post that cannot be rendered. */
export function unrenderable(id: string): Tombstone {
  return { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found', message: 'This post cannot be displayed.' };
}

export { checkSiteConfig, escapeAttribute, fetchPostModel, parsePostUrl, siteHeadHtml, siteMetaTags, siteScriptUrl, xBlockquoteHtml, type MetaTag, type PerchSiteConfig } from './site-config.js';
export type { PostResult } from '../data/model.js';
