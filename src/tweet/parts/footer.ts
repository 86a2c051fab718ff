/** Timestamp linked to the post, and reply / repost / like as X web intents. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Post } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import type { RenderContext } from './context.js';
import { likeIcon, replyIcon, repostIcon } from './icons.js';

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

function cachedFormatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
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

function compact(n: number, lang: string | undefined): string {
  return cachedFormatter(JSON.stringify(['compact', lang ?? null]), () => new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 })).format(n);
}

/** The footer of a full post. */
export function renderFooter(post: Post, ctx: RenderContext): TemplateResult {
  const intents = intentUrls(post.id);
  const { replies, likes } = post.counts;
  return html`<footer part="footer" class="footer">
    <p class="meta">
      <a class="time" href=${post.url} target="_blank" rel="noopener noreferrer"><time datetime=${post.createdAt}>${formatTimestamp(post.createdAt, ctx.lang, ctx.timeZone)}</time></a>${post.edited ? html` · <span class="edited">${msg('edited', ctx.lang)}</span>` : nothing}
    </p>
    <div part="actions" class="actions">
      <a class="action reply" href=${intents.reply} target="_blank" rel="noopener noreferrer" aria-label=${replies === undefined ? msg('reply', ctx.lang) : `${msg('reply', ctx.lang)}, ${msg('replies', ctx.lang, { n: compact(replies, ctx.lang) })}`}>${replyIcon}<span aria-hidden="true">${replies === undefined ? msg('reply', ctx.lang) : compact(replies, ctx.lang)}</span></a>
      <a class="action repost" href=${intents.repost} target="_blank" rel="noopener noreferrer" aria-label=${msg('repost', ctx.lang)}>${repostIcon}<span aria-hidden="true">${msg('repost', ctx.lang)}</span></a>
      <a class="action like" href=${intents.like} target="_blank" rel="noopener noreferrer" aria-label=${likes === undefined ? msg('like', ctx.lang) : `${msg('like', ctx.lang)}, ${msg('likes', ctx.lang, { n: compact(likes, ctx.lang) })}`}>${likeIcon}<span aria-hidden="true">${likes === undefined ? msg('like', ctx.lang) : compact(likes, ctx.lang)}</span></a>
    </div>
  </footer>`;
}
