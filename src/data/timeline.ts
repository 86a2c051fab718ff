/**
 * The timeline page: one page of a profile or list timeline as the embed server sends
 * it, its validator, and the checks for timeline sources. No DOM, no Lit.
 */
import { PayloadError } from './errors.js';
import { isPostId, type AvatarShape, type PostResult, type VerifiedType } from './model.js';
import { arr, obj, optStr, str, type JsonObject } from './read-json.js';
import { parsePostResult } from './validate-model.js';

/** Version of the timeline page shape. */
export const TIMELINE_MODEL_VERSION = 1;

/** Fewest and most posts one page may hold, and the default. */
export const MIN_TIMELINE_LIMIT = 1;
export const MAX_TIMELINE_LIMIT = 20;
export const DEFAULT_TIMELINE_LIMIT = 10;

/** A profile's posts. */
export interface ProfileSource {
  type: 'profile';
  /** Numeric user id. */
  userId: string;
  /** Screen name without `@`, as X spells it. */
  handle: string;
}

/** A list's posts. */
export interface ListSource {
  type: 'list';
  /** Numeric list id. */
  listId: string;
  /** The list's owner (screen name without `@`). */
  ownerHandle: string;
  /** The list's slug in its URL (`x.com/<owner>/lists/<slug>`). */
  slug: string;
}

/** Where a timeline's posts come from. */
export type TimelineSource = ProfileSource | ListSource;

/** The account a timeline belongs to (the profile itself, or the list's owner). */
export interface TimelineOwner {
  id: string;
  name: string;
  handle: string;
  avatarUrl: string;
  avatarShape: AvatarShape;
  verified: VerifiedType;
}

/** One page of a timeline. */
export interface TimelinePage {
  kind: 'timeline';
  version: typeof TIMELINE_MODEL_VERSION;
  source: TimelineSource;
  /** Profile name or list name, as shown in the header. */
  title: string;
  /** A list's description, when it has one. */
  description?: string;
  /** Link to the profile or list on X. */
  url: string;
  owner: TimelineOwner;
  /** Newest first. */
  posts: PostResult[];
  /** Opaque; pass as `cursor` for the next (older) page. Null at the end. */
  nextCursor: string | null;
  /** Id of the newest post of the whole timeline (not only this page), null when it is empty. */
  newestId: string | null;
  /** Whether any of the data is hand-built (fixture upstream only). */
  synthetic?: boolean;
}

/** What a request asks for: a source named by screen name, user id, list id, or owner + slug. */
export type TimelineQuery =
  | { type: 'profile'; screenName: string }
  | { type: 'profile'; userId: string }
  | { type: 'list'; listId: string }
  | { type: 'list'; ownerScreenName: string; slug: string };

const SCREEN_NAME = /^[A-Za-z0-9_]{1,15}$/;
const LIST_SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,24}$/;
const NUMERIC_ID = /^[0-9]{1,20}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,64}$/;

/** X screen names: 1–15 letters, digits or underscores. */
export function isScreenName(value: string): boolean {
  return SCREEN_NAME.test(value);
}

/** List slugs: letters, digits, `-` and `_`, at most 25. */
export function isListSlug(value: string): boolean {
  return LIST_SLUG.test(value);
}

/** User and list ids: decimal digits, at most 20. */
export function isNumericId(value: string): boolean {
  return NUMERIC_ID.test(value);
}

/** Cursors are opaque but short and URL-safe. */
export function isCursorShape(value: string): boolean {
  return CURSOR.test(value);
}

/** The embed server path for a query (without `?`). Values must already be valid. */
export function timelinePath(query: TimelineQuery): string {
  if (query.type === 'profile') {
    return 'userId' in query ? `/v1/timelines/profile/id/${query.userId}` : `/v1/timelines/profile/${encodeURIComponent(query.screenName)}`;
  }
  return 'listId' in query ? `/v1/timelines/list/${query.listId}` : `/v1/timelines/list/${encodeURIComponent(query.ownerScreenName)}/${encodeURIComponent(query.slug)}`;
}

/** Why a query is not valid, or undefined when it is. */
export function timelineQueryProblem(query: TimelineQuery): string | undefined {
  if (query.type === 'profile') {
    if ('userId' in query) return isNumericId(query.userId) ? undefined : `"${query.userId}" is not a user id (digits only, at most 20).`;
    return isScreenName(query.screenName) ? undefined : `"${query.screenName}" is not a screen name (1–15 letters, digits or _).`;
  }
  if ('listId' in query) return isNumericId(query.listId) ? undefined : `"${query.listId}" is not a list id (digits only, at most 20).`;
  if (!isScreenName(query.ownerScreenName)) return `"${query.ownerScreenName}" is not a screen name (1–15 letters, digits or _).`;
  return isListSlug(query.slug) ? undefined : `"${query.slug}" is not a list slug.`;
}

