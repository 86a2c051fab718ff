/**
 * A local stand-in for X API v2 (tests never reach X): serves the recorded lookup bodies in
 * fixtures/x-api-v2 by id, checks `Authorization: Bearer <token>` (401 otherwise), and can be
 * told to rate-limit (429 + `x-rate-limit-reset`), fail (5xx), slow down, or send a
 * malformed body. Every request is recorded so tests can count calls.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, readdirSync } from 'node:fs';

/** How the fake answers. */
export type FakeXApiMode =
  | { kind: 'normal' }
  | { kind: 'rate-limit'; resetInSeconds: number }
  | { kind: 'server-error'; status?: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'malformed' };

/** One request the fake received. */
export interface FakeXApiCall {
  path: string;
  params: URLSearchParams;
  /** For `/2/tweets`: the ids asked for. */
  ids: string[];
  /** The raw Authorization header (tests only check it was sent; it is the fake's own token). */
  authorized: boolean;
}

/** A timeline the fake serves in pages. */
export interface FakeTimeline {
  /** The user (for profile timelines) or the list owner. */
  user: Record<string, unknown>;
  /** Present for list timelines. */
  list?: { id: string; name: string; description?: string };
  /** v2 post objects, newest first. */
  tweets: Array<Record<string, unknown>>;
}

/** A running fake X API. */
export interface FakeXApi {
  url: string;
  token: string;
  calls: FakeXApiCall[];
  /** Calls to the post lookup endpoint only. */
  lookups(): FakeXApiCall[];
  setMode(mode: FakeXApiMode): void;
  /** Answer `id` with X's partial error of this kind from now on. */
  fail(id: string, kind: 'not-found' | 'not-authorized' | 'suspended'): void;
  /** Serve (or replace) a post: a v2 tweet object plus what its `includes` need. */
  addPost(tweet: Record<string, unknown>, includes?: Record<string, Array<Record<string, unknown>>>): void;
  addTimeline(timeline: FakeTimeline): void;
  close(): Promise<void>;
}

type Obj = Record<string, unknown>;
type Includes = Record<string, Obj[]>;

const ERROR_BODIES = {
  'not-found': (id: string): Obj => ({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }),
  'not-authorized': (id: string): Obj => ({ value: id, detail: `Sorry, you are not authorized to see the Tweet with ids: [${id}].`, title: 'Authorization Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/not-authorized-for-resource' }),
  suspended: (id: string): Obj => ({ value: id, detail: `User has been suspended: [${id}].`, title: 'Forbidden', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }),
};

const INCLUDE_KEYS = { users: 'id', media: 'media_key', tweets: 'id', polls: 'id', places: 'id' } as const;

