/**
 * X API v2 bodies → the post model.
 *
 * - A lookup body (`GET /2/tweets?ids=…`: `data`, `includes.users/media/tweets/polls/places`,
 *   `errors`) becomes one {@link PostResult} per id: posts for `data`, tombstones for the
 *   partial errors X reports on a 200 answer (not found, not authorized → protected,
 *   suspended, withheld).
 * - A timeline body (`GET /2/users/:id/tweets`, `GET /2/lists/:id/tweets`) becomes its
 *   posts, newest first, with the paging meta (`next_token`, …).
 *
 * Validates as it reads (a post that does not fit throws a PayloadError naming the path).
 * v2 entity `start`/`end` count code points of the raw text; text is HTML-entity-decoded
 * and offsets remapped, as for syndication. v2 has no `display_text_range`: leading reply
 * mentions and trailing media links are left out of the display range here, as X does.
 * No DOM, no Lit.
 */
import { PayloadError } from '../../src/data/errors.js';
import {
  POST_MODEL_VERSION,
  isPostId,
  postUrl,
  type Author,
  type Counts,
  type Entity,
  type LinkCard,
  type Media,
  type Poll,
  type Post,
  type PostResult,
  type PostText,
  type Tombstone,
  type TombstoneReason,
  type VerifiedType,
  type Video,
  reducedAspectRatio,
} from '../../src/data/model.js';
import { arr, isObject, obj, optBool, optNum, optStr, str, type JsonObject } from '../../src/data/read-json.js';
import { decodeWithOffsets } from './html-entities.js';
import { DEFAULT_AVATAR_URL, safePost, withSafeUrls } from '../../src/data/safe-urls.js';

/** X's default avatar, for posts whose author was not expanded in the body. */
export { DEFAULT_AVATAR_URL };

/** X's epoch for snowflake ids (ms). */
const SNOWFLAKE_EPOCH = 1288834974657n;

/** Creation time encoded in a snowflake post id (for bodies recorded without `created_at`). */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH)).toISOString();
}

/** Options for the v2 normalizers. */
export interface NormalizeXApiV2Options {
  /**
   * Used when a post's author is not in `includes.users` (bodies fetched without the
   * `author_id` expansion, such as timelines recorded with default fields). Without it,
   * such a post gets a placeholder author (`handle: "i"`, X's default avatar).
   */
  author?: Author;
  /** Clock for poll status (ms). */
  now?: number;
}

/** What a v2 timeline body gives: its posts, newest first, and the paging meta. */
export interface XApiV2TimelinePage {
  posts: Post[];
  /** `meta.next_token`: pass as `pagination_token` for the next (older) page. */
  nextToken: string | undefined;
  newestId: string | undefined;
  oldestId: string | undefined;
  resultCount: number | undefined;
}

/** Index of a body's `includes`, shared by every post read from it. */
interface Includes {
  users: Map<string, JsonObject>;
  media: Map<string, JsonObject>;
  tweets: Map<string, JsonObject>;
  polls: Map<string, JsonObject>;
  /** Partial errors by resource id. */
  errors: Map<string, JsonObject>;
  options: NormalizeXApiV2Options;
}

const MAX_NESTING = 3;

/** Normalize a `GET /2/tweets?ids=…` (or `GET /2/tweets/:id`) body into one result per id. */
export function normalizeXApiV2Lookup(body: unknown, options: NormalizeXApiV2Options = {}): Map<string, PostResult> {
  const root = obj(body, '$');
  const inc = readIncludes(root, options);
  const out = new Map<string, PostResult>();
  for (const [id, error] of inc.errors) {
    const parameter = optStr(error, 'parameter', '$.errors');
    if (parameter === undefined || parameter === 'ids' || parameter === 'id') out.set(id, tombstoneFromError(id, error));
  }
  const data = root.data;
  const list = Array.isArray(data) ? data : data === undefined || data === null ? [] : [data];
  list.forEach((raw, i) => {
    const path = Array.isArray(data) ? `$.data[${i}]` : '$.data';
    const post = withSafeUrls(readPost(obj(raw, path), path, inc, 0));
    out.set(post.id, post);
  });
  return out;
}

