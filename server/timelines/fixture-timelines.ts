/**
 * The built-in timelines: the recorded X API v2 user timelines of `Twitter` (783214)
 * and `TwitterDev` (2244994945), extended with the hand-built posts and list in
 * `fixtures/timelines/synthetic-*.json` so that paging has several pages.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { POST_MODEL_VERSION, postUrl, type Author, type AvatarShape, type Post, type VerifiedType } from '../../src/data/model.js';
import { arr, isObject, obj, optStr, str, type JsonObject } from '../../src/data/read-json.js';
import { TIMELINE_MODEL_VERSION, timelineUrl, type TimelineOwner, type TimelinePage, type TimelineQuery, type TimelineSource } from '../../src/data/timeline.js';
import { codePointLength } from '../../src/text/code-points.js';
import { decodeCursor, encodeCursor, CursorError } from './cursor.js';
import { entitiesFromText, postsFromV2Timeline } from './v2-timeline.js';

/** How one page is asked for. */
export interface TimelinePageOptions {
  /** From a previous page's `nextCursor`; undefined for the newest page. */
  cursor: string | undefined;
  /** 1–20. */
  limit: number;
  /** Include replies (X's `show-replies`). */
  replies: boolean;
  /** Current time (ms): posts created later are not out yet. */
  now: number;
}

/** A source of timeline pages. A future X API upstream implements the same. */
export interface TimelineUpstream {
  readonly name: string;
  /** The page, or undefined when the source is unknown. Throws CursorError for a cursor that does not fit. */
  page(query: TimelineQuery, options: TimelinePageOptions): Promise<TimelinePage | undefined>;
}

interface StoredTimeline {
  source: TimelineSource;
  title: string;
  description?: string;
  owner: TimelineOwner;
  /** Newest first. */
  posts: Post[];
  synthetic: boolean;
}

function owner(o: JsonObject, path: string): TimelineOwner {
  return {
    id: str(o, 'id', path),
    name: str(o, 'name', path),
    handle: str(o, 'handle', path),
    avatarUrl: str(o, 'avatarUrl', path),
    avatarShape: str(o, 'avatarShape', path) as AvatarShape,
    verified: str(o, 'verified', path) as VerifiedType,
  };
}

function syntheticPost(value: unknown, author: Author, path: string): Post {
  const p = obj(value, path);
  const id = str(p, 'id', path);
  if (!id.startsWith('9')) throw new Error(`${path}.id: synthetic post ids start with 9`);
  const text = str(p, 'text', path);
  const counts = isObject(p.counts) ? (p.counts as Post['counts']) : {};
  const post: Post = {
    kind: 'post',
    version: POST_MODEL_VERSION,
    id,
    url: postUrl(author.handle, id),
    author,
    createdAt: str(p, 'createdAt', path),
    lang: 'en',
    text: { text, displayRange: [0, codePointLength(text)], entities: entitiesFromText(text) },
    media: [],
    counts,
    edited: false,
    sensitive: false,
  };
  if (isObject(p.replyTo)) post.replyTo = { handle: str(p.replyTo, 'handle', `${path}.replyTo`) };
  return post;
}

function newestFirst(a: Post, b: Post): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt);
}

/** Serves the fixture timelines under `<fixturesDir>/x-api-v2` and `<fixturesDir>/timelines`. */
export class FixtureTimelines implements TimelineUpstream {
  readonly name = 'fixtures';
  private readonly profiles = new Map<string, StoredTimeline>();
  private readonly lists = new Map<string, StoredTimeline>();

  constructor(fixturesDir: string) {
    const dir = join(fixturesDir, 'timelines');
    for (const file of readdirSync(dir).filter((f) => f.startsWith('synthetic-') && f.endsWith('.json')).sort()) {
      this.load(fixturesDir, JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown, file);
    }
  }

