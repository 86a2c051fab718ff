import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from 'lmdb';
import { Router } from '../../server/http/router.js';
import { registerImpressions, type RegisteredImpressions } from '../../server/impressions/index.js';
import { IMPRESSION_LIMITS } from '../../server/impressions/impression-types.js';
import { AddressRateLimiter } from '../../server/impressions/rate-limit.js';
import { RedisImpressionStore } from '../../server/impressions/redis-store.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { startRedis } from '../support/processes.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

// Inflated counts are bounded: a page view counts at most IMPRESSION_LIMITS.maxEventsPerPageView events, and
// one client address at most a token bucket's worth of events (no address kept: an HMAC under a per-process key).
const NOON = Date.parse('2026-03-10T12:00:00.000Z');
const DAY = '2026-03-10';
let clock = NOON;
const logs: string[] = [];
let dir: string;
let limited: { server: RouterServer; impressions: RegisteredImpressions };
let open_: { server: RouterServer; impressions: RegisteredImpressions };

async function collector(sub: string, rateLimit: Parameters<typeof registerImpressions>[1]['rateLimit']): Promise<{ server: RouterServer; impressions: RegisteredImpressions }> {
  const router = new Router();
  const impressions = await registerImpressions(router, { store: 'memory', dataDir: join(dir, sub), metrics: new Metrics(), log: createLogger('debug', (l) => logs.push(l)), now: () => clock, rateLimit });
  return { server: await serveRouter(router), impressions };
}

async function total(impressions: RegisteredImpressions): Promise<number> {
  return (await impressions.store.rows(DAY, DAY)).reduce((n, r) => n + r.count, 0);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-imp-abuse-'));
  // The test client is on loopback, which is exempt by default (a local proxy carries every visitor).
  limited = await collector('limited', { eventsPerSecond: 10, burst: 100, exemptLoopback: false, now: () => clock });
  open_ = await collector('open', undefined);
});

after(async () => {
  for (const c of [limited, open_]) {
    await c?.server.close();
    await c?.impressions.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

test('a page view counts at most maxEventsPerPageView events; the excess is acknowledged as limited and not counted', async () => {
  const cap = IMPRESSION_LIMITS.maxEventsPerPageView;
  assert.equal(cap, 1000);
  const pv = pageViewId();
  const url = open_.server.url;
  const before = await total(open_.impressions);
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pv, postEvents(0, 500, NOON)))), { accepted: 500, duplicates: 0 });
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pv, postEvents(500, 500, NOON)))), { accepted: 500, duplicates: 0 });
  // The inflated part: 500 more events for the same page view.
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pv, postEvents(1000, 500, NOON)))), { accepted: 0, duplicates: 0, limited: 500 });
  // A retry of an acknowledged batch is still a duplicate, not "limited".
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pv, postEvents(0, 500, NOON)))), { accepted: 0, duplicates: 500 });
  // Other page views are not affected.
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pageViewId(), postEvents(0, 20, NOON)))), { accepted: 20, duplicates: 0 });
  assert.equal((await total(open_.impressions)) - before, cap + 20);
});

test('loopback clients are not rate-limited by default (normal traffic through a local proxy is unaffected)', async () => {
  const url = open_.server.url;
  for (let i = 0; i < 12; i++) assert.equal((await postBatch(url, makeBatch(pageViewId(), postEvents(0, 500, NOON)))).status, 200);
});