/** Normalize a `GET /2/users/:id/tweets` or `GET /2/lists/:id/tweets` body. */
export function normalizeXApiV2Timeline(body: unknown, options: NormalizeXApiV2Options = {}): XApiV2TimelinePage {
  const root = obj(body, '$');
  const inc = readIncludes(root, options);
  const posts = arr(root, 'data', '$').map((raw, i) => safePost(readPost(obj(raw, `$.data[${i}]`), `$.data[${i}]`, inc, 0)));
  const meta = root.meta === undefined ? {} : obj(root.meta, '$.meta');
  return {
    posts,
    nextToken: optStr(meta, 'next_token', '$.meta'),
    newestId: optStr(meta, 'newest_id', '$.meta'),
    oldestId: optStr(meta, 'oldest_id', '$.meta'),
    resultCount: optNum(meta, 'result_count', '$.meta'),
  };
}

/** Classify one v2 partial error (from `errors[]`) as a tombstone reason. */
export function tombstoneReasonForError(error: JsonObject): TombstoneReason {
  const type = typeof error.type === 'string' ? error.type : '';
  const words = `${typeof error.title === 'string' ? error.title : ''} ${typeof error.detail === 'string' ? error.detail : ''}`.toLowerCase();
  if (words.includes('suspended')) return 'suspended';
  if (words.includes('withheld')) return 'withheld';
  if (type.endsWith('/not-authorized-for-resource') || words.includes('not authorized') || words.includes('authorization error')) return 'protected';
  if (words.includes('deleted')) return 'deleted';
  return 'not-found';
}

function tombstoneFromError(id: string, error: JsonObject): Tombstone {
  return { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: tombstoneReasonForError(error) };
}

function index(list: unknown[], key: string, path: string): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  list.forEach((raw, i) => {
    const o = obj(raw, `${path}[${i}]`);
    const k = str(o, key, `${path}[${i}]`);
    if (!out.has(k)) out.set(k, o);
  });
  return out;
}

function readIncludes(root: JsonObject, options: NormalizeXApiV2Options): Includes {
  const inc = root.includes === undefined ? {} : obj(root.includes, '$.includes');
  const errors = new Map<string, JsonObject>();
  arr(root, 'errors', '$').forEach((raw, i) => {
    const e = obj(raw, `$.errors[${i}]`);
    const id = optStr(e, 'resource_id', `$.errors[${i}]`) ?? optStr(e, 'value', `$.errors[${i}]`);
    if (id !== undefined && isPostId(id) && (e.resource_type === undefined || e.resource_type === 'tweet')) errors.set(id, e);
  });
  return {
    users: index(arr(inc, 'users', '$.includes'), 'id', '$.includes.users'),
    media: index(arr(inc, 'media', '$.includes'), 'media_key', '$.includes.media'),
    tweets: index(arr(inc, 'tweets', '$.includes'), 'id', '$.includes.tweets'),
    polls: index(arr(inc, 'polls', '$.includes'), 'id', '$.includes.polls'),
    errors,
    options,
  };
}

/** A referenced post (quoted, replied to): from `includes.tweets`, else a tombstone when X reported it, else undefined. */
function readReferenced(id: string, inc: Includes, path: string, depth: number): PostResult | undefined {
  const t = inc.tweets.get(id);
  if (t !== undefined) return readPost(t, `${path}(${id})`, inc, depth + 1);
  const error = inc.errors.get(id);
  return error === undefined ? undefined : tombstoneFromError(id, error);
}

