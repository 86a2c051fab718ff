import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpressionBatch } from '../../server/impressions/impression-types.js';
import { RedisImpressionStore } from '../../server/impressions/redis-store.js';
import { utcDay } from '../../server/impressions/utc-day.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { startRedis, type Started } from '../support/processes.js';
import { startCollector, type CollectorProcess } from '../support/start-collector.js';

// Two collector processes sharing one real redis-server: exact totals under concurrent load,
// and a batch retried through the other process is still counted once.
let redis: Started & { url: string };
let a: CollectorProcess;
let b: CollectorProcess;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-redis-imp-'));
  redis = await startRedis();
  [a, b] = await Promise.all([startCollector({ store: redis.url, dataDir: dir }), startCollector({ store: redis.url, dataDir: dir })]);
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('concurrent batches through two processes, each sent twice (once to each), give exact totals', { timeout: 60_000 }, async () => {
  const now = Date.now();
  const day = utcDay(now);
  const batches: ImpressionBatch[] = [];
  for (let i = 0; i < 200; i++) {
    const pv = pageViewId();
    batches.push(makeBatch(pv, postEvents(0, 20, now, undefined, (k) => String(9000 + (k % 10))), i % 2 === 0 ? 'https://a.example' : 'https://b.example'));
    batches.push(makeBatch(pv, [...postEvents(20, 10, now, 'rendered'), { seq: 30, kind: 'timeline', type: 'viewable', id: 'list:42', ts: now }], 'https://a.example'));
  }
  // Every batch goes to both processes at once: one counts it, the other sees duplicates.
  const jobs = batches.flatMap((batch) => [a.url, b.url].map((url) => ({ url, batch })));
  let accepted = 0;
  let duplicates = 0;
  const worker = async (): Promise<void> => {
    for (let job = jobs.shift(); job !== undefined; job = jobs.shift()) {
      const ack = asAck(await postBatch(job.url, job.batch));
      accepted += ack.accepted;
      duplicates += ack.duplicates;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  const distinct = 200 * 31;
  assert.equal(accepted, distinct);
  assert.equal(duplicates, distinct);
  const store = await RedisImpressionStore.connect(redis.url);
  try {
    const rows = await store.rows(day, day);
    const count = (site: string, kind: string, type: string) => rows.find((r) => r.site === site && r.kind === kind && r.type === type)?.count ?? 0;
    assert.equal(rows.reduce((n, r) => n + r.count, 0), distinct);
    assert.equal(count('https://a.example', 'post', 'rendered'), 100 * 10 + 200 * 10);
    assert.equal(count('https://b.example', 'post', 'viewable'), 100 * 10);
    assert.equal(count('https://a.example', 'timeline', 'viewable'), 200);
    assert.equal(await store.renderedTotal(day), 200 * 10 + 200 * 10);
    const top = await store.topItems(day, day, 3);
    assert.equal(top.length, 3);
    assert.equal(top.reduce((n, t) => n + t.rendered, 0), (200 * 10 + 200 * 10) * 0.3);
  } finally {
    await store.close();
  }
});

test('alerts are claimed once across processes', async () => {
  const store = await RedisImpressionStore.connect(redis.url);
  const other = await RedisImpressionStore.connect(redis.url);
  try {
    const alert = { day: '2026-01-01', key: 'level:0.5', message: 'half', count: 5, threshold: 10, projected: 5, firedAt: 1 };
    const claims = await Promise.all([store.claimAlert(alert), other.claimAlert(alert), store.claimAlert(alert)]);
    assert.deepEqual(claims.filter(Boolean).length, 1);
    assert.deepEqual((await other.alerts('2026-01-01', '2026-01-01')).map((x) => x.key), ['level:0.5']);
  } finally {
    await store.close();
    await other.close();
  }
});
