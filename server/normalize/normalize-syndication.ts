/**
 * X's syndication payload (the body behind X's own embed widget) → the post model.
 * Validates as it reads: a payload that does not fit throws a PayloadError; it never
 * yields a half-filled post. Text is HTML-entity-decoded and entity offsets remapped.
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
import { arr, isObject, num, obj, optBool, optNum, optStr, positivePair, range, str, type JsonObject } from '../../src/data/read-json.js';
import { decodeWithOffsets } from './html-entities.js';
import { withSafeUrls } from '../../src/data/safe-urls.js';

/** Options for {@link normalizeSyndication}. */
export interface NormalizeSyndicationOptions {
  /** The id asked for: used for tombstones, which carry no id of their own. */
  id?: string;
}

/** Normalize one syndication `tweet-result` body into a post or a tombstone. */
export function normalizeSyndication(payload: unknown, options: NormalizeSyndicationOptions = {}): PostResult {
  return withSafeUrls(readResult(payload, '$', options.id, 0));
}

const MAX_NESTING = 3;

function readResult(payload: unknown, path: string, askedId: string | undefined, depth: number): PostResult {
  const o = obj(payload, path);
  const typename = optStr(o, '__typename', path);
  if (typename === 'TweetTombstone') return readTombstone(o, path, askedId);
  if (typename !== undefined && typename !== 'Tweet') {
    throw new PayloadError('unsupported', `${path}.__typename`, `unsupported payload type "${typename}"`);
  }
  return readPost(o, path, depth);
}

function readTombstone(o: JsonObject, path: string, askedId: string | undefined): Tombstone {
  if (askedId === undefined || !isPostId(askedId)) {
    throw new PayloadError('missing-field', path, 'a tombstone carries no id: pass the requested id');
  }
  const tomb = isObject(o.tombstone) ? o.tombstone : {};
  const textObj = isObject(tomb.text) ? tomb.text : {};
  const message = typeof textObj.text === 'string' ? textObj.text : undefined;
  return { kind: 'tombstone', version: POST_MODEL_VERSION, id: askedId, reason: tombstoneReason(message ?? ''), ...(message !== undefined ? { message } : {}) };
}

/** Classify X's tombstone message; anything unrecognised is "not found". */
export function tombstoneReason(message: string): TombstoneReason {
  const m = message.toLowerCase();
  if (m.includes('deleted')) return 'deleted';
  if (m.includes('suspended')) return 'suspended';
  if (m.includes('withheld')) return 'withheld';
  if (m.includes('age-restricted') || m.includes('age restricted') || m.includes('adult')) return 'age-restricted';
  if (m.includes('protected') || m.includes('allowed to see') || m.includes('limits who can view')) return 'protected';
  return 'not-found';
}

function readPost(o: JsonObject, path: string, depth: number): Post {
  if (depth > MAX_NESTING) throw new PayloadError('invalid-value', path, 'posts nested too deeply');
  const id = str(o, 'id_str', path);
  if (!isPostId(id)) throw new PayloadError('invalid-value', `${path}.id_str`, 'not a post id');
  const author = readAuthor(obj(o.user, `${path}.user`), `${path}.user`);
  const createdAt = str(o, 'created_at', path);
  if (Number.isNaN(Date.parse(createdAt))) throw new PayloadError('invalid-value', `${path}.created_at`, 'not a date');
  const rawText = str(o, 'text', path);
  const entitiesObj = o.entities === undefined ? {} : obj(o.entities, `${path}.entities`);
  const displayRange = o.display_text_range === undefined ? undefined : range(o.display_text_range, `${path}.display_text_range`);
  const text = readText(rawText, entitiesObj, displayRange, `${path}`);

  const post: Post = {
    kind: 'post',
    version: POST_MODEL_VERSION,
    id,
    url: postUrl(author.handle, id),
    author,
    createdAt: new Date(createdAt).toISOString(),
    text,
    media: readMedia(o, path),
    counts: readCounts(o, path),
    edited: readEdited(o, path),
    sensitive: optBool(o, 'possibly_sensitive', path) ?? false,
  };
  const lang = optStr(o, 'lang', path);
  if (lang !== undefined) post.lang = lang;
  const longText = readLongText(o, path);
  if (longText !== undefined) post.longText = longText;
  if (o.quoted_tweet !== undefined && o.quoted_tweet !== null) post.quoted = readResult(o.quoted_tweet, `${path}.quoted_tweet`, optStr(o, 'quoted_tweet_id_str', path), depth + 1);
  const replyHandle = optStr(o, 'in_reply_to_screen_name', path);
  if (replyHandle !== undefined) {
    const replyId = optStr(o, 'in_reply_to_status_id_str', path);
    post.replyTo = { handle: replyHandle, ...(replyId !== undefined && isPostId(replyId) ? { postId: replyId } : {}) };
  }
  if (o.parent !== undefined && o.parent !== null) post.parent = readResult(o.parent, `${path}.parent`, post.replyTo?.postId, depth + 1);
  if (o.card !== undefined && o.card !== null) {
    const card = obj(o.card, `${path}.card`);
    const poll = readPoll(card, `${path}.card`);
    if (poll !== undefined) post.poll = poll;
    else {
      const link = readCard(card, `${path}.card`, text);
      if (link !== undefined) post.card = link;
    }
  }
  return post;
}