function readPost(t: JsonObject, path: string, inc: Includes, depth: number): Post {
  if (depth > MAX_NESTING) throw new PayloadError('invalid-value', path, 'posts nested too deeply');
  const id = str(t, 'id', path);
  if (!isPostId(id)) throw new PayloadError('invalid-value', `${path}.id`, 'not a post id');
  const authorId = optStr(t, 'author_id', path);
  const author = readAuthor(authorId, inc);
  const createdAtRaw = optStr(t, 'created_at', path);
  if (createdAtRaw !== undefined && Number.isNaN(Date.parse(createdAtRaw))) throw new PayloadError('invalid-value', `${path}.created_at`, 'not a date');
  const refs = arr(t, 'referenced_tweets', path).map((raw, i) => {
    const r = obj(raw, `${path}.referenced_tweets[${i}]`);
    return { type: str(r, 'type', `${path}.referenced_tweets[${i}]`), id: str(r, 'id', `${path}.referenced_tweets[${i}]`) };
  });
  const repliedTo = refs.find((r) => r.type === 'replied_to');
  const replyUserId = optStr(t, 'in_reply_to_user_id', path);
  const isReply = repliedTo !== undefined || replyUserId !== undefined;
  const entities = t.entities === undefined ? {} : obj(t.entities, `${path}.entities`);
  const text = readText(str(t, 'text', path), entities, `${path}`, isReply, id);

  const post: Post = {
    kind: 'post',
    version: POST_MODEL_VERSION,
    id,
    url: postUrl(author.handle, id),
    author,
    createdAt: createdAtRaw !== undefined ? new Date(createdAtRaw).toISOString() : snowflakeTime(id),
    text,
    media: readMedia(t, path, inc),
    counts: readCounts(t, path),
    edited: arr(t, 'edit_history_tweet_ids', path).length > 1,
    sensitive: optBool(t, 'possibly_sensitive', path) ?? false,
  };
  const lang = optStr(t, 'lang', path);
  if (lang !== undefined) post.lang = lang;
  if (isObject(t.note_tweet)) {
    const note = t.note_tweet;
    const notePath = `${path}.note_tweet`;
    post.longText = readText(str(note, 'text', notePath), note.entities === undefined ? {} : obj(note.entities, `${notePath}.entities`), notePath, isReply, id);
  }
  const quotedRef = refs.find((r) => r.type === 'quoted');
  // Referenced posts go two levels deep (a quote inside a parent), as the widgets show them.
  if (quotedRef !== undefined && isPostId(quotedRef.id) && depth < 2) {
    const quoted = readReferenced(quotedRef.id, inc, `${path}.quoted`, depth);
    if (quoted !== undefined) post.quoted = quoted;
  }
  if (isReply) {
    const replyUser = replyUserId === undefined ? undefined : inc.users.get(replyUserId);
    const handle = replyUser !== undefined ? optStr(replyUser, 'username', '$.includes.users') : leadingMentionHandle(text, replyUserId);
    if (handle !== undefined) post.replyTo = { handle, ...(repliedTo !== undefined && isPostId(repliedTo.id) ? { postId: repliedTo.id } : {}) };
    if (repliedTo !== undefined && isPostId(repliedTo.id) && repliedTo.id !== id && depth === 0) {
      const parent = readReferenced(repliedTo.id, inc, `${path}.parent`, depth);
      if (parent !== undefined) post.parent = parent;
    }
  }
  const pollIds = isObject(t.attachments) ? arr(t.attachments, 'poll_ids', `${path}.attachments`) : [];
  const pollId = pollIds[0];
  if (typeof pollId === 'string') {
    const poll = inc.polls.get(pollId);
    if (poll !== undefined) post.poll = readPoll(poll, `$.includes.polls(${pollId})`, inc.options.now ?? Date.now());
  }
  if (post.poll === undefined) {
    const card = readCard(entities, path);
    if (card !== undefined) post.card = card;
  }
  return post;
}

function leadingMentionHandle(text: PostText, userId: string | undefined): string | undefined {
  const first = text.entities.find((e) => e.type === 'mention' && (userId === undefined || e.id === undefined || e.id === userId));
  return first !== undefined && first.type === 'mention' && first.start < text.displayRange[0] ? first.handle : undefined;
}

