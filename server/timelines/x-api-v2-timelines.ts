/**
 * Profile and list timelines from X API v2: `GET /2/users/by/username/:name`,
 * `GET /2/users/:id`, `GET /2/users/:id/tweets`, `GET /2/lists/:id`,
 * `GET /2/lists/:id/tweets` and (for owner + slug) `GET /2/users/:id/owned_lists`,
 * with X's pagination tokens carried inside Perch's opaque cursor.
 */
import { normalizeXApiV2Timeline } from '../normalize/normalize-x-api-v2.js';
import { PayloadError } from '../../src/data/errors.js';
import type { Author, Post } from '../../src/data/model.js';
import { arr, isObject, optStr, str, type JsonObject } from '../../src/data/read-json.js';
import { TIMELINE_MODEL_VERSION, timelineUrl, type TimelineOwner, type TimelinePage, type TimelineQuery, type TimelineSource } from '../../src/data/timeline.js';
import { UpstreamFailure } from '../upstream/upstream.js';
import { V2_USER_FIELDS, postFieldParams, type XApiV2Client } from '../upstream/x-api-v2-upstream.js';
import { CursorError } from './cursor.js';
import type { TimelinePageOptions, TimelineUpstream } from './fixture-timelines.js';

/** A position in an X timeline: X's pagination token (empty for the newest page) and posts of that page already served. */
interface V2Cursor {
  skip: number;
  token: string;
}

const CURSOR = /^v([0-9]{1,3})_([A-Za-z0-9]{0,58})$/;

/** Most X pages read to fill one Perch page. */
const MAX_ROUNDS = 3;

/** Perch's cursor for a position in an X API v2 timeline. */
export function encodeV2Cursor(cursor: V2Cursor): string {
  return `v${cursor.skip}_${cursor.token}`;
}

/** The position inside a cursor, or a CursorError. */
export function decodeV2Cursor(raw: string): V2Cursor {
  const m = CURSOR.exec(raw);
  if (m === null) throw new CursorError('The cursor is malformed (use nextCursor from a previous page).');
  return { skip: Number(m[1]), token: m[2] ?? '' };
}

function ownerOf(u: JsonObject, path: string): TimelineOwner {
  const verifiedType = optStr(u, 'verified_type', path);
  const verified = verifiedType === 'business' || verifiedType === 'government' || verifiedType === 'blue' ? verifiedType : u.verified === true ? 'legacy' : 'none';
  return {
    id: str(u, 'id', path),
    name: str(u, 'name', path),
    handle: str(u, 'username', path),
    avatarUrl: optStr(u, 'profile_image_url', path) ?? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
    avatarShape: verified === 'business' ? 'square' : 'circle',
    verified,
  };
}

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface Resolved {
  source: TimelineSource;
  title: string;
  description?: string;
  owner: TimelineOwner;
  /** API path of the posts. */
  postsPath: string;
  /** X's smallest `max_results` for that endpoint. */
  minResults: number;
}

/** Timelines served from X API v2. */
export class XApiV2Timelines implements TimelineUpstream {
  readonly name = 'x-api-v2';
  /** Newest post id per timeline, remembered from first pages (X only reports a page's own newest). */
  private readonly newest = new Map<string, string | null>();

  constructor(private readonly client: XApiV2Client) {}

  private async user(path: string): Promise<JsonObject | undefined> {
    const body = await this.client.get(path, { 'user.fields': V2_USER_FIELDS });
    if (!isObject(body) || !isObject(body.data)) return undefined;
    return body.data;
  }

