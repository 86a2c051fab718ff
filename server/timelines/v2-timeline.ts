/**
 * Recorded X API v2 user timelines (`GET /2/users/:id/tweets`) → posts of the model, through
 * `normalizeXApiV2Timeline` (server/normalize/normalize-x-api-v2.ts). The recorded bodies have no
 * `includes` and did not ask for `entities`, so the author is supplied and, for posts
 * without entities, links, hashtags and mentions are recovered from the text.
 */
import { normalizeXApiV2Timeline, snowflakeTime } from '../normalize/normalize-x-api-v2.js';
import type { Author, Entity, Post } from '../../src/data/model.js';
import { arr, isObject, obj } from '../../src/data/read-json.js';
import { codePointLength } from '../../src/text/code-points.js';

export { snowflakeTime };

/** What a v2 timeline body gives: its posts, newest first, and the paging meta. */
export interface V2TimelinePosts {
  posts: Post[];
  nextToken: string | undefined;
  newestId: string | undefined;
  oldestId: string | undefined;
}

/**
 * Links, hashtags and mentions found in plain text, with code-point offsets (for bodies
 * recorded without `entities`).
 */
export function entitiesFromText(text: string): Entity[] {
  const found: Entity[] = [];
  const pattern = /https:\/\/t\.co\/[A-Za-z0-9]+|(?<![\w@#])#([\p{L}\p{N}_]+)|(?<![\w@])@([A-Za-z0-9_]{1,15})/gu;
  for (const m of text.matchAll(pattern)) {
    const start = codePointLength(text.slice(0, m.index));
    const end = start + codePointLength(m[0]);
    if (m[1] !== undefined) found.push({ type: 'hashtag', start, end, tag: m[1] });
    else if (m[2] !== undefined) found.push({ type: 'mention', start, end, handle: m[2] });
    else found.push({ type: 'url', start, end, url: m[0], displayUrl: m[0].replace(/^https:\/\//, ''), expandedUrl: m[0] });
  }
  return found;
}

/** Posts from a v2 timeline body, all by `author`. */
export function postsFromV2Timeline(body: unknown, author: Author): V2TimelinePosts {
  const page = normalizeXApiV2Timeline(body, { author });
  const raw = arr(obj(body, '$'), 'data', '$');
  const posts = page.posts.map((post, i) => {
    const recorded = raw[i];
    const hasEntities = isObject(recorded) && recorded.entities !== undefined;
    return hasEntities ? post : { ...post, text: { ...post.text, entities: entitiesFromText(post.text.text) } };
  });
  return { posts, nextToken: page.nextToken, newestId: page.newestId, oldestId: page.oldestId };
}
