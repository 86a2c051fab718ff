import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { DEFAULT_TIMELINE_CACHE } from '../../server/config.js';
import { parseTimelinePage, type TimelinePage } from '../../src/data/timeline.js';
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api.js';
import { metricValue, startRedis, startServerProcess } from '../support/processes.js';

// The timeline page cache over real sockets, against the local fake of X API v2.
const FRESH_MS = 60_000;
const DEV = { id: '2244994945', name: 'Developers', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1/dev_normal.jpg', verified_type: 'business', protected: false };
const TIMELINE_PATH = '/2/users/2244994945/tweets';

function tweet(i: number): Record<string, unknown> {
  const id = String(1_600_000_000_000_000_000n + BigInt(100 - i));
  return { id, text: `post number ${i}`, author_id: DEV.id, created_at: new Date(Date.parse('2026-11-01T00:00:00Z') - i * 60_000).toISOString(), edit_history_tweet_ids: [id], public_metrics: { like_count: Math.abs(i), reply_count: 0, retweet_count: 0, quote_count: 0 } };
}

let fake: FakeXApi;
let tweets: Array<Record<string, unknown>>;
let server: RunningServer | undefined;
let clock = Date.now();

beforeEach(async () => {
  clock = Date.now();
  fake = await startFakeXApi();
  tweets = Array.from({ length: 12 }, (_, i) => tweet(i));
  fake.addTimeline({ user: DEV, tweets });
  server = await startServer({ port: 0, upstream: 'x-api-v2', bearerToken: fake.token, xApiBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, now: () => clock, adminToken: 'admin-secret', timelines: { ...DEFAULT_TIMELINE_CACHE, freshMs: FRESH_MS } });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fake.close();
});

interface Answer {
  status: number;
  headers: Headers;
  page: TimelinePage | undefined;
  error: string | undefined;
}
async function view(path: string, base = server?.url ?? ''): Promise<Answer> {
  const res = await fetch(base + path);
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, headers: res.headers, page: res.status === 200 ? parseTimelinePage(body) : undefined, error: body.error?.code };
}
const timelineCalls = (): number => fake.calls.filter((c) => c.path === TIMELINE_PATH).length;
const ids = (a: Answer): string[] => a.page?.posts.map((p) => p.id) ?? [];
/** Wait until `count` background revalidations have finished (their outcome is in the store); fails after 5 s. */
async function revalidated(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((server?.metrics.value('perch_timeline_cache_revalidations_total') ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`${count} timeline revalidation(s) did not finish within 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('N views of the same timeline page make one upstream call; the cache says so in headers and /metrics', async () => {
  const first = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('x-perch-cache'), 'miss');
  const callsAfterFirst = fake.calls.length;
  for (let i = 0; i < 10; i++) {
    const again = await view('/v1/timelines/profile/xdevelopers?limit=5');
    assert.equal(again.headers.get('x-perch-cache'), 'hit');
    assert.deepEqual(ids(again), ids(first));
  }
  assert.equal(timelineCalls(), 1);
  assert.equal(fake.calls.length, callsAfterFirst, 'no user lookup either');
  const metrics = await (await fetch(`${server?.url}/metrics`)).text();
  assert.match(metrics, /^perch_timeline_cache_hits_total 10$/m);
  assert.match(metrics, /^perch_timeline_cache_misses_total 1$/m);
  assert.match(metrics, /^perch_timeline_cache_entries\{store="memory"\} 1$/m);
});

test('after the freshness window the page is served stale once and revalidated by one upstream call', async () => {
  await view('/v1/timelines/profile/XDevelopers?limit=5');
  clock += FRESH_MS + 1000;
  tweets.unshift(tweet(-1)); // a new post at X
  fake.setMode({ kind: 'slow', delayMs: 300 }); // the revalidation is still running while the five views are answered
  const stale = await Promise.all(Array.from({ length: 5 }, () => view('/v1/timelines/profile/XDevelopers?limit=5')));
  for (const s of stale) {
    assert.equal(s.headers.get('x-perch-cache'), 'stale');
    assert.equal(s.headers.get('x-perch-stale-reason'), 'revalidating');
  }
  let fresh = await view('/v1/timelines/profile/XDevelopers?limit=5');
  for (let i = 0; i < 100 && fresh.headers.get('x-perch-cache') !== 'hit'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    fresh = await view('/v1/timelines/profile/XDevelopers?limit=5');
  }
  assert.equal(fresh.headers.get('x-perch-cache'), 'hit');
  assert.equal(ids(fresh)[0], String(tweet(-1).id), 'the revalidated page has the new post');
  assert.equal(timelineCalls(), 2, 'one revalidation for five stale views');
  assert.ok((server?.metrics.value('perch_timeline_cache_stale_served_total') ?? 0) >= 5);
});

test('cursor pages, limits and replies are cached separately', async () => {
  const first = await view('/v1/timelines/profile/XDevelopers?limit=5');
  const second = await view(`/v1/timelines/profile/XDevelopers?limit=5&cursor=${first.page?.nextCursor ?? ''}`);
  assert.equal(second.headers.get('x-perch-cache'), 'miss');
  assert.notDeepEqual(ids(second), ids(first));
  await view('/v1/timelines/profile/XDevelopers?limit=6');
  await view('/v1/timelines/profile/XDevelopers?limit=5&replies=true');
  assert.equal(timelineCalls(), 4);
  const again = await view(`/v1/timelines/profile/XDevelopers?limit=5&cursor=${first.page?.nextCursor ?? ''}`);
  assert.equal(again.headers.get('x-perch-cache'), 'hit');
  assert.deepEqual(ids(again), ids(second));
  assert.equal((await view('/v1/timelines/profile/XDevelopers?limit=5')).headers.get('x-perch-cache'), 'hit');
  assert.equal(timelineCalls(), 4);
});

test('concurrent misses for one page make one upstream call', async () => {
  fake.setMode({ kind: 'slow', delayMs: 150 });
  const answers = await Promise.all(Array.from({ length: 20 }, () => view('/v1/timelines/profile/XDevelopers?limit=5')));
  assert.ok(answers.every((a) => a.status === 200 && a.headers.get('x-perch-cache') === 'miss'));
  assert.ok(answers.every((a) => JSON.stringify(ids(a)) === JSON.stringify(ids(answers[0] as Answer))));
  assert.equal(timelineCalls(), 1);
  assert.equal(server?.metrics.value('perch_timeline_upstream_calls_total', { upstream: 'x-api-v2' }), 1);
});

test('on a 429 the stale page is served with a header saying so; an uncached page gets the 503 JSON error', async () => {
  const first = await view('/v1/timelines/profile/XDevelopers?limit=5');
  clock += FRESH_MS + 1000;
  fake.setMode({ kind: 'rate-limit', resetInSeconds: 900 });
  const stale = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(stale.status, 200);
  assert.equal(stale.headers.get('x-perch-cache'), 'stale');
  assert.deepEqual(ids(stale), ids(first));
  await revalidated(1); // the revalidation met the 429
  const calls = fake.calls.length;
  const limited = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(limited.status, 200);
  assert.equal(limited.headers.get('x-perch-stale-reason'), 'upstream-rate-limited');
  assert.equal(limited.headers.get('cache-control'), 'public, max-age=0');
  assert.deepEqual(ids(limited), ids(first));
  assert.equal(fake.calls.length, calls, 'no revalidation while rate-limited');
  const uncached = await view('/v1/timelines/profile/XDevelopers?limit=7');
  assert.equal(uncached.status, 503);
  assert.equal(uncached.error, 'upstream-rate-limited');
  // Past the keep time (1 hour by default, never past 24 h) the stale page is no longer served.
  clock += DEFAULT_TIMELINE_CACHE.keepMs;
  const expired = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(expired.status, 503);
  assert.equal(expired.error, 'upstream-rate-limited');
});

test('on an upstream failure the stale page is served with the reason; an uncached page gets the 502 JSON error', async () => {
  await view('/v1/timelines/profile/XDevelopers?limit=5');
  clock += FRESH_MS + 1000;
  fake.setMode({ kind: 'server-error' });
  await view('/v1/timelines/profile/XDevelopers?limit=5');
  await revalidated(1); // the revalidation met the failure
  const stale = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(stale.status, 200);
  assert.equal(stale.headers.get('x-perch-stale-reason'), 'upstream-error');
  assert.equal((await view('/v1/timelines/profile/XDevelopers?limit=9')).status, 502);
});

test('a post the post cache knows as deleted leaves a cached page at once, without a timeline call', async () => {
  const first = await view('/v1/timelines/profile/XDevelopers?limit=5');
  const gone = ids(first)[1] ?? '';
  fake.fail(gone, 'not-found');
  const post = await fetch(`${server?.url}/v1/tweets/${gone}`); // the post cache learns the tombstone
  assert.equal(post.status, 404);
  const after = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(after.headers.get('x-perch-cache'), 'hit');
  assert.deepEqual(ids(after), ids(first).filter((id) => id !== gone));
  assert.equal(timelineCalls(), 1);
});

test('an admin purge takes a post out of cached pages at once, and the pages are refetched', async () => {
  const first = await view('/v1/timelines/profile/XDevelopers?limit=5');
  const second = await view(`/v1/timelines/profile/XDevelopers?limit=5&cursor=${first.page?.nextCursor ?? ''}`);
  const purged = ids(first)[2] ?? '';
  tweets.splice(2, 1); // deleted at X
  clock += 1000;
  const res = await fetch(`${server?.url}/v1/tweets/${purged}`, { method: 'DELETE', headers: { authorization: 'Bearer admin-secret' } });
  assert.equal(res.status, 200);
  const after = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.ok(!ids(after).includes(purged), 'gone at once');
  assert.deepEqual(ids(after), ids(first).filter((id) => id !== purged));
  const other = await view(`/v1/timelines/profile/XDevelopers?limit=5&cursor=${first.page?.nextCursor ?? ''}`);
  assert.deepEqual(ids(other), ids(second), 'a page without the post is untouched');
  await revalidated(1);
  assert.equal(timelineCalls(), 3);
  const refetched = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(ids(refetched).length, 5, 'the refetched page is full again');
  assert.ok(!ids(refetched).includes(purged));
  await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(timelineCalls(), 3, 'one refetch, for the page that held the post');
});

test('two server processes sharing one redis-server share timeline pages and purges', async () => {
  const redis = await startRedis();
  const args = ['--upstream', 'x-api-v2', '--no-demo', '--store', redis.url, '--x-api-base-url', fake.url, '--timeline-cache-seconds', '60'];
  const env = { X_BEARER_TOKEN: fake.token, PERCH_ADMIN_TOKEN: 'shared-admin' };
  const started = await Promise.allSettled([startServerProcess(args, env), startServerProcess(args, env)]);
  try {
    const [a, b] = started.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
    if (a === undefined || b === undefined) throw new Error('two processes expected');
    const first = await view('/v1/timelines/profile/XDevelopers?limit=5', a.url);
    assert.equal(first.headers.get('x-perch-cache'), 'miss');
    const fromB = await view('/v1/timelines/profile/XDevelopers?limit=5', b.url);
    assert.equal(fromB.headers.get('x-perch-cache'), 'hit', 'B read the page A cached');
    assert.deepEqual(ids(fromB), ids(first));
    assert.equal(timelineCalls(), 1);
    assert.equal(await metricValue(b.url, /^perch_timeline_cache_hits_total (\d+)$/m), 1);
    assert.equal(await metricValue(b.url, /^perch_timeline_cache_entries\{store="redis"\} (\d+)$/m), 1);
    const purged = ids(first)[0] ?? '';
    const res = await fetch(`${b.url}/v1/tweets/${purged}`, { method: 'DELETE', headers: { authorization: 'Bearer shared-admin' } });
    assert.equal(res.status, 200);
    const fromA = await view('/v1/timelines/profile/XDevelopers?limit=5', a.url);
    assert.ok(!ids(fromA).includes(purged), 'a purge through B is seen by A at once');
  } finally {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    await redis.stop();
  }
});

test('a page is never served more than 24 hours after its last successful check, whatever the keep time', async () => {
  await server?.close();
  server = await startServer({ port: 0, upstream: 'x-api-v2', bearerToken: fake.token, xApiBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, now: () => clock, timelines: { freshMs: FRESH_MS, keepMs: 48 * 3600_000, maxEntries: 10 } });
  await view('/v1/timelines/profile/XDevelopers?limit=5');
  fake.setMode({ kind: 'server-error' });
  clock += 24 * 3600_000 - 1000;
  assert.equal((await view('/v1/timelines/profile/XDevelopers?limit=5')).headers.get('x-perch-cache'), 'stale', 'still served just under 24 hours');
  clock += 1000;
  const expired = await view('/v1/timelines/profile/XDevelopers?limit=5');
  assert.equal(expired.status, 502);
  assert.equal(expired.error, 'upstream-error');
});