function readAuthor(authorId: string | undefined, inc: Includes): Author {
  const u = authorId === undefined ? undefined : inc.users.get(authorId);
  if (u === undefined) {
    const fallback = inc.options.author;
    if (fallback !== undefined) return fallback;
    return { id: authorId ?? '', name: '', handle: 'i', avatarUrl: DEFAULT_AVATAR_URL, avatarShape: 'circle', verified: 'none' };
  }
  const up = `$.includes.users(${authorId ?? ''})`;
  const handle = str(u, 'username', up);
  if (!/^[A-Za-z0-9_]{1,50}$/.test(handle)) throw new PayloadError('invalid-value', `${up}.username`, 'not a handle');
  const verified = verifiedType(u, up);
  const author: Author = {
    id: str(u, 'id', up),
    name: decodeWithOffsets(str(u, 'name', up)).text,
    handle,
    avatarUrl: optStr(u, 'profile_image_url', up) ?? DEFAULT_AVATAR_URL,
    avatarShape: verified === 'business' ? 'square' : 'circle',
    verified,
  };
  if (optBool(u, 'protected', up) === true) author.protected = true;
  return author;
}

function verifiedType(u: JsonObject, path: string): VerifiedType {
  const type = optStr(u, 'verified_type', path);
  if (type === 'business') return 'business';
  if (type === 'government') return 'government';
  if (type === 'blue') return 'blue';
  if (type === 'none') return 'none';
  return optBool(u, 'verified', path) === true ? 'legacy' : 'none';
}

/** Whether a url entity is the link X appends for attached media. */
function isMediaLink(e: JsonObject): boolean {
  if (typeof e.media_key === 'string') return true;
  const display = typeof e.display_url === 'string' ? e.display_url : '';
  return display.startsWith('pic.twitter.com/') || display.startsWith('pic.x.com/');
}

/**
 * Read v2 text + entities (code-point `start`/`end` of the raw text), decode HTML entities,
 * work out the display range: trailing links to this post's own media are hidden (a link to
 * media re-shared from another post stays visible, as X shows it).
 */
function readText(rawText: string, entities: JsonObject, path: string, isReply: boolean, postId: string): PostText {
  const decoded = decodeWithOffsets(rawText);
  const rawLength = decoded.offsets.length - 1;
  const rawPoints = Array.from(rawText);
  const at = (i: number): number => decoded.offsets[Math.min(i, rawLength)] ?? 0;
  const raw: Array<{ start: number; end: number; entity: Entity; ownMedia?: boolean }> = [];
  const each = (key: string, make: (e: JsonObject, p: string, start: number, end: number) => Entity): void => {
    arr(entities, key, `${path}.entities`).forEach((value, i) => {
      const p = `${path}.entities.${key}[${i}]`;
      const e = obj(value, p);
      const s = optNum(e, 'start', p);
      const t = optNum(e, 'end', p);
      if (s === undefined || t === undefined || !Number.isInteger(s) || !Number.isInteger(t) || s < 0 || s > t) {
        throw new PayloadError('invalid-value', p, 'expected integer start ≤ end');
      }
      if (t > rawLength) throw new PayloadError('invalid-value', `${p}.end`, 'entity ends after the text');
      const entity = make(e, p, at(s), at(t));
      raw.push({ start: s, end: t, entity, ownMedia: entity.type === 'media' && entity.expandedUrl.includes(`/status/${postId}/`) });
    });
  };
  each('hashtags', (e, p, start, end) => ({ type: 'hashtag', start, end, tag: str(e, 'tag', p) }));
  each('cashtags', (e, p, start, end) => ({ type: 'cashtag', start, end, symbol: str(e, 'tag', p) }));
  each('mentions', (e, p, start, end) => {
    const mid = optStr(e, 'id', p);
    return { type: 'mention', start, end, handle: str(e, 'username', p), ...(mid !== undefined ? { id: mid } : {}) };
  });
  each('urls', (e, p, start, end) => {
    const url = str(e, 'url', p);
    const fields = { start, end, url, displayUrl: optStr(e, 'display_url', p) ?? url, expandedUrl: optStr(e, 'expanded_url', p) ?? url };
    return isMediaLink(e) ? { type: 'media', ...fields } : { type: 'url', ...fields };
  });
  raw.sort((a, b) => a.start - b.start);
  // Keep entities apart: X sometimes reports a hashtag inside a URL; the first one wins.
  const kept: typeof raw = [];
  for (const r of raw) {
    const last = kept[kept.length - 1];
    if (last === undefined || r.start >= last.end) kept.push(r);
  }
  const isSpace = (i: number): boolean => /\s/u.test(rawPoints[i] ?? '');
  let first = 0;
  if (isReply) {
    // Leading "@handle " tokens of a reply (X does not always list them as entities).
    const handle = /^@[A-Za-z0-9_]{1,15}$/;
    for (;;) {
      let start = first;
      while (start < rawLength && isSpace(start)) start++;
      let end = start;
      while (end < rawLength && !isSpace(end)) end++;
      if (end >= rawLength || !handle.test(rawPoints.slice(start, end).join(''))) break;
      first = end;
      while (first < rawLength && isSpace(first)) first++;
    }
    if (first >= rawLength) first = 0; // a reply that is only mentions shows them
  }
  let last = rawLength;
  for (let i = kept.length - 1; i >= 0; i--) {
    const r = kept[i];
    if (r === undefined || r.ownMedia !== true) break;
    let gap = r.end;
    while (gap < last && isSpace(gap)) gap++;
    if (gap !== last) break;
    last = r.start;
    while (last > first && isSpace(last - 1)) last--;
  }
  return { text: decoded.text, displayRange: [at(first), at(Math.max(first, last))], entities: kept.map((r) => r.entity) };
}

