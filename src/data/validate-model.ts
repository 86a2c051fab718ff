/**
 * Validates a value claimed to be a post model object (from the embed server or inline
 * JSON) and returns it typed, or throws a PayloadError naming the first problem. The
 * shape is described as a table of small readers: every post page runs this, so it is
 * kept compact. The result is a fresh object holding only the model's fields.
 */
import { PayloadError } from './errors.js';
import {
  POST_MODEL_VERSION,
  TOMBSTONE_REASONS,
  isPostId,
  type Affiliation,
  type Author,
  type CardImage,
  type CashtagEntity,
  type Counts,
  type Entity,
  type HashtagEntity,
  type LinkCard,
  type MediaEntity,
  type MentionEntity,
  type Photo,
  type Poll,
  type Post,
  type PostResult,
  type PostText,
  type ReplyContext,
  type Tombstone,
  type UrlEntity,
  type Video,
  type VideoCaption,
  type VideoVariant,
} from './model.js';
import { describe, isObject, positivePair, range, type JsonObject } from './read-json.js';

/** Reads one value at `path`; `depth` counts nested posts (quoted, parent). */
type Reader = (value: unknown, path: string, depth: number) => unknown;

const MAX_DEPTH = 3;

/** The model field a table key stands for: `'altText?'` reads `altText`. */
type FieldName<Key> = Key extends `${infer Name}?` ? Name : Key;

/**
 * `Table` when it names every field of `Model` (optional ones with `?`) and nothing else;
 * otherwise a type naming what is missing or unknown, so a field added to `model.ts` and
 * not read here fails to compile instead of being silently stripped.
 */
type FieldsOf<Model, Table> = [Exclude<keyof Model, FieldName<keyof Table>>, Exclude<FieldName<keyof Table>, keyof Model>] extends [never, never]
  ? Table
  : { missingFields: Exclude<keyof Model, FieldName<keyof Table>>; unknownFields: Exclude<FieldName<keyof Table>, keyof Model> };

/** A reader table checked against `Model` (curried, so the table's own type is inferred). */
const fields =
  <Model>() =>
  <Table extends Record<string, Reader>>(table: Table & FieldsOf<Model, Table>): Table =>
    table;

/** An entity's own fields, beside its range and type. */
type EntityFields<E extends Entity> = Omit<E, 'start' | 'end' | 'type'>;

function fail(code: PayloadError['code'], path: string, message: string): never {
  throw new PayloadError(code, path, message);
}

function wrongType(value: unknown, path: string, what: string): never {
  return fail(value === undefined ? 'missing-field' : 'wrong-type', path, `expected ${what}, got ${describe(value)}`);
}

const string: Reader = (v, p) => (typeof v === 'string' ? v : wrongType(v, p, 'a string'));

const bool: Reader = (v, p) => (typeof v === 'boolean' ? v : wrongType(v, p, 'a boolean'));

/** A finite number (numeric strings, as X sends some counts, are accepted). */
const number: Reader = (v, p) =>
  typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v) ? Number(v) : wrongType(v, p, 'a number');

const count: Reader = (v, p, d) => {
  const n = number(v, p, d) as number;
  return n < 0 ? fail('invalid-value', p, 'counts cannot be negative') : n;
};

const url: Reader = (v, p, d) => {
  const s = string(v, p, d) as string;
  return /^https?:\/\//i.test(s) ? s : fail('invalid-value', p, 'expected an http(s) URL');
};

const oneOf =
  (values: readonly string[]): Reader =>
  (v, p, d) => {
    const s = string(v, p, d) as string;
    return values.includes(s) ? s : fail('invalid-value', p, `unknown value "${s}" (expected ${values.join(', ')})`);
  };

/** An array (absent, null, or `{}` as some recorded payloads send, give []). */
const list =
  (item: Reader): Reader =>
  (v, p, d) =>
    v === undefined || v === null || (isObject(v) && Object.keys(v).length === 0)
      ? []
      : Array.isArray(v)
        ? v.map((x, i) => item(x, `${p}[${i}]`, d))
        : wrongType(v, p, 'an array');

/**
 * An object with these fields; a key ending in `?` is optional (absent or null leaves it out).
 * `check` may validate the whole and fill defaults.
 */
const object =
  (fields: Record<string, Reader>, check?: (o: JsonObject, source: JsonObject, path: string) => void): Reader =>
  (v, p, d) => {
    if (!isObject(v)) return fail(v === undefined ? 'missing-field' : 'not-an-object', p, `expected an object, got ${describe(v)}`);
    const out: JsonObject = {};
    for (const [spec, read] of Object.entries(fields)) {
      const optional = spec.endsWith('?');
      const key = optional ? spec.slice(0, -1) : spec;
      if (optional && (v[key] === undefined || v[key] === null)) continue;
      out[key] = read(v[key], `${p}.${key}`, d);
    }
    check?.(out, v, p);
    return out;
  };

const sizes = (o: JsonObject, _s: JsonObject, p: string): void => {
  if (!((o.width as number) > 0 && (o.height as number) > 0)) fail('invalid-value', p, 'media needs a positive width and height');
};

const codePointRange: Reader = (v, p) => range(v, p);

const ratio: Reader = (v, p) => positivePair(v, p);

const date: Reader = (v, p, d) => {
  const s = string(v, p, d) as string;
  return Number.isNaN(Date.parse(s)) ? fail('invalid-value', p, 'not a date') : s;
};

