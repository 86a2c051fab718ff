/**
 * Turns a recorded X API v2 user timeline (`GET /2/users/:id/tweets`) into posts of
 * the model. The recorded bodies have no `includes`, so the author is supplied.
 * Stand-in until `src/data/normalize-x-api-v2.ts` (normalizeXApiV2Timeline) lands;
 * `FixtureTimelines` only depends on the `V2TimelinePosts` shape returned here.
 */
import { POST_MODEL_VERSION, postUrl, type Author, type Entity, type Post } from '../../src/data/model.js';
import { PayloadError } from '../../src/data/errors.js';
import { arr, isObject, obj, optNum, optStr, str } from '../../src/data/read-json.js';
import { codePointLength } from '../../src/text/code-points.js';

/** What a v2 timeline body gives: its posts, newest first, and the paging meta. */
export interface V2TimelinePosts {
  posts: Post[];
  nextToken: string | undefined;
  newestId: string | undefined;
  oldestId: string | undefined;
}

/** X's epoch for snowflake ids (ms). */
const SNOWFLAKE_EPOCH = 1288834974657n;

/** Creation time encoded in a snowflake post id (for bodies recorded without `created_at`). */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + SNOWFLAKE_EPOCH)).toISOString();
}

/**
 * Links, hashtags and mentions found in plain text, with code-point offsets. The
 * recorded bodies did not ask for `entities`, so these are recovered from the text.
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
  const o = obj(body, '$');
  const meta = isObject(o.meta) ? o.meta : {};
  const posts = arr(o, 'data', '$').map((value, i): Post => {
    const path = `$.data.${i}`;
    const t = obj(value, path);
    const id = str(t, 'id', path);
    if (!/^[0-9]{1,40}$/.test(id)) throw new PayloadError('invalid-value', `${path}.id`, 'not a post id');
    const text = str(t, 'text', path);
    const metrics = isObject(t.public_metrics) ? t.public_metrics : {};
    const counts: Post['counts'] = {};
    const replies = optNum(metrics, 'reply_count', path);
    const reposts = optNum(metrics, 'retweet_count', path);
    const likes = optNum(metrics, 'like_count', path);
    const quotes = optNum(metrics, 'quote_count', path);
    if (replies !== undefined) counts.replies = replies;
    if (reposts !== undefined) counts.reposts = reposts;
    if (likes !== undefined) counts.likes = likes;
    if (quotes !== undefined) counts.quotes = quotes;
    const post: Post = {
      kind: 'post',
      version: POST_MODEL_VERSION,
      id,
      url: postUrl(author.handle, id),
      author,
      createdAt: optStr(t, 'created_at', path) ?? snowflakeTime(id),
      text: { text, displayRange: [0, codePointLength(text)], entities: entitiesFromText(text) },
      media: [],
      counts,
      edited: arr(t, 'edit_history_tweet_ids', path).length > 1,
      sensitive: t.possibly_sensitive === true,
    };
    const lang = optStr(t, 'lang', path);
    if (lang !== undefined) post.lang = lang;
    return post;
  });
  return { posts, nextToken: optStr(meta, 'next_token', '$.meta'), newestId: optStr(meta, 'newest_id', '$.meta'), oldestId: optStr(meta, 'oldest_id', '$.meta') };
}
