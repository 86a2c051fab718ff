/**
 * Validates a value claimed to be a post model object (from the embed server or inline
 * JSON) and returns it typed, or throws a PayloadError naming the first problem.
 */
import { PayloadError } from './errors.js';
import {
  POST_MODEL_VERSION,
  TOMBSTONE_REASONS,
  isPostId,
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
} from './model.js';
import { arr, isObject, num, obj, optBool, optNum, optStr, positivePair, range, str, type JsonObject } from './read-json.js';

const VERIFIED: readonly VerifiedType[] = ['none', 'blue', 'business', 'government', 'legacy'];
const MAX_DEPTH = 3;

/** Parse and validate a post or tombstone. */
export function parsePostResult(value: unknown, path = '$'): PostResult {
  return readResult(value, path, 0);
}

function readResult(value: unknown, path: string, depth: number): PostResult {
  if (depth > MAX_DEPTH) throw new PayloadError('invalid-value', path, 'posts nested too deeply');
  const o = obj(value, path);
  if (o.version !== POST_MODEL_VERSION) {
    throw new PayloadError('unsupported', `${path}.version`, `unsupported post model version ${JSON.stringify(o.version)} (expected ${POST_MODEL_VERSION})`);
  }
  const id = str(o, 'id', path);
  if (!isPostId(id)) throw new PayloadError('invalid-value', `${path}.id`, 'not a post id');
  if (o.kind === 'tombstone') return readTombstone(o, path, id);
  if (o.kind !== 'post') throw new PayloadError('invalid-value', `${path}.kind`, 'expected "post" or "tombstone"');
  return readPost(o, path, id, depth);
}

function readTombstone(o: JsonObject, path: string, id: string): Tombstone {
  const reason = str(o, 'reason', path);
  if (!(TOMBSTONE_REASONS as readonly string[]).includes(reason)) throw new PayloadError('invalid-value', `${path}.reason`, `unknown reason "${reason}"`);
  const message = optStr(o, 'message', path);
  return { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: reason as TombstoneReason, ...(message !== undefined ? { message } : {}) };
}

function httpUrl(o: JsonObject, key: string, path: string): string {
  const v = str(o, key, path);
  if (!/^https?:\/\//i.test(v)) throw new PayloadError('invalid-value', `${path}.${key}`, 'expected an http(s) URL');
  return v;
}

function optHttpUrl(o: JsonObject, key: string, path: string): string | undefined {
  return o[key] === undefined ? undefined : httpUrl(o, key, path);
}

function readPost(o: JsonObject, path: string, id: string, depth: number): Post {
  const createdAt = str(o, 'createdAt', path);
  if (Number.isNaN(Date.parse(createdAt))) throw new PayloadError('invalid-value', `${path}.createdAt`, 'not a date');
  const post: Post = {
    kind: 'post',
    version: POST_MODEL_VERSION,
    id,
    url: httpUrl(o, 'url', path),
    author: readAuthor(obj(o.author, `${path}.author`), `${path}.author`),
    createdAt,
    text: readText(obj(o.text, `${path}.text`), `${path}.text`),
    media: arr(o, 'media', path).map((m, i) => readMedia(obj(m, `${path}.media[${i}]`), `${path}.media[${i}]`)),
    counts: readCounts(o.counts === undefined ? {} : obj(o.counts, `${path}.counts`), `${path}.counts`),
    edited: optBool(o, 'edited', path) ?? false,
    sensitive: optBool(o, 'sensitive', path) ?? false,
  };
  const lang = optStr(o, 'lang', path);
  if (lang !== undefined) post.lang = lang;
  if (o.longText !== undefined) post.longText = readText(obj(o.longText, `${path}.longText`), `${path}.longText`);
  if (o.quoted !== undefined) post.quoted = readResult(o.quoted, `${path}.quoted`, depth + 1);
  if (o.parent !== undefined) post.parent = readResult(o.parent, `${path}.parent`, depth + 1);
  if (o.replyTo !== undefined) {
    const r = obj(o.replyTo, `${path}.replyTo`);
    const postId = optStr(r, 'postId', `${path}.replyTo`);
    post.replyTo = { handle: str(r, 'handle', `${path}.replyTo`), ...(postId !== undefined ? { postId } : {}) };
  }
  if (o.card !== undefined) post.card = readCard(obj(o.card, `${path}.card`), `${path}.card`);
  if (o.poll !== undefined) post.poll = readPoll(obj(o.poll, `${path}.poll`), `${path}.poll`);
  return post;
}

function readAuthor(o: JsonObject, path: string): Author {
  const verified = str(o, 'verified', path);
  if (!(VERIFIED as readonly string[]).includes(verified)) throw new PayloadError('invalid-value', `${path}.verified`, `unknown verified type "${verified}"`);
  const shape = str(o, 'avatarShape', path);
  if (shape !== 'circle' && shape !== 'square') throw new PayloadError('invalid-value', `${path}.avatarShape`, 'expected "circle" or "square"');
  const author: Author = {
    id: str(o, 'id', path),
    name: str(o, 'name', path),
    handle: str(o, 'handle', path),
    avatarUrl: httpUrl(o, 'avatarUrl', path),
    avatarShape: shape,
    verified: verified as VerifiedType,
  };
  if (o.affiliation !== undefined) {
    const a = obj(o.affiliation, `${path}.affiliation`);
    const badgeUrl = optHttpUrl(a, 'badgeUrl', `${path}.affiliation`);
    const url = optHttpUrl(a, 'url', `${path}.affiliation`);
    author.affiliation = { label: str(a, 'label', `${path}.affiliation`), ...(badgeUrl !== undefined ? { badgeUrl } : {}), ...(url !== undefined ? { url } : {}) };
  }
  if (optBool(o, 'protected', path) === true) author.protected = true;
  return author;
}

function readText(o: JsonObject, path: string): PostText {
  const text = str(o, 'text', path);
  const length = Array.from(text).length;
  const displayRange = range(o.displayRange, `${path}.displayRange`);
  if (displayRange[1] > length) throw new PayloadError('invalid-value', `${path}.displayRange`, 'display range ends after the text');
  const entities = arr(o, 'entities', path).map((raw, i) => readEntity(obj(raw, `${path}.entities[${i}]`), `${path}.entities[${i}]`, length));
  return { text, displayRange, entities };
}

function readEntity(o: JsonObject, path: string, length: number): Entity {
  const start = num(o, 'start', path);
  const end = num(o, 'end', path);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
    throw new PayloadError('invalid-value', path, `entity range [${start}, ${end}] does not fit a text of ${length} code points`);
  }
  const type = str(o, 'type', path);
  switch (type) {
    case 'hashtag':
      return { type, start, end, tag: str(o, 'tag', path) };
    case 'cashtag':
      return { type, start, end, symbol: str(o, 'symbol', path) };
    case 'mention': {
      const id = optStr(o, 'id', path);
      return { type, start, end, handle: str(o, 'handle', path), ...(id !== undefined ? { id } : {}) };
    }
    case 'url':
    case 'media':
      return { type, start, end, url: str(o, 'url', path), displayUrl: str(o, 'displayUrl', path), expandedUrl: str(o, 'expandedUrl', path) };
    default:
      throw new PayloadError('invalid-value', `${path}.type`, `unknown entity type "${type}"`);
  }
}

