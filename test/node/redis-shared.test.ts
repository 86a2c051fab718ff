import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRedis, startServerProcess, metricValue, type Started } from '../support/processes.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';

// Two embed server processes sharing one real redis-server, against the local fake of X.
const PHOTO = '1641086480675225601';
const CARD = '1629262255744503809';
const UPSTREAM_CALLS = /^perch_upstream_calls_total\{upstream="syndication"\} (\d+)$/m;

let redis: Started & { url: string };
let fake: FakeSyndication;
let a: Started & { url: string };
let b: Started & { url: string };

before(async () => {
  redis = await startRedis();
  fake = await startFakeSyndication();
  const args = ['--upstream', 'syndication', '--store', redis.url, '--fresh-seconds', '1'];
  const env = { PERCH_SYNDICATION_URL: fake.url, PERCH_ADMIN_TOKEN: 'shared-admin' };
  [a, b] = await Promise.all([startServerProcess(args, env), startServerProcess(args, env)]);
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await fake?.close();
  await redis?.stop();
});

test('the cache is shared: a post fetched through one process is served by the other without an upstream call', async () => {
  assert.equal((await fetch(`${a.url}/v1/tweets/${CARD}`)).status, 200);
  const r = await fetch(`${b.url}/v1/tweets/${CARD}`);
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as { id: string }).id, CARD);
  assert.equal(fake.calls.filter((id) => id === CARD).length, 1);
  assert.equal(await metricValue(b.url, UPSTREAM_CALLS), 0);
  const health = (await (await fetch(`${b.url}/healthz`)).json()) as { store: string };
  assert.equal(health.store, 'redis');
});

test('a purge through one process is seen by the other at once', async () => {
  await fetch(`${a.url}/v1/tweets/${PHOTO}`);
  assert.equal(fake.calls.filter((id) => id === PHOTO).length, 1);
  const purge = await fetch(`${b.url}/v1/tweets/${PHOTO}`, { method: 'DELETE', headers: { authorization: 'Bearer shared-admin' } });
  assert.equal(purge.status, 200);
  await fetch(`${a.url}/v1/tweets/${PHOTO}`);
  assert.equal(fake.calls.filter((id) => id === PHOTO).length, 2, 'process A had to fetch again');
});

test('a deletion seen by one process replaces the post with its tombstone in every process', async () => {
  await fetch(`${a.url}/v1/tweets/${CARD}`);
  fake.remove(CARD);
  await new Promise((r) => setTimeout(r, 1100)); // past the 1-second freshness
  await fetch(`${a.url}/v1/tweets/${CARD}`); // served stale, revalidated in the background
  // Wait for A's revalidation to be written to Redis (A counts it once stored).
  const deadline = Date.now() + 5000;
  while ((await metricValue(a.url, /^perch_cache_revalidations_total (\d+)$/m)) < 1) {
    assert.ok(Date.now() < deadline, 'process A finished its background revalidation within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  const before = await metricValue(b.url, UPSTREAM_CALLS);
  const r = (await (await fetch(`${b.url}/v1/tweets/${CARD}`)).json()) as { kind: string; reason: string };
  assert.deepEqual([r.kind, r.reason], ['tombstone', 'deleted']);
  assert.equal(await metricValue(b.url, UPSTREAM_CALLS), before, 'B read the tombstone from Redis');
});

test('a bad Redis URL is a clear start-up error', async () => {
  await assert.rejects(startServerProcess(['--store', 'redis://127.0.0.1:1']), /cannot reach Redis at 127\.0\.0\.1:1/);
  await assert.rejects(startServerProcess(['--store', 'mysql://x']), /--store: expected "memory" or a redis:\/\/ URL/);
});
