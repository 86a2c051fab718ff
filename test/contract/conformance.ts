/**
 * The conformance suite of the embed server's HTTP API (docs/api/openapi.yaml), run over real
 * HTTP against any implementation: every answer is checked against the document, and the
 * behaviour a schema cannot say is checked too (the same post model as the TypeScript
 * normalizers make from the same upstream body, tombstones for posts gone upstream, the 24-hour
 * rule's cache headers, the media host allowlist and media types, idempotent impressions).
 *
 * The suite owns the upstreams: a fake X API v2 and a fake media host on loopback ports. A target
 * starts its server pointed at them, revalidating cached posts and pages on every request (so a
 * post deleted upstream shows at once), and counting impressions only for posts it served.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeXApiV2Lookup } from '../../server/normalize/normalize-x-api-v2.js';
import type { PostResult } from '../../src/data/model.js';
import { postFieldParams } from '../../server/upstream/x-api-v2-upstream.js';
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api.js';
import { startFakeMedia, FAKE_JPEG, type FakeMedia } from '../support/fake-media.js';
import { contractProblems, declaredResponses, exercised, type Answer } from './openapi-check.js';

/** Where a target's server finds its upstreams. */
export interface ContractUpstreams {
  /** Base URL of the fake X API v2 (stands for `https://api.x.com`). */
  xApiBase: string;
  /** The bearer token the fake accepts. */
  token: string;
  /** Origin that stands for every X media host (`https://pbs.twimg.com`, …). */
  mediaOrigin: string;
}

/** A running server under test. */
export interface ContractServer {
  /** The base URL widgets would be given (`/v1/...` is appended). */
  baseUrl: string;
  stop(): Promise<void>;
}

/** An implementation of the contract. */
export interface ContractTarget {
  name: string;
  start(upstreams: ContractUpstreams): Promise<ContractServer>;
}

/** Posts the fake X API serves from fixtures/x-api-v2 (and the v2 twins of syndication recordings). */
const POSTS = ['1641086480675225601', '1641895049427550208', '1684218600456876032', '1067094924124872705', '1199786642791452673', '1275828087666679809', '1263145271946551300', '1576994746135764992', '1576995594388000768', '1558553189766631429', '1611077073803841538', '506695756406095872', '1589681856941002753'];
/** Served, then removed upstream by the tombstone tests. */
const TO_DELETE = '1293593516040269825';
const TO_PROTECT = '1136017751028449283';
/** Never known to X. */
const UNKNOWN = '1276230436478386177';

const DEV = { id: '2244994945', name: 'Developers', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1/dev_normal.jpg', verified_type: 'business', protected: false };
function timelinePost(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = String(1_600_000_000_000_000_000n + BigInt(100 - i));
  return { id, text: `post number ${i} #perch`, author_id: DEV.id, created_at: new Date(Date.parse('2026-11-01T00:00:00Z') - i * 60_000).toISOString(), edit_history_tweet_ids: [id], public_metrics: { like_count: i, reply_count: 0, retweet_count: 0, quote_count: 0 }, entities: { hashtags: [{ start: 13 + String(i).length, end: 19 + String(i).length, tag: 'perch' }] }, ...extra };
}
const REPLY_INDEX = 4;
const TIMELINE = Array.from({ length: 12 }, (_, i) => timelinePost(i, i === REPLY_INDEX ? { in_reply_to_user_id: DEV.id, referenced_tweets: [{ type: 'replied_to', id: '1500000000000000000' }] } : {}));
const LIST = { id: '84839422', name: 'Perch Demo', description: 'A list' };

/** The largest freshness lifetime a shared cache may give a post answer: well under 24 hours. */
function freshnessSeconds(cacheControl: string): number {
  const maxAge = Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? '0');
  const swr = Number(/stale-while-revalidate=(\d+)/.exec(cacheControl)?.[1] ?? '0');
  const sie = Number(/stale-if-error=(\d+)/.exec(cacheControl)?.[1] ?? '0');
  return maxAge + Math.max(swr, sie);
}