const ENTITY_FIELDS: Record<Entity['type'], Record<string, Reader>> = {
  hashtag: fields<EntityFields<HashtagEntity>>()({ tag: string }),
  cashtag: fields<EntityFields<CashtagEntity>>()({ symbol: string }),
  mention: fields<EntityFields<MentionEntity>>()({ handle: string, 'id?': string }),
  url: fields<EntityFields<UrlEntity>>()({ url: string, displayUrl: string, expandedUrl: string }),
  media: fields<EntityFields<MediaEntity>>()({ url: string, displayUrl: string, expandedUrl: string }),
};

/** Text with its entities; every range must fit the text (code points). */
const text: Reader = object(fields<PostText>()({ text: string, displayRange: codePointRange, entities: list((v) => v) }), (o, _s, p) => {
  const length = Array.from(o.text as string).length;
  if ((o.displayRange as [number, number])[1] > length) fail('invalid-value', `${p}.displayRange`, 'display range ends after the text');
  o.entities = (o.entities as unknown[]).map((raw, i) => {
    const at = `${p}.entities[${i}]`;
    const e = object({ start: number, end: number, type: oneOf(Object.keys(ENTITY_FIELDS)) })(raw, at, 0) as { start: number; end: number; type: string };
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > length) {
      fail('invalid-value', at, `entity range [${e.start}, ${e.end}] does not fit a text of ${length} code points`);
    }
    return { ...e, ...(object(ENTITY_FIELDS[e.type as Entity['type']] ?? {})(raw, at, 0) as JsonObject) };
  });
});

const photo = object(fields<Photo>()({ type: string, url, width: number, height: number, 'altText?': string }), sizes);

const video = object(
  fields<Video>()({
    type: string,
    posterUrl: url,
    width: number,
    height: number,
    aspectRatio: ratio,
    variants: list(object(fields<VideoVariant>()({ url, contentType: string, 'bitrate?': number }))),
    'durationMs?': number,
    'altText?': string,
    'viewCount?': number,
    'captions?': list(object(fields<VideoCaption>()({ url, lang: string, label: string }))),
  }),
  sizes,
);

const media: Reader = (v, p, d) => {
  const type = isObject(v) ? v.type : undefined;
  if (type === 'photo') return photo(v, p, d);
  if (type === 'video' || type === 'gif') return video(v, p, d);
  return isObject(v) ? fail('invalid-value', `${p}.type`, `unknown media type "${String(type)}"`) : wrongType(v, p, 'an object');
};

const card = object(
  fields<LinkCard>()({
  kind: string,
  url: string,
  'expandedUrl?': string,
  'title?': string,
  'description?': string,
  'domain?': string,
  'image?': object(fields<CardImage>()({ url, width: number, height: number, 'altText?': string })),
  }),
);

const poll = object(
  fields<Poll>()({
    options: list(object(fields<Poll['options'][number]>()({ label: string, votes: number }))),
    totalVotes: number,
    status: oneOf(['open', 'closed']),
    'endsAt?': string,
  }),
  (o, _s, p) => {
  const n = (o.options as unknown[]).length;
    if (n < 2 || n > 4) fail('invalid-value', `${p}.options`, 'a poll has 2 to 4 options');
  },
);

const author = object(
  fields<Author>()({
    id: string,
    name: string,
    handle: string,
    avatarUrl: url,
    avatarShape: oneOf(['circle', 'square']),
    verified: oneOf(['none', 'blue', 'business', 'government', 'legacy']),
    'affiliation?': object(fields<Affiliation>()({ label: string, 'badgeUrl?': url, 'url?': url })),
    'protected?': bool,
  }),
  (o) => {
    if (o.protected !== true) delete o.protected;
  },
);

/** A nested post (quoted, parent): one level deeper. */
const nested: Reader = (v, p, d) => readResult(v, p, d + 1);

const post = object(
  fields<Post>()({
    kind: string,
    version: number,
    id: string,
    url,
    author,
    createdAt: date,
    text,
    media: list(media),
    'counts?': object(fields<Counts>()({ 'replies?': count, 'reposts?': count, 'likes?': count, 'quotes?': count, 'views?': count })),
    'edited?': bool,
    'sensitive?': bool,
    'lang?': string,
    'longText?': text,
    'quoted?': nested,
    'parent?': nested,
    'replyTo?': object(fields<ReplyContext>()({ handle: string, 'postId?': string })),
    'card?': card,
    'poll?': poll,
  }),
  (o) => {
    o.counts ??= {};
    o.edited ??= false;
    o.sensitive ??= false;
  },
);

const tombstone = object(fields<Tombstone>()({ kind: string, version: number, id: string, reason: oneOf(TOMBSTONE_REASONS), 'message?': string }));

function readResult(value: unknown, path: string, depth: number): PostResult {
  if (depth > MAX_DEPTH) fail('invalid-value', path, 'posts nested too deeply');
  if (!isObject(value)) return fail(value === undefined ? 'missing-field' : 'not-an-object', path, `expected an object, got ${describe(value)}`);
  if (value.version !== POST_MODEL_VERSION) {
    fail('unsupported', `${path}.version`, `unsupported post model version ${JSON.stringify(value.version)} (expected ${POST_MODEL_VERSION})`);
  }
  if (typeof value.id !== 'string' || !isPostId(value.id)) fail(typeof value.id === 'string' ? 'invalid-value' : 'missing-field', `${path}.id`, 'not a post id');
  if (value.kind === 'tombstone') return tombstone(value, path, depth) as PostResult;
  if (value.kind !== 'post') fail('invalid-value', `${path}.kind`, 'expected "post" or "tombstone"');
  return post(value, path, depth) as PostResult;
}

/** Parse and validate a post or tombstone. */
export function parsePostResult(value: unknown, path = '$'): PostResult {
  return readResult(value, path, 0);
}