/** Start the fake on a loopback port. */
export async function startFakeXApi(options: { token?: string; dir?: string } = {}): Promise<FakeXApi> {
  const token = options.token ?? 'fake-bearer-token-5f3a9c';
  const dir = options.dir ?? 'fixtures/x-api-v2';
  const posts = new Map<string, { tweet: Obj; includes: Includes }>();
  const addPost = (tweet: Obj, includes: Includes = {}): void => {
    posts.set(String(tweet.id), { tweet, includes });
  };
  for (const file of readdirSync(dir).filter((f) => f.startsWith('tweet') && f.endsWith('.json'))) {
    const body = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Obj;
    const data = body.data;
    const list = Array.isArray(data) ? (data as Obj[]) : data !== undefined ? [data as Obj] : [];
    for (const tweet of list) addPost(tweet, (body.includes ?? {}) as Includes);
  }
  for (const twin of V2_TWINS) for (const tweet of twin.v2.data) addPost(tweet, twin.v2.includes);
  const failures = new Map<string, keyof typeof ERROR_BODIES>();
  const timelines: FakeTimeline[] = [];
  const calls: FakeXApiCall[] = [];
  let mode: FakeXApiMode = { kind: 'normal' };

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
  };

  const lookup = (ids: string[]): Obj => {
    const data: Obj[] = [];
    const errors: Obj[] = [];
    const includes: Record<string, Map<string, Obj>> = {};
    for (const id of ids) {
      const failure = failures.get(id);
      const found = posts.get(id);
      if (failure !== undefined || found === undefined) {
        errors.push(ERROR_BODIES[failure ?? 'not-found'](id));
        continue;
      }
      data.push(found.tweet);
      for (const [key, items] of Object.entries(found.includes)) {
        const idKey = INCLUDE_KEYS[key as keyof typeof INCLUDE_KEYS] ?? 'id';
        const map = (includes[key] ??= new Map());
        for (const item of items) map.set(String(item[idKey]), item);
      }
    }
    const body: Obj = {};
    if (data.length > 0) body.data = data;
    if (Object.keys(includes).length > 0) body.includes = Object.fromEntries(Object.entries(includes).map(([k, m]) => [k, [...m.values()]]));
    if (errors.length > 0) body.errors = errors;
    return body;
  };

  const page = (tweets: Obj[], params: URLSearchParams, user: Obj): Obj => {
    const max = Number(params.get('max_results') ?? '10');
    const token = params.get('pagination_token');
    const start = token === null ? 0 : Number(/^tok([0-9]+)x$/.exec(token)?.[1] ?? 'NaN');
    if (!Number.isInteger(start)) return { errors: [{ message: 'bad pagination_token' }] };
    const replies = params.get('exclude')?.includes('replies') === true ? tweets.filter((t) => t.in_reply_to_user_id === undefined) : tweets;
    const slice = replies.slice(start, start + max);
    const meta: Obj = { result_count: slice.length };
    if (slice.length > 0) {
      meta.newest_id = slice[0]?.id;
      meta.oldest_id = slice[slice.length - 1]?.id;
    }
    if (start + max < replies.length) meta.next_token = `tok${start + max}x`;
    return { data: slice, includes: { users: [user] }, meta };
  };

  const route = (url: URL): { status: number; body: unknown } => {
    const path = url.pathname;
    if (path === '/2/tweets') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter((s) => s !== '');
      if (ids.length < 1 || ids.length > 100) return { status: 400, body: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', errors: [{ parameters: { ids: [ids.join(',')] }, message: `The \`ids\` query parameter value [${ids.length}] is not between 1 and 100` }] } };
      return { status: 200, body: lookup(ids) };
    }
    let m = /^\/2\/users\/by\/username\/([A-Za-z0-9_]+)$/.exec(path);
    if (m !== null) {
      const name = (m[1] ?? '').toLowerCase();
      const t = timelines.find((x) => String(x.user.username).toLowerCase() === name);
      return t === undefined ? { status: 200, body: { errors: [{ title: 'Not Found Error', detail: `Could not find user with username: [${name}].` }] } } : { status: 200, body: { data: t.user } };
    }
    m = /^\/2\/users\/([0-9]+)$/.exec(path);
    if (m !== null) {
      const t = timelines.find((x) => x.user.id === m?.[1]);
      return t === undefined ? { status: 200, body: { errors: [{ title: 'Not Found Error' }] } } : { status: 200, body: { data: t.user } };
    }
    m = /^\/2\/users\/([0-9]+)\/tweets$/.exec(path);
    if (m !== null) {
      const t = timelines.find((x) => x.user.id === m?.[1] && x.list === undefined);
      return t === undefined ? { status: 404, body: { title: 'Not Found' } } : { status: 200, body: page(t.tweets, url.searchParams, t.user) };
    }
    m = /^\/2\/users\/([0-9]+)\/owned_lists$/.exec(path);
    if (m !== null) {
      const lists = timelines.filter((x) => x.user.id === m?.[1] && x.list !== undefined).map((x) => x.list);
      return { status: 200, body: { data: lists, meta: { result_count: lists.length } } };
    }
    m = /^\/2\/lists\/([0-9]+)$/.exec(path);
    if (m !== null) {
      const t = timelines.find((x) => x.list?.id === m?.[1]);
      return t?.list === undefined ? { status: 200, body: { errors: [{ title: 'Not Found Error' }] } } : { status: 200, body: { data: { ...t.list, owner_id: t.user.id }, includes: { users: [t.user] } } };
    }
    m = /^\/2\/lists\/([0-9]+)\/tweets$/.exec(path);
    if (m !== null) {
      const t = timelines.find((x) => x.list?.id === m?.[1]);
      return t === undefined ? { status: 404, body: { title: 'Not Found' } } : { status: 200, body: page(t.tweets, url.searchParams, t.user) };
    }
    return { status: 404, body: { title: 'Not Found Error', detail: `no route ${path}` } };
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const authorized = req.headers.authorization === `Bearer ${token}`;
    calls.push({ path: url.pathname, params: url.searchParams, ids: url.pathname === '/2/tweets' ? (url.searchParams.get('ids') ?? '').split(',') : [], authorized });
    const send = (): void => {
      if (!authorized) {
        json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
        return;
      }
      if (mode.kind === 'rate-limit') {
        json(res, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { 'x-rate-limit-limit': '300', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + mode.resetInSeconds) });
        return;
      }
      if (mode.kind === 'server-error') {
        json(res, mode.status ?? 503, { title: 'Service Unavailable', status: mode.status ?? 503 });
        return;
      }
      if (mode.kind === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"1","text":');
        return;
      }
      const { status, body } = route(url);
      json(res, status, body);
    };
    if (mode.kind === 'slow') setTimeout(send, mode.delayMs);
    else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    lookups: () => calls.filter((c) => c.path === '/2/tweets'),
    setMode: (m) => (mode = m),
    fail: (id, kind) => failures.set(id, kind),
    addPost: (tweet, includes) => {
      failures.delete(String(tweet.id));
      addPost(tweet, includes);
    },
    addTimeline: (t) => timelines.push(t),
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/**
 * Hand-built v2 twins of recorded syndication posts. No recorded v2 body in
 * fixtures/x-api-v2 shares an id with a recorded syndication body, so these restate the
 * syndication recordings (same ids, text, offsets, users, media, counts) in X API v2's
 * shape, as `GET /2/tweets` with Perch's expansions answers. Only counts the recording has are
 * given (v2 always sends all four; nothing is invented here except the media keys).
 * The fake serves them too.
 */