function readAuthor(u: JsonObject, path: string): Author {
  const handle = str(u, 'screen_name', path);
  if (!/^[A-Za-z0-9_]{1,50}$/.test(handle)) throw new PayloadError('invalid-value', `${path}.screen_name`, 'not a handle');
  const author: Author = {
    id: str(u, 'id_str', path),
    name: decodeWithOffsets(str(u, 'name', path)).text,
    handle,
    avatarUrl: str(u, 'profile_image_url_https', path),
    avatarShape: optStr(u, 'profile_image_shape', path) === 'Square' ? 'square' : 'circle',
    verified: verifiedType(u, path),
  };
  const label = u.highlighted_label;
  if (isObject(label) && typeof label.description === 'string') {
    const badge = isObject(label.badge) ? optStr(label.badge, 'url', `${path}.highlighted_label.badge`) : undefined;
    const link = isObject(label.url) ? optStr(label.url, 'url', `${path}.highlighted_label.url`) : undefined;
    author.affiliation = { label: label.description, ...(badge !== undefined ? { badgeUrl: badge } : {}), ...(link !== undefined ? { url: link } : {}) };
  }
  if (optBool(u, 'protected', path) === true) author.protected = true;
  return author;
}

function verifiedType(u: JsonObject, path: string): VerifiedType {
  const type = optStr(u, 'verified_type', path);
  if (type === 'Business') return 'business';
  if (type === 'Government') return 'government';
  if (optBool(u, 'is_blue_verified', path) === true) return 'blue';
  if (optBool(u, 'verified', path) === true) return 'legacy';
  return 'none';
}

/** Read text + entities (syndication `indices` are code points) and decode HTML entities. */
function readText(rawText: string, entities: JsonObject, displayRange: [number, number] | undefined, path: string): PostText {
  const decoded = decodeWithOffsets(rawText);
  const rawLength = decoded.offsets.length - 1;
  const at = (i: number): number => decoded.offsets[Math.min(i, rawLength)] ?? 0;
  const list: Entity[] = [];
  const each = (key: string, make: (e: JsonObject, p: string, start: number, end: number) => Entity | undefined): void => {
    arr(entities, key, `${path}.entities`).forEach((raw, i) => {
      const p = `${path}.entities.${key}[${i}]`;
      const e = obj(raw, p);
      const [s, t] = range(e.indices, `${p}.indices`);
      if (t > rawLength) throw new PayloadError('invalid-value', `${p}.indices`, 'entity ends after the text');
      const entity = make(e, p, at(s), at(t));
      if (entity !== undefined) list.push(entity);
    });
  };
  each('hashtags', (e, p, start, end) => ({ type: 'hashtag', start, end, tag: str(e, 'text', p) }));
  each('symbols', (e, p, start, end) => ({ type: 'cashtag', start, end, symbol: str(e, 'text', p) }));
  each('user_mentions', (e, p, start, end) => {
    const mid = optStr(e, 'id_str', p);
    return { type: 'mention', start, end, handle: str(e, 'screen_name', p), ...(mid !== undefined ? { id: mid } : {}) };
  });
  each('urls', (e, p, start, end) => ({ type: 'url', start, end, url: str(e, 'url', p), displayUrl: str(e, 'display_url', p), expandedUrl: optStr(e, 'expanded_url', p) ?? str(e, 'url', p) }));
  each('media', (e, p, start, end) => ({ type: 'media', start, end, url: str(e, 'url', p), displayUrl: str(e, 'display_url', p), expandedUrl: optStr(e, 'expanded_url', p) ?? str(e, 'url', p) }));
  list.sort((a, b) => a.start - b.start);
  const dr: [number, number] = displayRange === undefined ? [0, at(rawLength)] : [at(Math.min(displayRange[0], rawLength)), at(Math.min(displayRange[1], rawLength))];
  return { text: decoded.text, displayRange: dr, entities: list };
}