  private async resolve(query: TimelineQuery): Promise<Resolved | undefined> {
    if (query.type === 'profile') {
      const u = 'userId' in query ? await this.user(`/2/users/${query.userId}`) : await this.user(`/2/users/by/username/${encodeURIComponent(query.screenName)}`);
      if (u === undefined) return undefined;
      const owner = ownerOf(u, '$.data');
      return { source: { type: 'profile', userId: owner.id, handle: owner.handle }, title: owner.name, owner, postsPath: `/2/users/${owner.id}/tweets`, minResults: 5 };
    }
    let list: JsonObject | undefined;
    let owner: TimelineOwner | undefined;
    if ('listId' in query) {
      const body = await this.client.get(`/2/lists/${query.listId}`, { 'list.fields': 'name,description,owner_id', expansions: 'owner_id', 'user.fields': V2_USER_FIELDS });
      if (!isObject(body) || !isObject(body.data)) return undefined;
      list = body.data;
      const ownerId = optStr(list, 'owner_id', '$.data');
      const users = isObject(body.includes) ? arr(body.includes, 'users', '$.includes') : [];
      const u = users.find((x) => isObject(x) && x.id === ownerId);
      if (!isObject(u)) throw new PayloadError('missing-field', '$.includes.users', 'the list owner was not expanded');
      owner = ownerOf(u, '$.includes.users');
    } else {
      const u = await this.user(`/2/users/by/username/${encodeURIComponent(query.ownerScreenName)}`);
      if (u === undefined) return undefined;
      owner = ownerOf(u, '$.data');
      const body = await this.client.get(`/2/users/${owner.id}/owned_lists`, { 'list.fields': 'name,description', max_results: '100' });
      const lists = isObject(body) ? arr(body, 'data', '$') : [];
      const slug = query.slug.toLowerCase();
      const found = lists.find((l) => isObject(l) && typeof l.name === 'string' && slugOf(l.name) === slug);
      if (!isObject(found)) return undefined;
      list = found;
    }
    const name = str(list, 'name', '$.data');
    const description = optStr(list, 'description', '$.data');
    const listId = str(list, 'id', '$.data');
    return {
      source: { type: 'list', listId, ownerHandle: owner.handle, slug: slugOf(name) },
      title: name,
      ...(description !== undefined && description !== '' ? { description } : {}),
      owner,
      postsPath: `/2/lists/${listId}/tweets`,
      minResults: 1,
    };
  }

  async page(query: TimelineQuery, options: TimelinePageOptions): Promise<TimelinePage | undefined> {
    const position = options.cursor === undefined ? { skip: 0, token: '' } : decodeV2Cursor(options.cursor);
    let resolved: Resolved | undefined;
    try {
      resolved = await this.resolve(query);
    } catch (error) {
      if (error instanceof PayloadError) throw new UpstreamFailure('malformed', `X API timeline body did not fit: ${error.message}`);
      throw error;
    }
    if (resolved === undefined) return undefined;
    const visible = (p: Post): boolean => options.replies || p.replyTo === undefined;
    const shown: Post[] = [];
    let token = position.token;
    let skip = position.skip;
    let next: V2Cursor | null = null;
    // Lists cannot exclude replies at X, so a page may need a second or third X page to fill.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const wanted = Math.min(100, Math.max(resolved.minResults, skip + options.limit - shown.length));
      const params: Record<string, string> = { max_results: String(wanted), ...postFieldParams() };
      if (token !== '') params.pagination_token = token;
      if (!options.replies && resolved.source.type === 'profile') params.exclude = 'replies';
      const body = await this.client.get(resolved.postsPath, params);
      if (body === undefined) return undefined;
      let posts: Post[];
      let nextToken: string | undefined;
      try {
        const author: Author = { ...resolved.owner };
        const page = normalizeXApiV2Timeline(body, { ...(resolved.source.type === 'profile' ? { author } : {}), now: options.now });
        posts = page.posts;
        nextToken = page.nextToken !== undefined && /^[A-Za-z0-9]{1,58}$/.test(page.nextToken) ? page.nextToken : undefined;
      } catch (error) {
        throw new UpstreamFailure('malformed', `X API timeline body did not fit: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (skip > posts.length) throw new CursorError('The cursor does not belong to this timeline.');
      let i = skip;
      for (; i < posts.length && shown.length < options.limit; i++) {
        const post = posts[i];
        if (post !== undefined && visible(post)) shown.push(post);
      }
      if (i < posts.length) {
        next = { skip: i, token };
        break;
      }
      next = nextToken === undefined ? null : { skip: 0, token: nextToken };
      if (next === null || shown.length >= options.limit) break;
      token = next.token;
      skip = 0;
    }
    const nextCursor = next === null ? null : encodeV2Cursor(next);
    const key = `${resolved.source.type}:${resolved.source.type === 'profile' ? resolved.source.userId : resolved.source.listId}:${String(options.replies)}`;
    if (options.cursor === undefined) {
      if (this.newest.size >= 10_000) this.newest.clear(); // bounded: it is only a hint
      this.newest.set(key, shown[0]?.id ?? null);
    }
    const newestId = this.newest.get(key) ?? shown[0]?.id ?? null;
    const result: TimelinePage = {
      kind: 'timeline',
      version: TIMELINE_MODEL_VERSION,
      source: resolved.source,
      title: resolved.title,
      url: timelineUrl(resolved.source),
      owner: resolved.owner,
      posts: shown,
      nextCursor,
      newestId,
    };
    if (resolved.description !== undefined) result.description = resolved.description;
    return result;
  }
}
