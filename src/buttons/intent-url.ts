/**
 * X's web intents (`https://x.com/intent/post`, `…/intent/follow`): input validation and the
 * exact URLs the four buttons link to. Pure functions: no DOM, no Lit.
 */
import { fitText, MAX_WEIGHTED_LENGTH, weightedLength } from './text-count.js';

export const INTENT_BASE = 'https://x.com/intent/';

/** Which of X's intents a button opens. */
export type IntentKind = 'post' | 'follow';

const SCREEN_NAME = /^[A-Za-z0-9_]{1,15}$/;
// Letters, marks, digits and underscores, not only digits (X does not link `#123`).
const HASHTAG = /^(?=.*[\p{L}\p{M}_])[\p{L}\p{M}\p{Nd}_]{1,100}$/u;

/** Why a button's options cannot make a working link. */
export class IntentInputError extends Error {
  constructor(
    /** The attribute at fault. */
    readonly attribute: string,
    message: string,
  ) {
    super(message);
    this.name = 'IntentInputError';
  }
}

/** A screen name without a leading `@`, or an {@link IntentInputError}. */
export function screenName(value: string | undefined, attribute: string): string {
  const name = (value ?? '').trim().replace(/^@/, '');
  if (!SCREEN_NAME.test(name)) throw new IntentInputError(attribute, `${attribute} must be an X screen name (1–15 letters, digits or _), got "${value ?? ''}"`);
  return name;
}