function readMedia(t: JsonObject, path: string, inc: Includes): Media[] {
  const keys = isObject(t.attachments) ? arr(t.attachments, 'media_keys', `${path}.attachments`) : [];
  const out: Media[] = [];
  for (const key of keys) {
    if (typeof key !== 'string') throw new PayloadError('wrong-type', `${path}.attachments.media_keys`, 'expected strings');
    const m = inc.media.get(key);
    if (m === undefined) continue; // not expanded in this body
    const media = readOneMedia(m, `$.includes.media(${key})`);
    if (media !== undefined) out.push(media);
  }
  return out;
}

/** One `includes.media` item, or undefined when the body did not ask for enough fields to show it. */
function readOneMedia(m: JsonObject, p: string): Media | undefined {
  const type = str(m, 'type', p);
  const width = optNum(m, 'width', p);
  const height = optNum(m, 'height', p);
  const altText = optStr(m, 'alt_text', p);
  if (width === undefined || height === undefined || !(width > 0) || !(height > 0)) return undefined;
  if (type === 'photo') {
    const url = optStr(m, 'url', p);
    return url === undefined ? undefined : { type: 'photo', url, width, height, ...(altText !== undefined ? { altText } : {}) };
  }
  if (type === 'video' || type === 'animated_gif') {
    const posterUrl = optStr(m, 'preview_image_url', p);
    if (posterUrl === undefined) return undefined;
    const variants = arr(m, 'variants', p).map((rv, j) => {
      const vp = `${p}.variants[${j}]`;
      const v = obj(rv, vp);
      const bitrate = optNum(v, 'bit_rate', vp) ?? optNum(v, 'bitrate', vp);
      return { url: str(v, 'url', vp), contentType: str(v, 'content_type', vp), ...(bitrate !== undefined ? { bitrate } : {}) };
    });
    const video: Video = { type: type === 'video' ? 'video' : 'gif', posterUrl, width, height, aspectRatio: reducedAspectRatio(width, height), variants };
    const durationMs = optNum(m, 'duration_ms', p);
    if (durationMs !== undefined) video.durationMs = durationMs;
    if (altText !== undefined) video.altText = altText;
    const views = isObject(m.public_metrics) ? optNum(m.public_metrics, 'view_count', `${p}.public_metrics`) : undefined;
    if (views !== undefined) video.viewCount = views;
    return video;
  }
  throw new PayloadError('unsupported', `${p}.type`, `unsupported media type "${type}"`);
}


