import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import { MemoryCache } from '../../server/cache/memory-cache.js';
import type { CacheEntry } from '../../server/cache/post-cache.js';
import { POST_MODEL_VERSION } from '../../src/data/model.js';

const HOUR = 3600_000;
const PHOTO = '1641086480675225601';
const QUOTE = '1641895049427550208';

let fake: FakeSyndication;
let server: RunningServer;
let clock = Date.parse('2026-11-22T12:00:00Z');

async function start(extra: Record<string, unknown> = {}): Promise<void> {
  server = await startServer({ port: 0, upstream: 'syndication', syndicationBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, now: () => clock, adminToken: 'admin-secret', ...extra });
}

beforeEach(async () => {
  clock = Date.parse('2026-11-22T12:00:00Z');
  fake = await startFakeSyndication();
});
afterEach(async () => {
  await server?.close();
  await fake.close();
});

/** The fields these tests read from answers of several shapes. */
interface Body {
  kind?: string;
  id?: string;
  reason?: string;
  error: { code: string; message: string };
  results: Array<{ kind: string }>;
}
const get = async (path: string): Promise<{ status: number; body: Body; headers: Headers }> => {
  const res = await fetch(server.url + path);
  return { status: res.status, body: (await res.json()) as Body, headers: res.headers };
};
/** Wait until `count` background revalidations have finished (their outcome is in the cache). */
async function revalidated(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (server.metrics.value('perch_cache_revalidations_total') < count) {
    if (Date.now() > deadline) throw new Error(`${count} revalidation(s) did not finish within 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a cached post is served without calling the upstream again', async () => {
  await start();
  assert.equal((await get(`/v1/tweets/${PHOTO}`)).body.kind, 'post');
  assert.equal((await get(`/v1/tweets/${PHOTO}`)).body.kind, 'post');
  assert.deepEqual(fake.calls, [PHOTO]);
  assert.equal(server.metrics.value('perch_cache_hits_total'), 1);
  assert.equal(server.metrics.value('perch_cache_misses_total'), 1);
});

test('concurrent requests for one id make one upstream call', async () => {
  await start();
  fake.setMode({ kind: 'slow', delayMs: 100 });
  const answers = await Promise.all(Array.from({ length: 50 }, () => get(`/v1/tweets/${QUOTE}`)));
  assert.ok(answers.every((a) => a.status === 200 && a.body.id === QUOTE));
  assert.equal(fake.calls.filter((id) => id === QUOTE).length, 1);
  assert.equal(server.metrics.value('perch_upstream_calls_total', { upstream: 'syndication' }), 1);
});

test('misses arriving together are batched into one upstream call per 100 ids', async () => {
  await start({ cache: { maxEntries: 1000, maxBytes: 1e7, freshMs: 15 * 60_000, batchWindowMs: 40 } });
  const ids = Array.from({ length: 150 }, (_, i) => String(5000 + i));
  await Promise.all([0, 50, 100].map((from) => get(`/v1/tweets?ids=${ids.slice(from, from + 50).join(',')}`)));
  // The service hands the adapter two batches; the syndication adapter makes one HTTP request per id, and each is counted.
  assert.equal(fake.calls.length, 150);
  assert.equal(server.metrics.value('perch_upstream_calls_total', { upstream: 'syndication' }), 150);
});

test('stale entries are served while revalidated; a deletion upstream replaces the post with its tombstone', async () => {
  await start();
  await get(`/v1/tweets/${PHOTO}`);
  fake.remove(PHOTO);
  clock += 10 * 60_000; // still fresh
  assert.equal((await get(`/v1/tweets/${PHOTO}`)).body.kind, 'post');
  assert.equal(fake.calls.length, 1);
  clock += 10 * 60_000; // past the 15-minute freshness: served, and checked in the background
  assert.equal((await get(`/v1/tweets/${PHOTO}`)).body.kind, 'post');
  await revalidated(1);
  assert.equal(fake.calls.length, 2);
  const after = await get(`/v1/tweets/${PHOTO}`);
  assert.equal(after.body.kind, 'tombstone');
  assert.equal(after.body.reason, 'deleted');
});

test('nothing is served more than 24 hours after its last successful check', async () => {
  await start();
  await get(`/v1/tweets/${PHOTO}`);
  fake.setMode({ kind: 'server-error' });
  clock += 23 * HOUR;
  const stale = await get(`/v1/tweets/${PHOTO}`);
  assert.equal(stale.body.kind, 'post', 'within 24 h a failing upstream does not take the post away');
  await revalidated(1);
  clock += 1 * HOUR;
  const expired = await get(`/v1/tweets/${PHOTO}`);
  assert.equal(expired.status, 503);
  assert.equal(expired.body.error.code, 'upstream-error');
  const batch = await get(`/v1/tweets?ids=${PHOTO}`);
  assert.equal(batch.status, 200);
  assert.equal(batch.body.results[0]?.kind, 'unavailable');
  assert.equal(batch.headers.get('cache-control'), 'no-store');
});

test('a 429 stops upstream calls until its reset time, serves what is cached, and shows in /metrics', async () => {
  await start();
  await get(`/v1/tweets/${PHOTO}`);
  fake.setMode({ kind: 'rate-limit', resetInSeconds: 120 });
  clock = Date.now();
  const limited = await get(`/v1/tweets/${QUOTE}`);
  assert.equal(limited.status, 503);
  assert.equal(limited.body.error.code, 'upstream-rate-limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  const callsAfter429 = fake.calls.length;
  for (const id of ['1629262255744503809', '1703436713362870723', QUOTE]) assert.equal((await get(`/v1/tweets/${id}`)).status, 503);
  assert.equal(fake.calls.length, callsAfter429, 'no upstream call during the rate limit');
  const metrics = await (await fetch(server.url + '/metrics')).text();
  assert.match(metrics, /^perch_upstream_rate_limited 1$/m);
  assert.match(metrics, /^perch_upstream_errors_total\{kind="rate-limited"\} 1$/m);
  clock += 121_000;
  fake.setMode({ kind: 'normal' });
  assert.equal((await get(`/v1/tweets/${QUOTE}`)).status, 200);
});

test('malformed upstream bodies and timeouts become 503 errors, never a broken post', async () => {
  await start();
  fake.setMode({ kind: 'malformed' });
  const r = await get(`/v1/tweets/${PHOTO}`);
  assert.equal(r.status, 503);
  assert.match(server.metrics.value('perch_upstream_errors_total', { kind: 'malformed' }).toString(), /^1$/);
});

test('admin purge needs the token and removes the post from the cache', async () => {
  await start();
  await get(`/v1/tweets/${PHOTO}`);
  const noToken = await fetch(`${server.url}/v1/tweets/${PHOTO}`, { method: 'DELETE' });
  assert.equal(noToken.status, 401);
  const wrong = await fetch(`${server.url}/v1/tweets/${PHOTO}`, { method: 'DELETE', headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
  const ok = await fetch(`${server.url}/v1/tweets/${PHOTO}`, { method: 'DELETE', headers: { authorization: 'Bearer admin-secret' } });
  assert.equal(ok.status, 200);
  await get(`/v1/tweets/${PHOTO}`);
  assert.equal(fake.calls.filter((id) => id === PHOTO).length, 2, 'fetched again after the purge');
});

test('purge is off without an admin token', async () => {
  await start({ adminToken: undefined });
  const r = await fetch(`${server.url}/v1/tweets/${PHOTO}`, { method: 'DELETE', headers: { authorization: 'Bearer x' } });
  assert.equal(r.status, 403);
});

test('security headers and bounded URLs', async () => {
  await start();
  const r = await fetch(`${server.url}/v1/tweets/${PHOTO}`);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(r.headers.get('referrer-policy'));
  const long = await fetch(`${server.url}/v1/tweets?ids=${'1,'.repeat(5000)}`);
  assert.equal(long.status, 414);
});

test('the in-process LRU is bounded by entries and bytes', async () => {
  const cache = new MemoryCache({ maxEntries: 10, maxBytes: 1_000_000 });
  const tomb = (id: string): CacheEntry => ({ post: { kind: 'tombstone' as const, version: POST_MODEL_VERSION, id, reason: 'not-found' as const }, checkedAt: Date.now() });
  for (let i = 0; i < 25; i++) await cache.setMany(new Map([[String(i), tomb(String(i))]]));
  assert.equal((await cache.stats()).entries, 10);
  assert.equal((await cache.getMany(['0'])).size, 0, 'oldest evicted');
  assert.equal((await cache.getMany(['24'])).size, 1);
  const small = new MemoryCache({ maxEntries: 1000, maxBytes: 2000 });
  for (let i = 0; i < 100; i++) await small.setMany(new Map([[String(i), tomb(String(i))]]));
  const stats = await small.stats();
  assert.ok(stats.bytes <= 2000 && stats.entries < 100 && stats.evictions > 0);
});

test('the synchronous hit path (peek) follows the LRU order and the 24-hour rule like getMany', async () => {
  let now = Date.parse('2026-11-22T12:00:00Z');
  const cache = new MemoryCache({ maxEntries: 2, now: () => now });
  const tomb = (id: string): CacheEntry => ({ post: { kind: 'tombstone' as const, version: POST_MODEL_VERSION, id, reason: 'not-found' as const }, checkedAt: now });
  await cache.setMany(new Map([['a', tomb('a')]]));
  await cache.setMany(new Map([['b', tomb('b')]]));
  assert.equal(cache.peek('a')?.post.id, 'a'); // a is now the most recently used
  await cache.setMany(new Map([['c', tomb('c')]]));
  assert.equal(cache.peek('b'), undefined, 'b was the least recently used, so it was evicted');
  assert.equal(cache.peek('a')?.post.id, 'a');
  now += 24 * HOUR;
  assert.equal(cache.peek('a'), undefined, 'not served 24 hours after its check');
  assert.equal((await cache.stats()).entries, 1);
});

test('a tombstone replacing a cached post changes the answer and its ETag at once', async () => {
  await start();
  const first = await fetch(`${server.url}/v1/tweets/${PHOTO}`);
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  assert.ok(etag !== null);
  assert.equal((await fetch(`${server.url}/v1/tweets/${PHOTO}`, { headers: { 'if-none-match': etag } })).status, 304);
  fake.remove(PHOTO);
  clock += 20 * 60_000; // past freshness: served, revalidated in the background
  await (await fetch(`${server.url}/v1/tweets/${PHOTO}`)).arrayBuffer();
  await revalidated(1);
  const after = await fetch(`${server.url}/v1/tweets/${PHOTO}`, { headers: { 'if-none-match': etag } });
  assert.equal(after.status, 200, 'the old ETag no longer matches');
  assert.notEqual(after.headers.get('etag'), etag);
  assert.equal(((await after.json()) as Body).kind, 'tombstone');
});