  private load(fixturesDir: string, body: unknown, file: string): void {
    const root = obj(body, file);
    for (const [i, value] of arr(root, 'profiles', file).entries()) {
      const path = `${file}.profiles.${i}`;
      const p = obj(value, path);
      const who = owner(p, path);
      const author: Author = { id: who.id, name: who.name, handle: who.handle, avatarUrl: who.avatarUrl, avatarShape: who.avatarShape, verified: who.verified };
      const recordedFile = optStr(p, 'recorded', path);
      const recorded = recordedFile === undefined ? [] : postsFromV2Timeline(JSON.parse(readFileSync(join(fixturesDir, recordedFile), 'utf8')), author).posts;
      const extra = arr(p, 'extra', path).map((e, j) => syntheticPost(e, author, `${path}.extra.${j}`));
      this.profiles.set(who.id, {
        source: { type: 'profile', userId: who.id, handle: who.handle },
        title: who.name,
        owner: who,
        posts: [...recorded, ...extra].sort(newestFirst),
        synthetic: extra.length > 0,
      });
    }
    for (const [i, value] of arr(root, 'lists', file).entries()) {
      const path = `${file}.lists.${i}`;
      const l = obj(value, path);
      const ownerTimeline = this.profiles.get(str(l, 'ownerId', path));
      if (ownerTimeline === undefined) throw new Error(`${path}.ownerId: unknown profile`);
      const members = arr(l, 'members', path).map((m) => this.profiles.get(String(m))?.posts ?? []);
      const description = optStr(l, 'description', path);
      const listId = str(l, 'id', path);
      this.lists.set(listId, {
        source: { type: 'list', listId, ownerHandle: ownerTimeline.owner.handle, slug: str(l, 'slug', path) },
        title: str(l, 'name', path),
        ...(description !== undefined ? { description } : {}),
        owner: ownerTimeline.owner,
        posts: members.flat().sort(newestFirst),
        synthetic: true,
      });
    }
  }

  private find(query: TimelineQuery): StoredTimeline | undefined {
    if (query.type === 'profile') {
      if ('userId' in query) return this.profiles.get(query.userId);
      const name = query.screenName.toLowerCase();
      return [...this.profiles.values()].find((t) => t.owner.handle.toLowerCase() === name);
    }
    if ('listId' in query) return this.lists.get(query.listId);
    const ownerName = query.ownerScreenName.toLowerCase();
    const slug = query.slug.toLowerCase();
    return [...this.lists.values()].find((t) => t.source.type === 'list' && t.owner.handle.toLowerCase() === ownerName && t.source.slug.toLowerCase() === slug);
  }

  page(query: TimelineQuery, options: TimelinePageOptions): Promise<TimelinePage | undefined> {
    const timeline = this.find(query);
    if (timeline === undefined) return Promise.resolve(undefined);
    const shown = (p: Post): boolean => Date.parse(p.createdAt) <= options.now && (options.replies || p.replyTo === undefined);
    let rest = timeline.posts;
    if (options.cursor !== undefined) {
      const after = decodeCursor(options.cursor);
      const index = rest.findIndex((p) => p.id === after);
      if (index < 0) throw new CursorError('The cursor does not belong to this timeline.');
      rest = rest.slice(index + 1);
    }
    const visible = rest.filter(shown);
    const posts = visible.slice(0, options.limit);
    const last = posts[posts.length - 1];
    const page: TimelinePage = {
      kind: 'timeline',
      version: TIMELINE_MODEL_VERSION,
      source: timeline.source,
      title: timeline.title,
      url: timelineUrl(timeline.source),
      owner: timeline.owner,
      posts,
      nextCursor: visible.length > posts.length && last !== undefined ? encodeCursor(last.id) : null,
      newestId: timeline.posts.find(shown)?.id ?? null,
    };
    if (timeline.description !== undefined) page.description = timeline.description;
    if (timeline.synthetic) page.synthetic = true;
    return Promise.resolve(page);
  }
}