function readCounts(t: JsonObject, path: string): Counts {
  const counts: Counts = {};
  if (!isObject(t.public_metrics)) return counts;
  const m = t.public_metrics;
  const p = `${path}.public_metrics`;
  const replies = optNum(m, 'reply_count', p);
  const reposts = optNum(m, 'retweet_count', p);
  const likes = optNum(m, 'like_count', p);
  const quotes = optNum(m, 'quote_count', p);
  const views = optNum(m, 'impression_count', p);
  if (replies !== undefined) counts.replies = replies;
  if (reposts !== undefined) counts.reposts = reposts;
  if (likes !== undefined) counts.likes = likes;
  if (quotes !== undefined) counts.quotes = quotes;
  if (views !== undefined) counts.views = views;
  return counts;
}

function readPoll(poll: JsonObject, path: string, now: number): Poll {
  const options = arr(poll, 'options', path)
    .map((raw, i) => {
      const p = `${path}.options[${i}]`;
      const o = obj(raw, p);
      const votes = optNum(o, 'votes', p) ?? 0;
      if (!Number.isInteger(votes) || votes < 0) throw new PayloadError('invalid-value', `${p}.votes`, 'not a vote count');
      return { position: optNum(o, 'position', p) ?? i + 1, label: str(o, 'label', p), votes };
    })
    .sort((a, b) => a.position - b.position)
    .map(({ label, votes }) => ({ label, votes }));
  if (options.length < 2) throw new PayloadError('invalid-value', `${path}.options`, 'a poll needs at least two options');
  const endsAt = optStr(poll, 'end_datetime', path);
  if (endsAt !== undefined && Number.isNaN(Date.parse(endsAt))) throw new PayloadError('invalid-value', `${path}.end_datetime`, 'not a date');
  const status = optStr(poll, 'voting_status', path);
  const closed = status === 'closed' || (status === undefined && endsAt !== undefined && Date.parse(endsAt) < now);
  return { options, totalVotes: options.reduce((s, o) => s + o.votes, 0), status: closed ? 'closed' : 'open', ...(endsAt !== undefined ? { endsAt: new Date(endsAt).toISOString() } : {}) };
}

/**
 * v2 has no cards, but unwound url entities carry the link preview (`title`,
 * `description`, `images`): the last such link becomes the card.
 */
function readCard(entities: JsonObject, path: string): LinkCard | undefined {
  const urls = arr(entities, 'urls', `${path}.entities`);
  for (let i = urls.length - 1; i >= 0; i--) {
    const p = `${path}.entities.urls[${i}]`;
    const e = obj(urls[i], p);
    const title = optStr(e, 'title', p);
    if (title === undefined || isMediaLink(e)) continue;
    const url = str(e, 'url', p);
    const expandedUrl = optStr(e, 'unwound_url', p) ?? optStr(e, 'expanded_url', p);
    const images = arr(e, 'images', p);
    const card: LinkCard = { kind: images.length > 0 ? 'summary_large_image' : 'summary', url, title };
    if (expandedUrl !== undefined) {
      card.expandedUrl = expandedUrl;
      try {
        card.domain = new URL(expandedUrl).hostname.replace(/^www\./, '');
      } catch {
        // not a URL: no domain
      }
    }
    const description = optStr(e, 'description', p);
    if (description !== undefined) card.description = description;
    // The largest image X listed.
    let best: { url: string; width: number; height: number } | undefined;
    images.forEach((raw, j) => {
      const ip = `${p}.images[${j}]`;
      const im = obj(raw, ip);
      const w = optNum(im, 'width', ip);
      const h = optNum(im, 'height', ip);
      const u = optStr(im, 'url', ip);
      if (u !== undefined && w !== undefined && h !== undefined && w > 0 && h > 0 && (best === undefined || w > best.width)) best = { url: u, width: w, height: h };
    });
    if (best !== undefined) card.image = best;
    return card;
  }
  return undefined;
}