function readMedia(o: JsonObject, path: string): Media {
  const type = str(o, 'type', path);
  const width = num(o, 'width', path);
  const height = num(o, 'height', path);
  if (width <= 0 || height <= 0) throw new PayloadError('invalid-value', path, 'media needs a positive width and height');
  const altText = optStr(o, 'altText', path);
  if (type === 'photo') return { type, url: httpUrl(o, 'url', path), width, height, ...(altText !== undefined ? { altText } : {}) };
  if (type !== 'video' && type !== 'gif') throw new PayloadError('invalid-value', `${path}.type`, `unknown media type "${type}"`);
  const aspectRatio = positivePair(o.aspectRatio, `${path}.aspectRatio`);
  const variants = arr(o, 'variants', path).map((raw, i) => {
    const p = `${path}.variants[${i}]`;
    const v = obj(raw, p);
    const bitrate = optNum(v, 'bitrate', p);
    return { url: httpUrl(v, 'url', p), contentType: str(v, 'contentType', p), ...(bitrate !== undefined ? { bitrate } : {}) };
  });
  const durationMs = optNum(o, 'durationMs', path);
  const viewCount = optNum(o, 'viewCount', path);
  const captions =
    o.captions === undefined
      ? undefined
      : arr(o, 'captions', path).map((raw, i) => {
          const p = `${path}.captions[${i}]`;
          const c = obj(raw, p);
          return { url: httpUrl(c, 'url', p), lang: str(c, 'lang', p), label: str(c, 'label', p) };
        });
  return {
    type,
    posterUrl: httpUrl(o, 'posterUrl', path),
    width,
    height,
    aspectRatio,
    variants,
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(altText !== undefined ? { altText } : {}),
    ...(viewCount !== undefined ? { viewCount } : {}),
    ...(captions !== undefined ? { captions } : {}),
  };
}

function readCounts(o: JsonObject, path: string): Counts {
  const counts: Counts = {};
  for (const key of ['replies', 'reposts', 'likes', 'quotes', 'views'] as const) {
    const v = optNum(o, key, path);
    if (v !== undefined) {
      if (v < 0) throw new PayloadError('invalid-value', `${path}.${key}`, 'counts cannot be negative');
      counts[key] = v;
    }
  }
  return counts;
}

function readCard(o: JsonObject, path: string): LinkCard {
  const card: LinkCard = { kind: str(o, 'kind', path), url: str(o, 'url', path) };
  for (const key of ['expandedUrl', 'title', 'description', 'domain'] as const) {
    const v = optStr(o, key, path);
    if (v !== undefined) card[key] = v;
  }
  if (o.image !== undefined) {
    const im = obj(o.image, `${path}.image`);
    const altText = optStr(im, 'altText', `${path}.image`);
    card.image = { url: httpUrl(im, 'url', `${path}.image`), width: num(im, 'width', `${path}.image`), height: num(im, 'height', `${path}.image`), ...(altText !== undefined ? { altText } : {}) };
  }
  return card;
}

function readPoll(o: JsonObject, path: string): Poll {
  const options = arr(o, 'options', path).map((raw, i) => {
    const p = `${path}.options[${i}]`;
    const opt = obj(raw, p);
    return { label: str(opt, 'label', p), votes: num(opt, 'votes', p) };
  });
  if (options.length < 2 || options.length > 4) throw new PayloadError('invalid-value', `${path}.options`, 'a poll has 2 to 4 options');
  const status = str(o, 'status', path);
  if (status !== 'open' && status !== 'closed') throw new PayloadError('invalid-value', `${path}.status`, 'expected "open" or "closed"');
  const endsAt = optStr(o, 'endsAt', path);
  return { options, totalVotes: num(o, 'totalVotes', path), status, ...(endsAt !== undefined ? { endsAt } : {}) };
}

/** Whether `value` looks like a post model object at all (cheap check before parsing). */
export function looksLikePostModel(value: unknown): boolean {
  return isObject(value) && (value.kind === 'post' || value.kind === 'tombstone');
}