export interface V2Twin {
  id: string;
  syndicationFile: string;
  v2: { data: Obj[]; includes: Includes };
}

const SAMMY: Obj = { id: '469266133', name: 'sammy', username: 'SamuelSusla', profile_image_url: 'https://pbs.twimg.com/profile_images/1042172116911697920/JkIt3onc_normal.jpg', protected: false, verified: false, verified_type: 'none' };
const MATT: Obj = { id: '378380992', name: 'Matt Carroll', username: 'mattcarrollcode', profile_image_url: 'https://pbs.twimg.com/profile_images/1562179359884029952/zk3CijLw_normal.jpg', protected: false, verified: false, verified_type: 'none' };
const MASSIMO: Obj = { id: '177101260', name: 'Massimo', username: 'Rainmaker1973', profile_image_url: 'https://pbs.twimg.com/profile_images/914888589670043654/KVvwjcWA_normal.jpg', protected: false, verified: false, verified_type: 'blue' };
const FLATTENING_PHOTO: Obj = { media_key: '3_1641086400000000000', type: 'photo', url: 'https://pbs.twimg.com/media/FsZNOgcWAAEQtrd.jpg', width: 1995, height: 896 };
const FLATTENING: Obj = {
  id: '1641086480675225601',
  text: 'If you are interested about View Flattening in React Native, I wrote a short post about it: https://t.co/4G6RAMfrHy\n\nLet me know what you think! https://t.co/rQd6FIwZ0U',
  author_id: '469266133',
  created_at: '2023-03-29T14:34:41.000Z',
  lang: 'en',
  possibly_sensitive: false,
  edit_history_tweet_ids: ['1641086480675225601'],
  conversation_id: '1641086480675225601',
  attachments: { media_keys: ['3_1641086400000000000'] },
  public_metrics: { retweet_count: 42, reply_count: 1, like_count: 226 },
  entities: {
    urls: [
      { start: 92, end: 115, url: 'https://t.co/4G6RAMfrHy', expanded_url: 'https://github.com/reactwg/react-native-new-architecture/discussions/110', display_url: 'github.com/reactwg/react-…' },
      { start: 145, end: 168, url: 'https://t.co/rQd6FIwZ0U', expanded_url: 'https://twitter.com/SamuelSusla/status/1641086480675225601/photo/1', display_url: 'pic.twitter.com/rQd6FIwZ0U', media_key: '3_1641086400000000000' },
    ],
  },
};

