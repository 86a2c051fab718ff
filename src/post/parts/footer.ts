/**
 * Timestamp linked to the post with the information link beside it, X's action row (like
 * and reply as X web intents, copy link) and the "Read N replies" link, as X's embed shows them.
 */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { Post } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { formatCompact as compact, plural } from '../../i18n/translate.js';
import type { RenderContext } from './context.js';
import { copyLink } from './copy-link.js';

/** X's page on ads information and privacy in its embeds, linked from the "i" beside the timestamp. */
export const ADS_INFO_URL = 'https://help.x.com/en/x-for-websites-ads-info-and-privacy';

/** X's intent links for `postId`. */
export function intentUrls(postId: string): { reply: string; repost: string; like: string } {
  return {
    reply: `https://x.com/intent/post?in_reply_to=${postId}`,
    repost: `https://x.com/intent/retweet?tweet_id=${postId}`,
    like: `https://x.com/intent/like?tweet_id=${postId}`,
  };
}

/**
 * Formatters by language (and time zone), built once: constructing an `Intl` formatter
 * costs far more than formatting with one, and a scrolling timeline formats every post
 * it shows. A constructor that throws (bad language or zone) is not cached, so it keeps throwing.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
const MAX_FORMATTERS = 64;

function cachedFormatter<F extends Intl.DateTimeFormat>(key: string, make: () => F): F {
  const known = formatters.get(key);
  if (known !== undefined) return known as F;
  const made = make();
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(key, made);
  return made;
}

function dateFormatter(kind: 'time' | 'day', lang: string | undefined, timeZone: string | undefined): Intl.DateTimeFormat {
  return cachedFormatter(JSON.stringify([kind, lang ?? null, timeZone ?? null]), () => {
    const tz = timeZone === undefined ? {} : { timeZone };
    const fields: Intl.DateTimeFormatOptions = kind === 'time' ? { hour: 'numeric', minute: '2-digit' } : { month: 'short', day: 'numeric', year: 'numeric' };
    return new Intl.DateTimeFormat(lang, { ...fields, ...tz });
  });
}

/** The post's time, localised: "2:34 PM · Mar 29, 2023". */
export function formatTimestamp(iso: string, lang: string | undefined, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = dateFormatter('time', lang, timeZone).format(date);
  const day = dateFormatter('day', lang, timeZone).format(date);
  return `${time} · ${day}`;
}

/** "Read 12 replies", or "Read more on X" when the count is unknown or zero. */
function repliesLabel(replies: number | undefined, lang: string | undefined): string {
  if (replies === undefined || replies === 0) return msg('readMore', lang);
  return plural('post.readReplies', replies, lang, { n: compact(replies, lang) });
}

/** The footer of a full post. */
export function renderFooter(post: Post, ctx: RenderContext): TemplateResult {
  const intents = intentUrls(post.id);
  const { replies, likes } = post.counts;
  const lang = ctx.lang;
  return html`<footer part="footer" class="footer">
    <div class="meta">
      <a class="time" href=${post.url} target="_blank" rel="noopener noreferrer"><time datetime=${post.createdAt}>${formatTimestamp(post.createdAt, lang, ctx.timeZone)}</time></a>${post.edited ? html`<span class="edited">· ${msg('edited', lang)}</span>` : nothing}
      <a part="info" class="info" href=${ADS_INFO_URL} target="_blank" rel="noopener noreferrer" aria-label=${msg('adsInfo', lang)}><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><circle cx="12" cy="12" r="9.25" fill="none" stroke="currentColor" stroke-width="2"/><path fill="currentColor" d="M11 10.5h2V17h-2zM12 6.5a1.4 1.4 0 1 1 0 2.8 1.4 1.4 0 0 1 0-2.8z"/></svg></a>
    </div>
    <div part="actions" class="actions">
      <a class="action like" href=${intents.like} target="_blank" rel="noopener noreferrer" aria-label=${likes === undefined ? msg('like', lang) : `${msg('like', lang)}, ${plural('post.likes', likes, lang, { n: compact(likes, lang) })}`}><span class="icon"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M12 21.2l-.9-.7C5.4 16 2 12.9 2 8.9 2 5.9 4.4 3.5 7.3 3.5c1.9 0 3.6.9 4.7 2.4 1.1-1.5 2.8-2.4 4.7-2.4 2.9 0 5.3 2.4 5.3 5.4 0 4-3.4 7.1-9.1 11.6z"/></svg></span><span aria-hidden="true">${likes === undefined ? msg('like', lang) : compact(likes, lang)}</span></a>
      <a class="action reply" href=${intents.reply} target="_blank" rel="noopener noreferrer" aria-label=${msg('reply', lang)}><span class="icon"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M1.75 10c0-4.4 3.6-8 8-8h4.4c4.5 0 8.1 3.6 8.1 8.1 0 3-1.6 5.7-4.2 7.1l-8 4.5v-3.7C5.5 18.1 1.75 14.5 1.75 10z"/></svg></span><span aria-hidden="true">${msg('reply', lang)}</span></a>
      <button part="copy" class="action copy" type="button" @click=${(e: Event) => void copyLink(e.currentTarget as HTMLButtonElement, post.url, lang)}><span class="icon"><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M10 14a4 4 0 0 0 5.7 0l3-3A4 4 0 0 0 13 5.3l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/></svg><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M4.5 12.5l4.5 4.5L19.5 6.5"/></svg></span><span class="copy-label">${msg('copyLink', lang)}</span><span class="copy-note"></span></button>
      <span class="copy-status" role="status"></span>
    </div>
    <a part="replies" class="replies" href=${post.url} target="_blank" rel="noopener noreferrer">${repliesLabel(replies, lang)}</a>
  </footer>`;
}