/** What a target's own tests (after the suite's) can reach. */
export interface ConformanceEnv {
  /** The fake X API the server under test asks. */
  x(): FakeXApi;
  /** The running server. */
  server(): ContractServer;
}

/** Register the suite's tests for `target`, then `more` (tests of that implementation alone, on the same server). */
export function conformanceSuite(target: ContractTarget, more?: (env: ConformanceEnv) => void): void {
  let x: FakeXApi;
  let media: FakeMedia;
  let server: ContractServer;

  before(async () => {
    x = await startFakeXApi();
    x.addTimeline({ user: DEV, tweets: TIMELINE });
    x.addTimeline({ user: DEV, list: LIST, tweets: TIMELINE.slice(0, 7) });
    media = await startFakeMedia();
    server = await target.start({ xApiBase: x.url, token: x.token, mediaOrigin: media.origin });
  });
  after(async () => {
    await server?.stop();
    await media?.close();
    await x?.close();
    const missed = declaredResponses().filter((r) => !exercised.has(r));
    process.stdout.write(`# ${target.name}: ${exercised.size} documented answers exercised; not exercised: ${missed.join('; ')}\n`);
  });

  /** Request `template` (its `{name}` parts filled from `params`), check the answer against the contract. */
  async function call(method: string, template: string, params: Record<string, string> = {}, query = '', init: RequestInit = {}): Promise<Answer> {
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
    const res = await fetch(`${server.baseUrl}${path}${query}`, { method, redirect: 'manual', ...init });
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: unknown;
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      try {
        json = JSON.parse(bytes.toString('utf8'));
      } catch {
        json = undefined;
      }
    }
    const answer = { status: res.status, headers: res.headers, bytes, json };
    assert.deepEqual(contractProblems(method, template, answer), [], `${target.name}: ${method} ${path}${query} → ${res.status} ${bytes.toString('utf8').slice(0, 300)}`);
    return answer;
  }

  function errorCode(a: Answer): { code: string; param?: string } {
    const body = a.json as { error: { code: string; param?: string } };
    return { code: body.error.code, ...(body.error.param !== undefined ? { param: body.error.param } : {}) };
  }

  /** What the TypeScript normalizer makes of the fake upstream's own answer for `ids`. */
  async function expected(ids: string[]): Promise<Map<string, PostResult>> {
    const res = await fetch(`${x.url}/2/tweets?${new URLSearchParams({ ids: ids.join(','), ...postFieldParams() }).toString()}`, { headers: { authorization: `Bearer ${x.token}` } });
    return normalizeXApiV2Lookup(await res.json());
  }

  test(`${target.name}: each post is the post model the TypeScript normalizer makes of X's answer`, async () => {
    for (const id of POSTS) {
      const a = await call('GET', '/v1/tweets/{id}', { id });
      assert.equal(a.status, 200);
      assert.deepEqual(a.json, JSON.parse(JSON.stringify((await expected([id])).get(id))), `post ${id}`);
      const cc = a.headers.get('cache-control') ?? '';
      assert.match(cc, /public/);
      assert.ok(freshnessSeconds(cc) < 24 * 3600, `cacheable for less than 24 hours: ${cc}`);
    }
  });

  test(`${target.name}: a batch answers every id once, in request order, unknown ids as not-found tombstones`, async () => {
    const want = await expected([POSTS[2] ?? '']);
    const ids = [POSTS[2], UNKNOWN, POSTS[0], POSTS[2], POSTS[1]] as string[];
    const a = await call('GET', '/v1/tweets', {}, `?ids=${ids.join(',')}`);
    assert.equal(a.status, 200);
    const results = (a.json as { results: PostResult[] }).results;
    assert.deepEqual(results.map((r) => r.id), [POSTS[2], UNKNOWN, POSTS[0], POSTS[1]]);
    assert.deepEqual(results[1], { kind: 'tombstone', version: 1, id: UNKNOWN, reason: 'not-found' });
    assert.deepEqual(results[0], JSON.parse(JSON.stringify(want.get(POSTS[2] ?? ''))));
    assert.ok(freshnessSeconds(a.headers.get('cache-control') ?? '') < 24 * 3600);
  });

  test(`${target.name}: malformed ids are refused with the same error bodies`, async () => {
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets/{id}', { id: '12ab' })), { code: 'invalid-id', param: 'id' });
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets/{id}', { id: '1'.repeat(41) })), { code: 'invalid-id', param: 'id' });
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets', {}, '?ids=')), { code: 'missing-ids', param: 'ids' });
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets', {})), { code: 'missing-ids', param: 'ids' });
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets', {}, '?ids=1,two,3')), { code: 'invalid-id', param: 'ids' });
    const many = Array.from({ length: 101 }, (_, i) => String(1000 + i)).join(',');
    assert.deepEqual(errorCode(await call('GET', '/v1/tweets', {}, `?ids=${many}`)), { code: 'too-many-ids', param: 'ids' });
    const hundred = Array.from({ length: 100 }, (_, i) => String(1000 + i)).join(',');
    assert.equal((await call('GET', '/v1/tweets', {}, `?ids=${hundred}`)).status, 200);
  });

  test(`${target.name}: an id X does not know is a 404 not-found tombstone`, async () => {
    const a = await call('GET', '/v1/tweets/{id}', { id: UNKNOWN });
    assert.equal(a.status, 404);
    assert.deepEqual(a.json, { kind: 'tombstone', version: 1, id: UNKNOWN, reason: 'not-found' });
  });

  test(`${target.name}: HEAD answers as GET does, without a body`, async () => {
    const get = await call('GET', '/v1/tweets/{id}', { id: POSTS[0] ?? '' });
    const head = await fetch(`${server.baseUrl}/v1/tweets/${POSTS[0] ?? ''}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), get.headers.get('content-type'));
    assert.equal(head.headers.get('etag'), get.headers.get('etag'));
    assert.equal((await head.arrayBuffer()).byteLength, 0);
  });

  test(`${target.name}: a validator the post still has answers 304`, async () => {
    const a = await call('GET', '/v1/tweets/{id}', { id: POSTS[0] ?? '' });
    const etag = a.headers.get('etag');
    if (etag === null) return; // validators are optional
    const b = await call('GET', '/v1/tweets/{id}', { id: POSTS[0] ?? '' }, '', { headers: { 'if-none-match': etag } });
    assert.equal(b.status, 304);
    assert.equal(b.bytes.length, 0);
  });

  test(`${target.name}: a post deleted or protected upstream becomes a tombstone on the next revalidation`, async () => {
    for (const id of [TO_DELETE, TO_PROTECT]) assert.equal((await call('GET', '/v1/tweets/{id}', { id })).status, 200);
    x.fail(TO_DELETE, 'not-found');
    x.fail(TO_PROTECT, 'not-authorized');
    // Cached posts are revalidated when asked for; the answer may be the cached one until that check lands.
    const settle = async (id: string, done: (a: Answer) => boolean): Promise<Answer> => {
      for (let i = 0; i < 100; i++) {
        const a = await call('GET', '/v1/tweets/{id}', { id });
        if (done(a)) return a;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`${id} is still served as it was before it went away upstream`);
    };
    const gone = await settle(TO_DELETE, (a) => a.status === 404);
    assert.deepEqual(gone.json, { kind: 'tombstone', version: 1, id: TO_DELETE, reason: 'not-found' });
    const hidden = await settle(TO_PROTECT, (a) => (a.json as PostResult).kind === 'tombstone');
    assert.equal(hidden.status, 200);
    assert.deepEqual(hidden.json, { kind: 'tombstone', version: 1, id: TO_PROTECT, reason: 'protected' });
    const batch = await call('GET', '/v1/tweets', {}, `?ids=${TO_DELETE},${TO_PROTECT}`);
    assert.deepEqual((batch.json as { results: PostResult[] }).results.map((r) => [r.kind, r.kind === 'tombstone' ? r.reason : '']), [['tombstone', 'not-found'], ['tombstone', 'protected']]);
  });

  test(`${target.name}: with X failing, an id never cached is unavailable (not cacheable), never invented`, async () => {
    const fresh = '1261326399320715264';
    x.setMode({ kind: 'server-error' });
    try {
      const one = await call('GET', '/v1/tweets/{id}', { id: fresh });
      assert.ok(one.status === 503 || one.status === 429, `status ${one.status}`);
      const batch = await call('GET', '/v1/tweets', {}, `?ids=${fresh}`);
      assert.equal(batch.status, 200);
      assert.equal((batch.json as { results: Array<{ kind: string }> }).results[0]?.kind, 'unavailable');
      assert.equal(batch.headers.get('cache-control'), 'no-store');
    } finally {
      x.setMode({ kind: 'normal' });
    }
  });

  test(`${target.name}: profile timelines page newest first, without replies unless asked`, async () => {
    const want = TIMELINE.filter((_, i) => i !== REPLY_INDEX).map((t) => String(t.id));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const a = await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, `?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`);
      assert.equal(a.status, 200);
      const page = a.json as { posts: PostResult[]; nextCursor: string | null; newestId: string | null; title: string; owner: { handle: string } };
      assert.equal(page.owner.handle, 'XDevelopers');
      assert.equal(page.newestId, String(TIMELINE[0]?.id), 'the newest post of the whole timeline, on every page');
      assert.ok(page.posts.length <= 4);
      seen.push(...page.posts.map((p) => p.id));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    assert.deepEqual(seen, want);
    const withReplies = await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, '?limit=20&replies=true');
    assert.deepEqual((withReplies.json as { posts: PostResult[] }).posts.map((p) => p.id), TIMELINE.map((t) => String(t.id)));
    const byId = await call('GET', '/v1/timelines/profile/id/{userId}', { userId: DEV.id }, '?limit=2');
    assert.deepEqual((byId.json as { posts: PostResult[] }).posts.map((p) => p.id), want.slice(0, 2));
  });

  test(`${target.name}: list timelines by id and by owner and slug`, async () => {
    const a = await call('GET', '/v1/timelines/list/{id}', { id: LIST.id }, '?limit=20&replies=true');
    const page = a.json as { source: Record<string, string>; title: string; description?: string; posts: PostResult[] };
    assert.deepEqual(page.source, { type: 'list', listId: LIST.id, ownerHandle: 'XDevelopers', slug: 'perch-demo' });
    assert.equal(page.title, LIST.name);
    assert.equal(page.description, LIST.description);
    assert.deepEqual(page.posts.map((p) => p.id), TIMELINE.slice(0, 7).map((t) => String(t.id)));
    const bySlug = await call('GET', '/v1/timelines/list/{owner}/{slug}', { owner: 'XDevelopers', slug: 'perch-demo' }, '?limit=3');
    assert.equal((bySlug.json as { source: { listId: string } }).source.listId, LIST.id);
  });

  test(`${target.name}: timeline parameters are checked before any lookup`, async () => {
    const calls = x.calls.length;
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/{name}', { name: 'not a name!' })), { code: 'invalid-screen-name', param: 'name' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, '?limit=0')), { code: 'invalid-limit', param: 'limit' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, '?limit=21')), { code: 'invalid-limit', param: 'limit' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, '?cursor=%21%21')), { code: 'invalid-cursor', param: 'cursor' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/{name}', { name: 'XDevelopers' }, '?replies=maybe')), { code: 'invalid-replies', param: 'replies' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/profile/id/{userId}', { userId: '12x' })), { code: 'invalid-user-id', param: 'userId' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/list/{id}', { id: 'abc' })), { code: 'invalid-list-id', param: 'id' });
    assert.deepEqual(errorCode(await call('GET', '/v1/timelines/list/{owner}/{slug}', { owner: 'XDevelopers', slug: '-bad' })), { code: 'invalid-slug', param: 'slug' });
    assert.equal(x.calls.length, calls, 'no upstream call for a malformed request');
    const missing = await call('GET', '/v1/timelines/profile/{name}', { name: 'nobody_here' });
    assert.deepEqual(errorCode(missing), { code: 'not-found' });
  });

  const proxied = (url: string): string => `?url=${encodeURIComponent(url)}`;

  test(`${target.name}: the media proxy relays X's media byte for byte, sandboxed, no cookie either way`, async () => {
    media.seen.length = 0;
    const a = await call('GET', '/v1/media', {}, proxied('https://pbs.twimg.com/media/photo.jpg?format=jpg&name=small'), { headers: { cookie: 'session=visitor', authorization: 'Bearer visitor' } });
    assert.equal(a.status, 200);
    assert.deepEqual(a.bytes, FAKE_JPEG);
    assert.equal(a.headers.get('content-type'), 'image/jpeg');
    assert.equal(a.headers.get('set-cookie'), null);
    assert.equal(media.seen[0]?.path, '/media/photo.jpg?format=jpg&name=small');
    assert.equal(media.seen[0]?.headers.cookie, undefined);
    assert.equal(media.seen[0]?.headers.authorization, undefined);
    const range = await call('GET', '/v1/media', {}, proxied('https://video.twimg.com/vid/sample.mp4'), { headers: { range: 'bytes=0-99' } });
    assert.equal(range.status, 206);
    assert.deepEqual(range.bytes, media.video.subarray(0, 100));
    assert.equal(range.headers.get('content-type'), 'video/mp4');
  });

  test(`${target.name}: the media proxy fetches only https URLs on X's media hosts`, async () => {
    media.seen.length = 0;
    for (const url of ['https://example.com/a.jpg', 'http://pbs.twimg.com/media/photo.jpg', 'https://pbs.twimg.com:8443/media/photo.jpg', 'https://user:pw@pbs.twimg.com/media/photo.jpg', 'https://pbs.twimg.com.evil.example/media/photo.jpg', 'javascript:alert(1)', 'https://127.0.0.1/media/photo.jpg']) {
      assert.deepEqual(errorCode(await call('GET', '/v1/media', {}, proxied(url))), { code: 'url-not-allowed', param: 'url' }, url);
    }
    assert.deepEqual(errorCode(await call('GET', '/v1/media', {})), { code: 'missing-url', param: 'url' });
    assert.deepEqual(errorCode(await call('GET', '/v1/media', {}, proxied(`https://pbs.twimg.com/media/${'a'.repeat(2100)}.jpg`))), { code: 'url-too-long', param: 'url' });
    assert.equal(media.seen.length, 0, 'nothing was fetched');
  });

  test(`${target.name}: the media proxy relays only media: no pages, no SVG, no redirects, no error bodies`, async () => {
    assert.deepEqual(errorCode(await call('GET', '/v1/media', {}, proxied('https://pbs.twimg.com/media/page.jpg'))), { code: 'media-not-media' });
    assert.deepEqual(errorCode(await call('GET', '/v1/media', {}, proxied('https://pbs.twimg.com/media/drawing.svg'))), { code: 'media-not-media' });
    assert.deepEqual(errorCode(await call('GET', '/v1/media', {}, proxied('https://pbs.twimg.com/media/redirect.jpg'))), { code: 'media-redirect' });
    const missing = await call('GET', '/v1/media', {}, proxied('https://pbs.twimg.com/media/none.jpg'));
    assert.deepEqual(errorCode(missing), { code: 'media-not-found' });
    assert.ok(!missing.bytes.toString('utf8').includes('fake-media-404-body'), "the media host's body is not relayed");
  });

  const pageView = (): string => `pv${Math.random().toString(36).slice(2)}${'x'.repeat(22)}`.slice(0, 30);
  const batch = (pv: string, events: Array<Record<string, unknown>>): string => JSON.stringify({ v: 1, pageView: pv, site: 'https://news.example', path: '/article/1', events });

  test(`${target.name}: impressions are counted once per page view and sequence number`, async () => {
    const pv = pageView();
    const now = Date.now();
    const body = batch(pv, [
      { seq: 0, kind: 'post', type: 'rendered', id: POSTS[0], ts: now },
      { seq: 1, kind: 'post', type: 'viewable', id: POSTS[0], ts: now },
      { seq: 2, kind: 'timeline', type: 'rendered', id: 'profile:XDevelopers', ts: now },
    ]);
    const first = await call('POST', '/v1/impressions', {}, '', { body, headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://news.example' } });
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, { accepted: 3, duplicates: 0 });
    const again = await call('POST', '/v1/impressions', {}, '', { body, headers: { 'content-type': 'application/json' } });
    assert.deepEqual(again.json, { accepted: 0, duplicates: 3 });
    const more = await call('POST', '/v1/impressions', {}, '', { body: batch(pv, [{ seq: 2, kind: 'timeline', type: 'rendered', id: 'profile:XDevelopers', ts: now }, { seq: 3, kind: 'post', type: 'rendered', id: POSTS[1], ts: now }]) });
    assert.deepEqual(more.json, { accepted: 1, duplicates: 1 });
  });

  test(`${target.name}: impressions of posts this server never served are not counted`, async () => {
    const a = await call('POST', '/v1/impressions', {}, '', { body: batch(pageView(), [{ seq: 0, kind: 'post', type: 'rendered', id: '999999999999999999', ts: Date.now() }]) });
    assert.deepEqual(a.json, { accepted: 0, duplicates: 0, unknown: 1 });
  });

  test(`${target.name}: a bad impressions batch is refused whole, naming the problem`, async () => {
    const now = Date.now();
    const ok = { seq: 0, kind: 'post', type: 'rendered', id: POSTS[0], ts: now };
    const refuse = async (body: string, headers: Record<string, string> = {}): Promise<{ code: string; param?: string }> => {
      const a = await call('POST', '/v1/impressions', {}, '', { body, headers });
      assert.ok(a.status >= 400);
      return errorCode(a);
    };
    assert.equal((await refuse('{"v":1,')).code, 'malformed-json');
    assert.equal((await refuse(batch(pageView(), [ok]), { 'content-type': 'image/png' })).code, 'unsupported-content-type');
    assert.deepEqual(await refuse(batch(pageView(), [])), { code: 'no-events', param: 'events' });
    assert.deepEqual(await refuse(JSON.stringify({ v: 2, pageView: pageView(), site: 'https://news.example', path: '/', events: [ok] })), { code: 'unsupported-version', param: 'v' });
    assert.deepEqual(await refuse(JSON.stringify({ v: 1, pageView: 'short', site: 'https://news.example', path: '/', events: [ok] })), { code: 'invalid-page-view', param: 'pageView' });
    assert.deepEqual(await refuse(JSON.stringify({ v: 1, pageView: pageView(), site: 'https://news.example', path: '/', events: [ok], visitor: 'x' })), { code: 'unknown-field', param: 'visitor' });
    assert.deepEqual(await refuse(batch(pageView(), [ok, { ...ok }])), { code: 'duplicate-seq', param: 'events[1].seq' });
    assert.deepEqual(await refuse(batch(pageView(), [{ ...ok, kind: 'page' }])), { code: 'invalid-kind', param: 'events[0].kind' });
    assert.deepEqual(await refuse(batch(pageView(), [{ ...ok, id: 'abc' }])), { code: 'invalid-id', param: 'events[0].id' });
    assert.deepEqual(await refuse(batch(pageView(), [{ ...ok, ts: now + 3600_000 }])), { code: 'future-timestamp', param: 'events[0].ts' });
    assert.deepEqual(await refuse(batch(pageView(), [{ ...ok, ts: now - 72 * 3600_000 }])), { code: 'stale-timestamp', param: 'events[0].ts' });
    const big = Array.from({ length: 501 }, (_, i) => ({ ...ok, seq: i }));
    assert.deepEqual(await refuse(batch(pageView(), big)), { code: 'too-many-events', param: 'events' });
  });

  test(`${target.name}: unknown paths and methods get JSON errors`, async () => {
    const nothing = await fetch(`${server.baseUrl}/v1/nothing-here`);
    assert.equal(nothing.status, 404);
    assert.equal(((await nothing.json()) as { error: { code: string } }).error.code, 'not-found');
    const wrong = await fetch(`${server.baseUrl}/v1/tweets/${POSTS[0] ?? ''}`, { method: 'PUT' });
    assert.equal(wrong.status, 405);
    assert.equal(((await wrong.json()) as { error: { code: string } }).error.code, 'method-not-allowed');
  });

  more?.({ x: () => x, server: () => server });
}
