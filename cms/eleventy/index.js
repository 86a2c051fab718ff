// @ts-check
/**
 * Perch for Eleventy: shortcodes (`perchPost`, paired `perchTimeline`, `perchVideo`, `perchShare`,
 * `perchFollow`), a transform that turns a paragraph holding only a post URL into the post, and the
 * page settings written once into each page's <head>. Posts are rendered at build time by
 * perch-widgets' own renderer (declarative shadow DOM, hydrated by perch.js without moving).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { checkSiteConfig, escapeAttribute, fetchPostModel, parsePostUrl, renderTweetHtml, siteHeadHtml, xBlockquoteHtml } from 'perch-widgets/render';

/** @typedef {import('./index.js').PerchEleventyOptions} PerchEleventyOptions */
/** @typedef {import('perch-widgets/render').PostResult} PostResult */

const POST_URL_PARAGRAPH = /<p>\s*(?:<a [^>]*href="([^"]+)"[^>]*>[^<]*<\/a>|(https?:\/\/[^\s<]+))\s*<\/p>/g;
const POST_MARKER = /<!--perch:post ([A-Za-z0-9_-]+)-->/g;
const BOOL = new Set([true, 'true', 'on', '']);

/**
 * @param {any} eleventyConfig Eleventy's configuration API
 * @param {PerchEleventyOptions} [options]
 */
export default function perch(eleventyConfig, options = {}) {
  const { posts, transform = true, selfHost = '/perch/', ...site } = options;
  const selfHosted = selfHost === false ? undefined : `/${selfHost.replace(/^\/+|\/+$/g, '')}/`;
  const config = checkSiteConfig({ timeZone: 'UTC', ...site, ...(selfHosted !== undefined && site.script === undefined ? { script: `${selfHosted}perch.js` } : {}) });

  if (selfHosted !== undefined && config.static !== true) {
    // perch-widgets ships its script build (dist/cdn): the site serves it from its own origin.
    const cdn = join(dirname(createRequire(import.meta.url).resolve('perch-widgets/package.json')), 'dist/cdn');
    eleventyConfig.addPassthroughCopy({ [cdn]: selfHosted.slice(1, -1) });
  }

  /** @type {Map<string, Promise<PostResult | undefined>>} one look-up per post per build */
  const models = new Map();
  /** @param {string} id */
  const model = (id) => {
    let found = models.get(id);
    if (found === undefined) {
      found = (async () => {
        const given = typeof posts === 'function' ? await posts(id) : posts?.[id];
        if (given !== undefined) return given;
        return config.server === undefined ? undefined : fetchPostModel(config.server, id);
      })();
      models.set(id, found);
    }
    return found;
  };

  /**
   * @param {string} id
   * @param {{ user?: string, hideCards?: unknown, hideThread?: unknown, theme?: 'light' | 'dark' | 'auto', width?: number, align?: 'left' | 'center' | 'right' }} [o]
   */
  const post = async (id, o = {}) => {
    const key = String(id);
    const hideCards = BOOL.has(/** @type {any} */ (o.hideCards));
    const hideThread = BOOL.has(/** @type {any} */ (o.hideThread));
    const found = await model(key);
    if (found === undefined) {
      console.warn(`[perch] ${key} not rendered at build time (no model and the embed server did not answer); X's blockquote is used instead.`);
      return xBlockquoteHtml(key, o.user, { hideCards, hideThread, theme: o.theme ?? config.theme });
    }
    return renderTweetHtml(found, {
      server: config.server,
      timeZone: config.timeZone,
      lang: config.lang,
      theme: o.theme ?? config.theme,
      width: o.width,
      align: o.align,
      cards: hideCards ? 'hidden' : undefined,
      conversation: hideThread ? 'none' : undefined,
    });
  };

  const dnt = config.childDirected === true ? ' dnt="true"' : '';
  /** @param {Record<string, unknown>} attrs */
  const attributes = (attrs) =>
    Object.entries(attrs)
      .filter(([, v]) => v !== undefined && v !== null && v !== false)
      .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
      .join('');

  // The shortcode leaves a one-line marker that Markdown keeps as it is; the transform renders it.
  eleventyConfig.addShortcode('perchPost', (/** @type {string} */ id, /** @type {Record<string, unknown>} */ o = {}) => `<!--perch:post ${Buffer.from(JSON.stringify({ ...o, id: String(id) })).toString('base64url')}-->`);
  eleventyConfig.addPairedShortcode('perchTimeline', (/** @type {string} */ fallback, /** @type {Record<string, unknown>} */ o = {}) => `<perch-timeline${attributes({ 'screen-name': o.screenName, 'list-id': o.listId, 'tweet-limit': o.tweetLimit, height: o.height, theme: o.theme })}${dnt}>${fallback}</perch-timeline>`);
  eleventyConfig.addPairedShortcode('perchVideo', (/** @type {string} */ fallback, /** @type {string} */ id, /** @type {Record<string, unknown>} */ o = {}) => `<perch-video${attributes({ 'tweet-id': String(id), autoplay: o.autoplay })}${dnt}>${fallback}</perch-video>`);
  eleventyConfig.addPairedShortcode('perchShare', (/** @type {string} */ fallback, /** @type {Record<string, unknown>} */ o = {}) => `<perch-share-button${attributes({ url: o.url, text: o.text, via: o.via, hashtags: o.hashtags, size: o.size })}>${fallback}</perch-share-button>`);
  eleventyConfig.addPairedShortcode('perchFollow', (/** @type {string} */ fallback, /** @type {string} */ screenName, /** @type {Record<string, unknown>} */ o = {}) => `<perch-follow-button${attributes({ 'screen-name': screenName, size: o.size })}>${fallback}</perch-follow-button>`);

  eleventyConfig.addTransform('perch', async function (/** @type {string} */ content) {
    // @ts-ignore Eleventy sets `this.page`
    const out = /** @type {string | false} */ (this.page?.outputPath);
    if (typeof out !== 'string' || !out.endsWith('.html')) return content;
    let html = await replaceAsync(content, POST_MARKER, (m) => {
      const o = JSON.parse(Buffer.from(m[1] ?? '', 'base64url').toString('utf8'));
      return post(String(o.id), o);
    });
    if (transform) {
      html = await replaceAsync(html, POST_URL_PARAGRAPH, async (m) => {
        const target = parsePostUrl((m[1] ?? m[2] ?? '').replace(/&amp;/g, '&'));
        return target === undefined ? undefined : post(target.id, { user: target.user });
      });
    }
    if (!/<(perch-[a-z-]+|blockquote class="twitter-tweet")/.test(html) || html.includes('<meta name="perch:consent"')) return html;
    const head = siteHeadHtml(config);
    return /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${head}\n</head>`) : `${head}\n${html}`;
  });
}

/**
 * `text` with every match of `pattern` replaced by what `replace` resolves to, in order.
 * @param {string} text
 * @param {RegExp} pattern
 * @param {(m: RegExpMatchArray) => Promise<string | undefined>} replace undefined keeps the match
 */
async function replaceAsync(text, pattern, replace) {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index === undefined) continue;
    const r = await replace(m);
    if (r === undefined) continue;
    out += text.slice(last, m.index) + r;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}
