import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '../../server/http/router.js';
import { registerImpressions, type RegisteredImpressions } from '../../server/impressions/index.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

// One client cannot move the day's total: past its daily allowance its batches are refused until the next UTC day,
// whatever its pace, and the refused volume shows on /metrics and the dashboard.
const NOON = Date.parse('2026-03-10T12:00:00.000Z');
const TOKEN = 'daily-limit-admin-token-0123456789';
let clock = NOON;
let dir: string;
let server: RouterServer;
let impressions: RegisteredImpressions;
let metrics: Metrics;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-daily-limit-'));
  const router = new Router();
  metrics = new Metrics();
  impressions = await registerImpressions(router, {
    store: 'memory',
    dataDir: dir,
    adminToken: TOKEN,
    metrics,
    log: createLogger('silent'),
    now: () => clock,
    // Fast enough never to be the bound here; the test client is on loopback, exempt by default.
    rateLimit: { eventsPerSecond: 1_000_000, burst: 1_000_000, eventsPerDay: 100, exemptLoopback: false, now: () => clock },
  });
  server = await serveRouter(router);
});

after(async () => {
  await server?.close();
  await impressions?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function counted(day: string): Promise<number> {
  return (await impressions.store.rows(day, day)).reduce((n, r) => n + r.count, 0);
}

test('a client past its daily allowance is refused with 429 until the next UTC day; the total moves by at most the allowance', async () => {
  const statuses: number[] = [];
  let refused: Awaited<ReturnType<typeof postBatch>> | undefined;
  // A flood of fresh page views from one client.
  for (let i = 0; i < 30; i++) {
    const r = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 20, NOON)));
    statuses.push(r.status);
    if (r.status !== 200) refused ??= r;
  }
  assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
  assert.ok(statuses.slice(5).every((s) => s === 429));
  assert.equal(await counted('2026-03-10'), 100);
  assert.equal((refused?.json as { error: { code: string } }).error.code, 'daily-limit');
  assert.equal(refused?.headers.get('retry-after'), String(12 * 3600), 'until midnight UTC');

  // The refused volume is on /metrics and on the dashboard, next to a total it did not move.
  assert.equal(metrics.value('perch_impression_refused_events_total', { reason: 'daily-limit' }), 25 * 20);
  const page = await (await fetch(`${server.url}/dashboard`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
  assert.match(page, /Not counted today/);
  assert.match(page, /one client over its daily allowance<\/td><td class="n">500</);

  // A new UTC day gives a new allowance.
  clock = Date.parse('2026-03-11T00:00:01.000Z');
  const next = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 20, clock)));
  assert.equal(next.status, 200);
  assert.equal(await counted('2026-03-11'), 20);
  clock = NOON;
});