const AVATAR_SHAPES: readonly AvatarShape[] = ['circle', 'square'];
const VERIFIED: readonly VerifiedType[] = ['none', 'blue', 'business', 'government', 'legacy'];

function readOwner(value: unknown, path: string): TimelineOwner {
  const o = obj(value, path);
  const id = str(o, 'id', path);
  if (!isNumericId(id)) throw new PayloadError('invalid-value', `${path}.id`, 'not a user id');
  const handle = str(o, 'handle', path);
  if (!isScreenName(handle)) throw new PayloadError('invalid-value', `${path}.handle`, 'not a screen name');
  const avatarShape = str(o, 'avatarShape', path);
  if (!(AVATAR_SHAPES as readonly string[]).includes(avatarShape)) throw new PayloadError('invalid-value', `${path}.avatarShape`, 'expected circle or square');
  const verified = str(o, 'verified', path);
  if (!(VERIFIED as readonly string[]).includes(verified)) throw new PayloadError('invalid-value', `${path}.verified`, 'unknown verified type');
  return { id, name: str(o, 'name', path), handle, avatarUrl: httpsUrl(o, 'avatarUrl', path), avatarShape: avatarShape as AvatarShape, verified: verified as VerifiedType };
}

function httpsUrl(o: JsonObject, key: string, path: string): string {
  const v = str(o, key, path);
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new PayloadError('invalid-value', `${path}.${key}`, 'not a URL');
  }
  if (url.protocol !== 'https:') throw new PayloadError('invalid-value', `${path}.${key}`, 'expected an https URL');
  return v;
}

function readSource(value: unknown, path: string): TimelineSource {
  const o = obj(value, path);
  const type = str(o, 'type', path);
  if (type === 'profile') {
    const userId = str(o, 'userId', path);
    const handle = str(o, 'handle', path);
    if (!isNumericId(userId)) throw new PayloadError('invalid-value', `${path}.userId`, 'not a user id');
    if (!isScreenName(handle)) throw new PayloadError('invalid-value', `${path}.handle`, 'not a screen name');
    return { type, userId, handle };
  }
  if (type === 'list') {
    const listId = str(o, 'listId', path);
    const ownerHandle = str(o, 'ownerHandle', path);
    const slug = str(o, 'slug', path);
    if (!isNumericId(listId)) throw new PayloadError('invalid-value', `${path}.listId`, 'not a list id');
    if (!isScreenName(ownerHandle)) throw new PayloadError('invalid-value', `${path}.ownerHandle`, 'not a screen name');
    if (!isListSlug(slug)) throw new PayloadError('invalid-value', `${path}.slug`, 'not a list slug');
    return { type, listId, ownerHandle, slug };
  }
  throw new PayloadError('invalid-value', `${path}.type`, 'expected profile or list');
}

function nullableId(o: JsonObject, key: string, path: string): string | null {
  if (o[key] === null) return null;
  const v = str(o, key, path);
  if (!isPostId(v)) throw new PayloadError('invalid-value', `${path}.${key}`, 'not a post id');
  return v;
}

/** Parse and validate a timeline page, or throw a PayloadError naming the first problem. */
export function parseTimelinePage(value: unknown, path = '$'): TimelinePage {
  const o = obj(value, path);
  if (o.kind !== 'timeline') throw new PayloadError('invalid-value', `${path}.kind`, 'expected "timeline"');
  if (o.version !== TIMELINE_MODEL_VERSION) throw new PayloadError('unsupported', `${path}.version`, `unsupported timeline version ${JSON.stringify(o.version)}`);
  const nextCursor = o.nextCursor === null ? null : str(o, 'nextCursor', path);
  if (nextCursor !== null && !isCursorShape(nextCursor)) throw new PayloadError('invalid-value', `${path}.nextCursor`, 'not a cursor');
  const description = optStr(o, 'description', path);
  const page: TimelinePage = {
    kind: 'timeline',
    version: TIMELINE_MODEL_VERSION,
    source: readSource(o.source, `${path}.source`),
    title: str(o, 'title', path),
    url: httpsUrl(o, 'url', path),
    owner: readOwner(o.owner, `${path}.owner`),
    posts: arr(o, 'posts', path).map((p, i) => parsePostResult(p, `${path}.posts.${i}`)),
    nextCursor,
    newestId: nullableId(o, 'newestId', path),
  };
  if (description !== undefined) page.description = description;
  if (o.synthetic === true) page.synthetic = true;
  return page;
}

/** The X link for a source. */
export function timelineUrl(source: TimelineSource): string {
  return source.type === 'profile'
    ? `https://x.com/${encodeURIComponent(source.handle)}`
    : `https://x.com/i/lists/${source.listId}`;
}