export const V2_TWINS: readonly V2Twin[] = [
  { id: '1641086480675225601', syndicationFile: 'photo-entities.json', v2: { data: [FLATTENING], includes: { users: [SAMMY], media: [FLATTENING_PHOTO] } } },
  {
    id: '1641895049427550208',
    syndicationFile: 'quote-tweet.json',
    v2: {
      data: [
        {
          id: '1641895049427550208',
          text: "#ReactNative's new architecture renderer brings view flattening, previously an Android-only optimization, to iOS. View flattening reduces the depth of view hierarchies, lowers memory usage, and speeds up drawing times—all without extra setup!",
          author_id: '378380992',
          created_at: '2023-03-31T20:07:39.000Z',
          lang: 'en',
          possibly_sensitive: false,
          edit_history_tweet_ids: ['1641895049427550208'],
          referenced_tweets: [{ type: 'quoted', id: '1641086480675225601' }],
          public_metrics: { reply_count: 1, like_count: 4 },
          entities: { hashtags: [{ start: 0, end: 12, tag: 'ReactNative' }] },
        },
      ],
      includes: { users: [MATT, SAMMY], tweets: [FLATTENING], media: [FLATTENING_PHOTO] },
    },
  },
  {
    id: '1684218600456876032',
    syndicationFile: 'video-variants.json',
    v2: {
      data: [
        {
          id: '1684218600456876032',
          text: 'For the first time in the world, researchers succeeded in synthesizing a room-temperature superconductor (Tc≥400 K, 127°C) working at ambient pressure with a modified lead-apatite (LK-99) structure\n\n[full paper: https://t.co/1kNB4GT8ut]\nhttps://t.co/1N4ogvaMPA',
          author_id: '177101260',
          created_at: '2023-07-26T15:06:20.000Z',
          lang: 'en',
          possibly_sensitive: false,
          edit_history_tweet_ids: ['1684218600456876032'],
          attachments: { media_keys: ['13_1684020091854225408'] },
          public_metrics: { reply_count: 744, like_count: 20079 },
          entities: {
            urls: [
              { start: 212, end: 235, url: 'https://t.co/1kNB4GT8ut', expanded_url: 'https://buff.ly/450N0Px', display_url: 'buff.ly/450N0Px' },
              { start: 237, end: 260, url: 'https://t.co/1N4ogvaMPA', expanded_url: 'https://twitter.com/AiBreakfast/status/1684020175215927296/video/1', display_url: 'pic.twitter.com/1N4ogvaMPA', media_key: '13_1684020091854225408' },
            ],
          },
        },
      ],
      includes: {
        users: [MASSIMO],
        media: [
          {
            media_key: '13_1684020091854225408',
            type: 'video',
            preview_image_url: 'https://pbs.twimg.com/amplify_video_thumb/1684020091854225408/img/xtWb477NwDzZ1VvG.jpg',
            width: 886,
            height: 546,
            duration_ms: 14510,
            public_metrics: { view_count: 2655454 },
            variants: [
              { bit_rate: 2176000, content_type: 'video/mp4', url: 'https://video.twimg.com/amplify_video/1684020091854225408/vid/886x546/_Mb5SBNFpaVehGMW.mp4?tag=14' },
              { bit_rate: 288000, content_type: 'video/mp4', url: 'https://video.twimg.com/amplify_video/1684020091854225408/vid/438x270/3nzfgILKIV_9rNxp.mp4?tag=14' },
              { content_type: 'application/x-mpegURL', url: 'https://video.twimg.com/amplify_video/1684020091854225408/pl/mdYAV4YxwnjO5sca.m3u8?tag=14&container=fmp4' },
              { bit_rate: 832000, content_type: 'video/mp4', url: 'https://video.twimg.com/amplify_video/1684020091854225408/vid/584x360/0jKh8_AyuuJk0Zrp.mp4?tag=14' },
            ],
          },
        ],
      },
    },
  },
];