/** Long posts (a synthetic shape following X's GraphQL `note_tweet`), when present. */
function readLongText(o: JsonObject, path: string): PostText | undefined {
  if (!isObject(o.note_tweet)) return undefined;
  const p = `${path}.note_tweet.note_tweet_results.result`;
  const results = obj(o.note_tweet.note_tweet_results, `${path}.note_tweet.note_tweet_results`);
  const result = obj(results.result, p);
  const text = str(result, 'text', p);
  const set = result.entity_set === undefined ? {} : obj(result.entity_set, `${p}.entity_set`);
  return readText(text, set, undefined, p);
}

function readMedia(o: JsonObject, path: string): Media[] {
  return arr(o, 'mediaDetails', path).map((raw, i): Media => {
    const p = `${path}.mediaDetails[${i}]`;
    const m = obj(raw, p);
    const type = str(m, 'type', p);
    const info = obj(m.original_info, `${p}.original_info`);
    const width = num(info, 'width', `${p}.original_info`);
    const height = num(info, 'height', `${p}.original_info`);
    const altText = optStr(m, 'ext_alt_text', p);
    const url = str(m, 'media_url_https', p);
    if (type === 'photo') return { type: 'photo', url, width, height, ...(altText !== undefined ? { altText } : {}) };
    if (type === 'video' || type === 'animated_gif') {
      const vi = obj(m.video_info, `${p}.video_info`);
      const variants = arr(vi, 'variants', `${p}.video_info`).map((rv, j) => {
        const vp = `${p}.video_info.variants[${j}]`;
        const v = obj(rv, vp);
        const bitrate = optNum(v, 'bitrate', vp);
        return { url: str(v, 'url', vp), contentType: str(v, 'content_type', vp), ...(bitrate !== undefined ? { bitrate } : {}) };
      });
      if (variants.length === 0) throw new PayloadError('invalid-value', `${p}.video_info.variants`, 'a video needs at least one variant');
      const ar = vi.aspect_ratio === undefined ? reducedAspectRatio(width, height) : positivePair(vi.aspect_ratio, `${p}.video_info.aspect_ratio`);
      const durationMs = optNum(vi, 'duration_millis', `${p}.video_info`);
      const stats = isObject(m.mediaStats) ? m.mediaStats : isObject(m.ext_media_stats) ? m.ext_media_stats : undefined;
      const viewCount = stats !== undefined ? optNum(stats, 'viewCount', p) ?? optNum(stats, 'view_count', p) : undefined;
      const video: Video = { type: type === 'video' ? 'video' : 'gif', posterUrl: url, width, height, aspectRatio: ar, variants };
      if (durationMs !== undefined) video.durationMs = durationMs;
      if (altText !== undefined) video.altText = altText;
      if (viewCount !== undefined) video.viewCount = viewCount;
      return video;
    }
    throw new PayloadError('unsupported', `${p}.type`, `unsupported media type "${type}"`);
  });
}


function readCounts(o: JsonObject, path: string): Counts {
  const counts: Counts = {};
  const likes = optNum(o, 'favorite_count', path);
  const replies = optNum(o, 'reply_count', path) ?? optNum(o, 'conversation_count', path);
  const reposts = optNum(o, 'retweet_count', path);
  const quotes = optNum(o, 'quote_count', path);
  if (likes !== undefined) counts.likes = likes;
  if (replies !== undefined) counts.replies = replies;
  if (reposts !== undefined) counts.reposts = reposts;
  if (quotes !== undefined) counts.quotes = quotes;
  if (isObject(o.video)) {
    const views = optNum(o.video, 'viewCount', `${path}.video`);
    if (views !== undefined) counts.views = views;
  }
  return counts;
}