test('behind a local reverse proxy, each visitor (the address the proxy adds to X-Forwarded-For) gets its own bucket', async () => {
  const proxied = await collector('proxied', { eventsPerSecond: 10, burst: 100, now: () => clock }); // loopback exempt, as by default
  try {
    const send = (forwardedFor: string): Promise<Response> =>
      fetch(`${proxied.server.url}/v1/impressions`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': forwardedFor }, body: JSON.stringify(makeBatch(pageViewId(), postEvents(0, 20, NOON))) });
    // Five batches of 20 fill one visitor's bucket; a forged left-hand entry does not give a fresh one:
    // the entry the proxy added itself (right-most) is what counts.
    for (let i = 0; i < 5; i++) assert.equal((await send(`10.9.9.${i}, 198.51.100.7`)).status, 200);
    assert.equal((await send('198.51.100.7')).status, 429);
    assert.equal((await send('198.51.100.8')).status, 200, 'another visitor behind the same proxy is unaffected');
    assert.equal((await postBatch(proxied.server.url, makeBatch(pageViewId(), postEvents(0, 20, NOON)))).status, 200, 'loopback without the header stays exempt');
  } finally {
    await proxied.server.close();
    await proxied.impressions.close();
  }
});

test('one client address gets a token bucket: over it, batches are refused with 429 and Retry-After and not counted', async () => {
  const url = limited.server.url;
  const before = await total(limited.impressions);
  for (let i = 0; i < 5; i++) assert.deepEqual(asAck(await postBatch(url, makeBatch(pageViewId(), postEvents(0, 20, NOON)))), { accepted: 20, duplicates: 0 });
  const refused = await postBatch(url, makeBatch(pageViewId(), postEvents(0, 20, NOON)));
  assert.equal(refused.status, 429);
  assert.deepEqual((refused.json as { error: { code: string } }).error.code, 'rate-limited');
  assert.equal(refused.headers.get('retry-after'), '2');
  assert.equal(refused.headers.get('access-control-allow-origin'), '*');
  assert.equal((await total(limited.impressions)) - before, 100);
  // The bucket refills at 10 events/s: 2 s later the same client is accepted again.
  clock += 2000;
  assert.deepEqual(asAck(await postBatch(url, makeBatch(pageViewId(), postEvents(0, 20, NOON)))), { accepted: 20, duplicates: 0 });
  assert.equal((await total(limited.impressions)) - before, 120);
  clock = NOON;
});

test('no client address is stored or logged: the bucket key is an HMAC under a per-process key', async () => {
  const limiter = new AddressRateLimiter({ exemptLoopback: false });
  assert.equal(limiter.take('203.0.113.9', 10), 0);
  assert.equal(limiter.take('2001:db8::1', 10), 0);
  assert.equal(limiter.size, 2);
  const keys = [...limiter['buckets'].keys()].join(' ');
  assert.doesNotMatch(keys, /203\.0\.113\.9|2001:db8/);
  // Two limiters (two processes) key the same address differently: the keys are not a reversible IP hash.
  const other = new AddressRateLimiter({ exemptLoopback: false });
  other.take('203.0.113.9', 1);
  assert.notEqual([...other['buckets'].keys()][0], [...limiter['buckets'].keys()][0]);
  // Nothing the collectors wrote (LMDB keys and values, log lines) holds the client's address.
  for (const sub of ['limited', 'open']) {
    const db = open({ path: join(dir, sub, 'impressions', 'impressions.lmdb'), compression: false, readOnly: true });
    try {
      for (const { key, value } of db.getRange({})) assert.doesNotMatch(JSON.stringify([key, value]), /127\.0\.0\.1|::1\b|::ffff/);
    } finally {
      await db.close();
    }
  }
  assert.doesNotMatch(logs.join(''), /127\.0\.0\.1|::ffff/);
});

test('the Redis store applies the same page-view bound', { timeout: 30_000 }, async () => {
  const redis = await startRedis();
  const store = await RedisImpressionStore.connect(redis.url, { prefix: 'abuse:' });
  try {
    const pv = pageViewId();
    const now = Date.now();
    const r1 = await store.ingest(makeBatch(pv, postEvents(0, 500, now)), now);
    const r2 = await store.ingest(makeBatch(pv, postEvents(500, 400, now)), now);
    const r3 = await store.ingest(makeBatch(pv, postEvents(900, 300, now)), now);
    assert.deepEqual([r1.accepted, r2.accepted, r3.accepted, r3.limited, r3.duplicates], [500, 400, 100, 200, 0]);
    const again = await store.ingest(makeBatch(pv, postEvents(0, 50, now)), now);
    assert.deepEqual([again.accepted, again.duplicates, again.limited], [0, 50, 0]);
    const day = new Date(now).toISOString().slice(0, 10);
    assert.equal((await store.rows(day, day)).reduce((n, r) => n + r.count, 0), 1000);
  } finally {
    await store.close();
    await redis.stop();
  }
});
