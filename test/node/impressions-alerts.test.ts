import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '../../server/http/router.js';
import { AlertMonitor } from '../../server/impressions/alerts.js';
import { registerImpressions, type RegisteredImpressions } from '../../server/impressions/index.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { startFakeWebhook, type FakeWebhook } from '../support/fake-webhook.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

// Threshold alerts with a threshold of 100 a day, a fake webhook that fails once, and a pinned clock.
const SIX_AM = Date.parse('2026-05-04T06:00:00.000Z');
let clock = SIX_AM;
let dir: string;
let hook: FakeWebhook;
let server: RouterServer;
let impressions: RegisteredImpressions;
const logs: string[] = [];

interface AlertBody {
  type: string;
  alert: { day: string; key: string; count: number; threshold: number; projected: number; message: string };
}

async function send(rendered: number): Promise<void> {
  asAck(await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, rendered, clock, 'rendered'))));
}

function alertLogs(): Array<{ level: string; alert: string; day: string }> {
  return logs.map((l) => JSON.parse(l) as { level: string; msg: string; alert: string; day: string }).filter((l) => l.msg === 'impressions-alert');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-alerts-'));
  hook = await startFakeWebhook([500]);
  const router = new Router();
  impressions = await registerImpressions(router, { store: 'memory', dataDir: dir, adminToken: 'admin', metrics: new Metrics(), log: createLogger('warn', (l) => logs.push(l)), now: () => clock, threshold: 100, webhookUrl: hook.url, webhookBaseDelayMs: 30 });
  server = await serveRouter(router);
});
after(async () => {
  await server?.close();
  await impressions?.close();
  await hook?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('at 6:00 UTC, 30 impressions project 120 for the day: a "projected" alert, no level yet; the webhook is retried after a 500', async () => {
  await send(30);
  await impressions.webhookIdle();
  assert.deepEqual(alertLogs().map((a) => [a.level, a.alert, a.day]), [['warn', 'projected', '2026-05-04']]);
  assert.equal(hook.received.length, 2, 'first delivery answered 500, then retried');
  assert.deepEqual(hook.received[0], hook.received[1]);
  const body = hook.received[1] as AlertBody;
  assert.equal(body.type, 'perch.impressions.alert');
  assert.deepEqual([body.alert.key, body.alert.count, body.alert.projected, body.alert.threshold], ['projected', 30, 120, 100]);
  assert.ok(logs.some((l) => l.includes('"webhook-retry"')));
});

test('50%, 80% and 100% fire once each, in order, however many batches follow', async () => {
  await send(25); // 55
  await send(5); // 60
  await send(25); // 85
  await send(15); // 100
  await send(10); // 110
  await Promise.all(Array.from({ length: 5 }, () => send(3)));
  await impressions.webhookIdle();
  assert.deepEqual(alertLogs().map((a) => a.alert), ['projected', 'level:0.5', 'level:0.8', 'level:1']);
  const keys = hook.received.slice(2).map((b) => (b as AlertBody).alert.key);
  assert.deepEqual(keys, ['level:0.5', 'level:0.8', 'level:1']);
  assert.deepEqual(hook.received.slice(2).map((b) => (b as AlertBody).alert.count), [55, 85, 100]);
});

test('another process sharing the store does not fire the same alerts again', async () => {
  const otherLogs: string[] = [];
  const other = new AlertMonitor(impressions.store, { threshold: 100, levels: [0.5, 0.8, 1], projectAfterMs: 3_600_000, now: () => clock, log: createLogger('warn', (l) => otherLogs.push(l)) });
  await other.observe(new Map([['2026-05-04', 200]]));
  assert.deepEqual(otherLogs, []);
});

test('a new UTC day starts over; no projection in its first hour', async () => {
  clock = Date.parse('2026-05-05T00:30:00.000Z');
  await send(60);
  await impressions.webhookIdle();
  assert.deepEqual(alertLogs().slice(4).map((a) => [a.alert, a.day]), [['level:0.5', '2026-05-05']]);
  clock = Date.parse('2026-05-05T01:00:00.000Z');
  await send(1); // 61 after 1 h → projected 1464
  await impressions.webhookIdle();
  assert.deepEqual(alertLogs().slice(5).map((a) => [a.alert, a.day]), [['projected', '2026-05-05']]);
});

test('the dashboard lists the alerts', async () => {
  const page = await (await fetch(`${server.url}/dashboard?token=admin`)).text();
  assert.match(page, /reached 50% of the 100 daily threshold/);
  assert.match(page, /projected to reach/);
});