/** A hashtag without its leading `#`, or an {@link IntentInputError}. */
export function hashtag(value: string | undefined, attribute: string): string {
  const tag = (value ?? '').trim().replace(/^[#＃]/, '').normalize('NFC');
  if (!HASHTAG.test(tag)) throw new IntentInputError(attribute, `${attribute} must be a hashtag (letters, digits or _, not only digits), got "${value ?? ''}"`);
  return tag;
}

/** A comma-separated list, trimmed, empty items dropped. */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** An absolute http(s) URL, or an {@link IntentInputError}. */
export function httpUrl(value: string, attribute: string, base?: string): string {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new IntentInputError(attribute, `${attribute} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new IntentInputError(attribute, `${attribute} must be an http or https URL, got "${value}"`);
  return url.href;
}

/** `related`: screen names, each optionally with `:a description` (X's format). */
function related(value: string | undefined): string[] {
  return list(value).map((item) => {
    const colon = item.indexOf(':');
    const name = screenName(colon === -1 ? item : item.slice(0, colon), 'related');
    const description = colon === -1 ? '' : item.slice(colon + 1).trim();
    return description === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}:${encodeURIComponent(description)}`;
  });
}

/** Options of a share (or mention, or hashtag) button. */
export interface PostIntentOptions {
  text?: string | undefined;
  /** Absolute http(s) URL (already resolved). */
  url?: string | undefined;
  /** Comma-separated, `#` optional. */
  hashtags?: string | undefined;
  via?: string | undefined;
  /** Comma-separated screen names, each optionally `name:description`. */
  related?: string | undefined;
}

/** A built intent link. */
export interface Intent {
  kind: IntentKind;
  /** The `https://x.com/intent/…` URL. */
  url: string;
  /** The post X will prefill, as X counts it (links as 23); 0 for follow. */
  weightedLength: number;
  /** Whether `text` was shortened to keep the post within 280. */
  truncated: boolean;
}

function query(pairs: ReadonlyArray<readonly [string, string | undefined]>): string {
  return pairs
    .filter((p): p is readonly [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Fit the text between what X will add around it (`prefix`, e.g. `@name `, and `suffix`,
 * e.g. ` https://… #tag via @name`), returning the text and the weight of the whole post,
 * both counted as X counts them (a `url` X does not recognise as a link counts as text).
 */
function fit(text: string | undefined, prefix: string, suffix: string): { text: string; total: number; truncated: boolean } {
  // A lone surrogate cannot go into a URL (encodeURIComponent throws): it becomes U+FFFD.
  const whole = (text ?? '').replace(LONE_SURROGATE, '\uFFFD');
  let budget = MAX_WEIGHTED_LENGTH - weightedLength(prefix) - weightedLength(suffix);
  for (;;) {
    const fitted = fitText(whole, budget);
    const total = weightedLength(prefix + fitted.text === '' ? suffix.trimStart() : prefix + fitted.text + suffix);
    // Joined, the parts can count differently than apart (rarely): shorten by the difference.
    if (total <= MAX_WEIGHTED_LENGTH || fitted.text === '') return { text: fitted.text, total, truncated: fitted.truncated };
    budget -= total - MAX_WEIGHTED_LENGTH;
  }
}

function hashtagSuffix(tags: string[]): string {
  return tags.map((t) => ` #${t}`).join('');
}

/** `<perch-share-button>`'s link: `intent/post?text=…&url=…&hashtags=a,b&via=…&related=…`. */
export function shareIntent(options: PostIntentOptions): Intent {
  const tags = list(options.hashtags).map((t) => hashtag(t, 'hashtags'));
  const via = options.via === undefined || options.via.trim() === '' ? undefined : screenName(options.via, 'via');
  const url = options.url === undefined || options.url === '' ? undefined : httpUrl(options.url, 'url');
  const rel = related(options.related);
  const fitted = fit(options.text, '', (url === undefined ? '' : ` ${url}`) + hashtagSuffix(tags) + (via === undefined ? '' : ` via @${via}`));
  return {
    kind: 'post',
    url: `${INTENT_BASE}post?${query([
      ['text', fitted.text === '' ? undefined : encodeURIComponent(fitted.text)],
      ['url', url === undefined ? undefined : encodeURIComponent(url)],
      ['hashtags', tags.length === 0 ? undefined : tags.map(encodeURIComponent).join(',')],
      ['via', via],
      ['related', rel.length === 0 ? undefined : rel.join(',')],
    ])}`,
    weightedLength: fitted.total,
    truncated: fitted.truncated,
  };
}

/** `<perch-mention-button>`'s link: `intent/post?screen_name=NAME&text=…&related=…` (X prefills `@NAME`). */
export function mentionIntent(name: string | undefined, options: Pick<PostIntentOptions, 'text' | 'related'>): Intent {
  const who = screenName(name, 'screen-name');
  const rel = related(options.related);
  const fitted = fit(options.text, `@${who} `, '');
  return {
    kind: 'post',
    url: `${INTENT_BASE}post?${query([
      ['screen_name', who],
      ['text', fitted.text === '' ? undefined : encodeURIComponent(fitted.text)],
      ['related', rel.length === 0 ? undefined : rel.join(',')],
    ])}`,
    weightedLength: fitted.total,
    truncated: fitted.truncated,
  };
}

/** `<perch-hashtag-button>`'s link: `intent/post?button_hashtag=TAG&text=…&url=…&related=…`. */
export function hashtagIntent(tag: string | undefined, options: Pick<PostIntentOptions, 'text' | 'url' | 'related'>): Intent {
  const main = hashtag(tag, 'hashtag');
  const url = options.url === undefined || options.url === '' ? undefined : httpUrl(options.url, 'url');
  const rel = related(options.related);
  const fitted = fit(options.text, `#${main} `, url === undefined ? '' : ` ${url}`);
  return {
    kind: 'post',
    url: `${INTENT_BASE}post?${query([
      ['button_hashtag', encodeURIComponent(main)],
      ['text', fitted.text === '' ? undefined : encodeURIComponent(fitted.text)],
      ['url', url === undefined ? undefined : encodeURIComponent(url)],
      ['related', rel.length === 0 ? undefined : rel.join(',')],
    ])}`,
    weightedLength: fitted.total,
    truncated: fitted.truncated,
  };
}

/** `<perch-follow-button>`'s link: `intent/follow?screen_name=NAME`. */
export function followIntent(name: string | undefined): Intent {
  const who = screenName(name, 'screen-name');
  return { kind: 'follow', url: `${INTENT_BASE}follow?screen_name=${who}`, weightedLength: 0, truncated: false };
}
