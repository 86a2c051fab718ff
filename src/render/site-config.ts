/**
 * What every build-time integration (Eleventy, Astro, Next.js) shares: the site's Perch settings,
 * the page-level tags the widgets read (written once per page), a post model fetched from the
 * embed server, and X's own blockquote as the fallback when no model is at hand. No DOM, no Lit.
 */
import { isPostId, type PostResult } from '../data/model.js';
import { checkServerUrl } from './render-options.js';

/** A site's Perch settings, the same keys in every integration. */
export interface PerchSiteConfig {
  /** Embed server base URL (http/https): post models at build time, media, and the script's data. */
  server?: string;
  /** URL of `perch.js` on your own origin. Default: `<server>/dist/cdn/perch.js`. */
  script?: string;
  /** Consent mode: `required` (default), `not-required` or `auto`. */
  consent?: 'required' | 'not-required' | 'auto';
  /** On sites for children under 13: `dnt=true` everywhere, nothing stored. */
  childDirected?: boolean;
  /** Default theme of every widget. */
  theme?: 'light' | 'dark' | 'auto';
  /** Posts only: no script at all (nothing hydrates, nothing is counted). */
  static?: boolean;
  /** IANA time zone of timestamps rendered at build time. Default `UTC`. */
  timeZone?: string;
  /** Language of Perch's labels in rendered posts. */
  lang?: string;
}

/** One `<meta name content>` tag. */
export interface MetaTag {
  name: string;
  content: string;
}

const CONSENT_MODES = ['required', 'not-required', 'auto'] as const;
const THEMES = ['light', 'dark', 'auto'] as const;

/** The settings checked (unknown values are errors at build time, not silent defaults on the page). */
export function checkSiteConfig(config: PerchSiteConfig = {}): PerchSiteConfig {
  const out: PerchSiteConfig = { ...config };
  if (config.server !== undefined && config.server !== '') out.server = checkServerUrl(config.server);
  else delete out.server;
  if (config.consent !== undefined && !(CONSENT_MODES as readonly string[]).includes(config.consent)) throw new Error(`perch: consent must be one of ${CONSENT_MODES.join(', ')}; got "${String(config.consent)}".`);
  if (config.theme !== undefined && !(THEMES as readonly string[]).includes(config.theme)) throw new Error(`perch: theme must be one of ${THEMES.join(', ')}; got "${String(config.theme)}".`);
  return out;
}

/** The page-level meta tags the widgets read, for `config`. */
export function siteMetaTags(config: PerchSiteConfig): MetaTag[] {
  const c = checkSiteConfig(config);
  const tags: MetaTag[] = [];
  if (c.server !== undefined) tags.push({ name: 'perch:server', content: c.server });
  tags.push({ name: 'perch:consent', content: c.consent ?? 'required' });
  if (c.childDirected === true) tags.push({ name: 'perch:child-directed', content: 'on' }, { name: 'twitter:dnt', content: 'on' });
  if (c.theme !== undefined) tags.push({ name: 'perch:theme', content: c.theme });
  return tags;
}

/** Where `perch.js` is loaded from, or undefined in static mode or when nothing says. */
export function siteScriptUrl(config: PerchSiteConfig): string | undefined {
  const c = checkSiteConfig(config);
  if (c.static === true) return undefined;
  if (c.script !== undefined && c.script !== '') return c.script;
  return c.server === undefined ? undefined : `${c.server}/dist/cdn/perch.js`;
}

/** Text safe inside a double-quoted HTML attribute. */
export function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The meta tags and the script tag as HTML, for a page's `<head>`. */
export function siteHeadHtml(config: PerchSiteConfig): string {
  const meta = siteMetaTags(config).map((m) => `<meta name="${escapeAttribute(m.name)}" content="${escapeAttribute(m.content)}">`);
  const script = siteScriptUrl(config);
  if (script !== undefined) meta.push(`<script async src="${escapeAttribute(script)}"></script>`);
  return meta.join('\n');
}

/** An X post URL (`x.com` or `twitter.com`, `/user/status/id`): its id and author handle. */
export function parsePostUrl(url: string): { id: string; user: string } | undefined {
  const m = /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/status(?:es)?\/(\d{1,20})\/?(?:[?#][^\s]*)?$/.exec(url.trim());
  if (m === null || !isPostId(m[2] ?? '')) return undefined;
  return { user: m[1] ?? 'i', id: m[2] ?? '' };
}

/** X's blockquote for a post (what X's own embed code pastes): readable with no script, upgraded by `perch.js`. */
export function xBlockquoteHtml(id: string, user = 'i', options: { hideCards?: boolean; hideThread?: boolean; theme?: string } = {}): string {
  if (!isPostId(id)) throw new Error(`perch: "${id.slice(0, 40)}" is not a post id.`);
  const handle = /^[A-Za-z0-9_]{1,15}$/.test(user) ? user : 'i';
  const attrs = [options.hideCards === true ? ' data-cards="hidden"' : '', options.hideThread === true ? ' data-conversation="none"' : '', options.theme !== undefined ? ` data-theme="${escapeAttribute(options.theme)}"` : ''].join('');
  return `<blockquote class="twitter-tweet"${attrs}><p><a href="https://x.com/${handle}/status/${id}">View this post on X</a></p></blockquote>`;
}

/**
 * The post model from the embed server (`GET /v1/tweets/:id`), or undefined when the server cannot
 * be reached, answers with an error, or times out (the caller writes X's blockquote instead).
 */
export async function fetchPostModel(server: string, id: string, options: { timeoutMs?: number; fetch?: typeof fetch } = {}): Promise<PostResult | undefined> {
  if (!isPostId(id)) throw new Error(`perch: "${id.slice(0, 40)}" is not a post id.`);
  const base = checkServerUrl(server);
  try {
    const res = await (options.fetch ?? fetch)(`${base}/v1/tweets/${id}`, { signal: AbortSignal.timeout(options.timeoutMs ?? 10_000), headers: { accept: 'application/json' } });
    if (!res.ok) return undefined;
    return (await res.json()) as PostResult;
  } catch {
    return undefined;
  }
}
