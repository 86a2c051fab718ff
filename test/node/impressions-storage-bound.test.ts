import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { startServer, type RunningServer } from '../../server/index.js';
import { LmdbImpressionStore } from '../../server/impressions/lmdb-store.js';
import { RedisImpressionStore } from '../../server/impressions/redis-store.js';
import { RedisServedPosts } from '../../server/impressions/served-posts.js';
import { makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { startRedis } from '../support/processes.js';

// Storage grows only with real traffic: post events count only for posts this server served in the last 24 hours,
// per-post counts are swept after the retention period (daily totals stay), and long reads yield to the event loop.
const SERVED = '1641086480675225601';
const OTHER = '1862267607274885231';
const MADE_UP = '1234567890123456789';
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'perch-storage-bound-'));
  dirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test('only posts served here in the last 24 hours are counted; made-up ids are acknowledged as unknown and cost nothing', async () => {
  let clock = Date.parse('2026-03-10T12:00:00.000Z');
  const dataDir = tempDir();
  const server: RunningServer = await startServer({ port: 0, logLevel: 'silent', serveDemo: false, dataDir, now: () => clock });
  try {
    const before = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 4, clock, 'rendered', () => SERVED)));
    assert.deepEqual(before.json, { accepted: 0, duplicates: 0, unknown: 4 }, 'not served yet');

    assert.equal((await fetch(`${server.url}/v1/tweets/${SERVED}`)).status, 200);
    const pv = pageViewId();
    const mixed = [...postEvents(0, 3, clock, 'rendered', () => SERVED), ...postEvents(3, 3, clock, 'rendered', () => MADE_UP), { seq: 6, kind: 'timeline' as const, type: 'rendered' as const, id: 'profile:XDevelopers', ts: clock }];
    assert.deepEqual((await postBatch(server.url, makeBatch(pv, mixed))).json, { accepted: 4, duplicates: 0, unknown: 3 });

    // Thousands of made-up ids add nothing to the store.
    for (let b = 0; b < 20; b++) {
      const r = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 500, clock, 'rendered', (i) => String(5_000_000_000 + b * 500 + i))));
      assert.deepEqual(r.json, { accepted: 0, duplicates: 0, unknown: 500 });
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /^perch_impression_refused_events_total\{reason="unknown-post"\} 10007$/m);

    // A day later, without being served again, the post no longer counts; served again, it does.
    clock += 25 * 60 * 60 * 1000;
    assert.deepEqual((await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 2, clock, 'rendered', () => SERVED)))).json, { accepted: 0, duplicates: 0, unknown: 2 });
    assert.equal((await fetch(`${server.url}/v1/tweets/${SERVED}`)).status, 200);
    assert.deepEqual((await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 2, clock, 'rendered', () => SERVED)))).json, { accepted: 2, duplicates: 0 });
  } finally {
    await server.close();
  }
  const store = LmdbImpressionStore.open(join(dataDir, 'impressions'), { sweepEveryMs: 0 });
  try {
    const items = await store.topItems('2026-03-01', '2026-03-31', 1000);
    assert.deepEqual(items.map((i) => i.id).sort(), [SERVED, 'profile:XDevelopers']);
  } finally {
    await store.close();
  }
});

test('with Redis, a post served by one process counts in another', { timeout: 30_000 }, async () => {
  const redis = await startRedis();
  const a = new Redis(redis.url);
  const b = new Redis(redis.url);
  const servedA = new RedisServedPosts(a);
  const servedB = new RedisServedPosts(b);
  try {
    servedA.markServed(OTHER);
    await new Promise((resolve) => setImmediate(resolve));
    await servedA.close(); // waits for the write
    assert.deepEqual([...(await servedB.known([OTHER, MADE_UP]))], [OTHER]);
  } finally {
    await servedB.close();
    a.disconnect();
    b.disconnect();
    await redis.stop();
  }
});

test('per-post counts are swept after the retention period; daily totals are kept (LMDB)', async () => {
  let clock = Date.parse('2026-01-10T12:00:00.000Z');
  const store = LmdbImpressionStore.open(join(tempDir(), 'impressions'), { sweepEveryMs: 0, retentionDays: 90, now: () => clock });
  try {
    await store.ingest(makeBatch(pageViewId(), postEvents(0, 10, clock, 'rendered', (i) => String(100 + i))), clock);
    clock = Date.parse('2026-04-09T12:00:00.000Z'); // 89 days later: kept
    assert.equal(await store.sweepItems(), 0);
    clock = Date.parse('2026-04-11T12:00:00.000Z'); // 91 days later: swept
    assert.equal(await store.sweepItems(), 10);
    assert.deepEqual(await store.topItems('2026-01-10', '2026-01-10', 100), []);
    assert.equal(await store.renderedTotal('2026-01-10'), 10);
    assert.equal((await store.rows('2026-01-10', '2026-01-10')).reduce((n, r) => n + r.count, 0), 10);
  } finally {
    await store.close();
  }
});

test('per-post counts expire after the retention period; daily totals do not (Redis)', { timeout: 30_000 }, async () => {
  const redis = await startRedis();
  const store = await RedisImpressionStore.connect(redis.url, { retentionDays: 90 });
  const client = new Redis(redis.url);
  try {
    const now = Date.now();
    await store.ingest(makeBatch(pageViewId(), postEvents(0, 4, now, 'rendered')), now);
    const day = new Date(now).toISOString().slice(0, 10);
    const ttl = await client.ttl(`perch:imp:item:${day}`);
    assert.ok(ttl > 89 * 86_400 && ttl <= 90 * 86_400, `item counts expire in ${ttl} s`);
    assert.equal(await client.ttl(`perch:imp:day:${day}`), -1);
    assert.equal(await client.ttl(`perch:imp:total:${day}`), -1);
  } finally {
    client.disconnect();
    await store.close();
    await redis.stop();
  }
});

test('reading many per-post counts (dashboard, report) leaves the event loop free', { timeout: 120_000 }, async () => {
  const now = Date.parse('2026-03-10T12:00:00.000Z');
  const store = LmdbImpressionStore.open(join(tempDir(), 'impressions'), { sweepEveryMs: 0, now: () => now });
  try {
    for (let b = 0; b < 200; b++) await store.ingest(makeBatch(pageViewId(), postEvents(0, 500, now, 'rendered', (i) => String(10_000_000 + b * 500 + i))), now);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const top = await store.topItems('2026-03-10', '2026-03-10', 20);
    delay.disable();
    assert.equal(top.length, 20);
    const maxMs = delay.max / 1e6;
    assert.ok(maxMs < 300, `longest event-loop block while reading 100,000 counts: ${Math.round(maxMs)} ms`);
  } finally {
    await store.close();
  }
});