function readEdited(o: JsonObject, path: string): boolean {
  if (optBool(o, 'isEdited', path) === true) return true;
  if (isObject(o.edit_control)) {
    const ids = arr(o.edit_control, 'edit_tweet_ids', `${path}.edit_control`);
    return ids.length > 1;
  }
  return false;
}

type Bindings = Record<string, JsonObject>;

function bindings(card: JsonObject, path: string): Bindings {
  const raw = card.binding_values === undefined ? {} : obj(card.binding_values, `${path}.binding_values`);
  const out: Bindings = {};
  for (const [k, v] of Object.entries(raw)) if (isObject(v)) out[k] = v;
  return out;
}

function bindingString(b: Bindings, key: string): string | undefined {
  const v = b[key];
  return v !== undefined && typeof v.string_value === 'string' ? v.string_value : undefined;
}

function readPoll(card: JsonObject, path: string): Poll | undefined {
  const name = str(card, 'name', path);
  const m = /^poll([2-4])choice_(text_only|image)$/.exec(name);
  if (m === null) return undefined;
  const b = bindings(card, path);
  const n = Number(m[1]);
  const options: Poll['options'] = [];
  for (let i = 1; i <= n; i++) {
    const label = bindingString(b, `choice${i}_label`);
    const count = bindingString(b, `choice${i}_count`);
    if (label === undefined) throw new PayloadError('missing-field', `${path}.binding_values.choice${i}_label`, 'poll choice without a label');
    const votes = count === undefined ? 0 : Number(count);
    if (!Number.isInteger(votes) || votes < 0) throw new PayloadError('invalid-value', `${path}.binding_values.choice${i}_count`, 'not a vote count');
    options.push({ label, votes });
  }
  const endsAt = bindingString(b, 'end_datetime_utc');
  const final = b.counts_are_final;
  const closed = (final !== undefined && final.boolean_value === true) || (endsAt !== undefined && Date.parse(endsAt) < Date.now());
  return { options, totalVotes: options.reduce((s, o) => s + o.votes, 0), status: closed ? 'closed' : 'open', ...(endsAt !== undefined ? { endsAt } : {}) };
}

const IMAGE_KEYS = ['summary_photo_image_large', 'photo_image_full_size_large', 'summary_photo_image', 'thumbnail_image_large', 'thumbnail_image'];

function readCard(card: JsonObject, path: string, text: PostText): LinkCard | undefined {
  const name = str(card, 'name', path);
  const url = str(card, 'url', path);
  const b = bindings(card, path);
  const kind = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  const linked = text.entities.find((e) => e.type === 'url' && e.url === url);
  const result: LinkCard = { kind, url };
  if (linked !== undefined && linked.type === 'url') result.expandedUrl = linked.expandedUrl;
  const title = bindingString(b, 'title');
  const description = bindingString(b, 'description');
  const domain = bindingString(b, 'vanity_url') ?? bindingString(b, 'domain');
  if (title !== undefined) result.title = title;
  if (description !== undefined) result.description = description;
  if (domain !== undefined) result.domain = domain;
  const alt = bindingString(b, 'summary_photo_image_alt_text') ?? bindingString(b, 'photo_image_full_size_alt_text');
  for (const key of kind === 'summary' ? ['thumbnail_image_large', 'thumbnail_image', ...IMAGE_KEYS] : IMAGE_KEYS) {
    const v = b[key];
    if (v !== undefined && isObject(v.image_value)) {
      const iv = v.image_value;
      const p = `${path}.binding_values.${key}.image_value`;
      const imageAlt = optStr(iv, 'alt', p) ?? alt;
      result.image = { url: str(iv, 'url', p), width: num(iv, 'width', p), height: num(iv, 'height', p), ...(imageAlt !== undefined ? { altText: imageAlt } : {}) };
      break;
    }
  }
  return result;
}
