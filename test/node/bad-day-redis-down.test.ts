import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpressionBatch } from '../../server/impressions/impression-types.js';
import { RedisImpressionStore } from '../../server/impressions/redis-store.js';
import { utcDay } from '../../server/impressions/utc-day.js';
import { makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { metricValue, startRedis, startServerProcess, type Started } from '../support/processes.js';

// A real redis-server (append-only file, fsync before each reply) is killed with SIGKILL in the middle of an
// impressions load and started again on the same port. Meanwhile posts are served from the process's copy at
// once, impressions are refused with a quick 503, /healthz says degraded; afterwards everything recovers and
// every event the clients sent is counted exactly once.
const POSTS = ['1862267607274885231', '1703436713362870723', '1629262255744503809', '1641086480675225601'];
const BATCHES = 300;
const PER_BATCH = 20;
const CLIENTS = 6;

interface Health {
  status: string;
  degraded: Array<{ component: string; reason: string }>;
}

async function health(url: string): Promise<Health> {
  return (await (await fetch(`${url}/healthz`)).json()) as Health;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('Redis killed mid-load: posts keep coming, impressions 503 fast, nothing acknowledged is lost or double-counted', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'perch-redis-down-'));
  let redis: (Started & { url: string; port: number }) | undefined = await startRedis({ dir });
  const port = redis.port;
  let server: (Started & { url: string; logs: string[] }) | undefined;
  try {
    server = await startServerProcess(['--store', redis.url, '--data-dir', dir, '--no-demo']);
    const url = server.url;
    for (const id of POSTS) assert.equal((await fetch(`${url}/v1/tweets/${id}`)).status, 200);

    const now = Date.now();
    const batches: ImpressionBatch[] = [];
    for (let i = 0; i < BATCHES / 2; i++) {
      const pv = pageViewId();
      for (let j = 0; j < 2; j++) batches.push(makeBatch(pv, postEvents(j * PER_BATCH, PER_BATCH, now, undefined, (k) => POSTS[(i + k) % POSTS.length] ?? '')));
    }
    const queue = [...batches];
    let accepted = 0;
    let acked = 0;
    let ackedBatches = 0;
    const refusedMs: number[] = [];
    const client = async (): Promise<void> => {
      for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
        const t0 = performance.now();
        const r = await postBatch(url, batch);
        if (r.status === 200) {
          // A batch whose answer was lost when Redis died was counted then: sent again, its events are duplicates.
          const ack = r.json as { accepted: number; duplicates: number; unknown?: number };
          assert.equal(ack.unknown, undefined);
          accepted += ack.accepted;
          acked += ack.accepted + ack.duplicates;
          ackedBatches++;
          continue;
        }
        assert.equal(r.status, 503, JSON.stringify(r.json));
        assert.match(r.headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
        refusedMs.push(performance.now() - t0);
        queue.push(batch); // the page keeps it and sends it again later, same page view and sequence numbers
        await new Promise((resolve) => setTimeout(resolve, 20)); // the page's back-off, shortened
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));

    await until('a third of the batches acknowledged', async () => (ackedBatches >= BATCHES / 3 ? true : undefined));
    redis.child.kill('SIGKILL');
    await new Promise<void>((resolve) => (redis?.child.exitCode !== null || redis.child.signalCode !== null ? resolve() : redis.child.once('exit', () => resolve())));
    redis = undefined;

    // Down: /healthz names both parts, posts are answered at once from this process's copy.
    const down = await until('/healthz degraded', async () => {
      const h = await health(url);
      return h.degraded.length === 2 ? h : undefined;
    });
    assert.equal(down.status, 'degraded');
    assert.deepEqual(down.degraded.map((d) => `${d.component}:${d.reason}`).sort(), ['impressions-store:redis-unreachable', 'post-cache:redis-unreachable']);
    for (const id of POSTS) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/tweets/${id}`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as { id: string }).id, id);
      assert.ok(performance.now() - t0 < 500, `post answered in ${Math.round(performance.now() - t0)} ms while Redis is down`);
    }
    await until('some batches refused', async () => (refusedMs.length >= 10 ? true : undefined));
    assert.equal(await metricValue(url, /^perch_degraded\{component="post-cache"\} (\d+)/m), 1);

    // Back on the same port, with the same data: the server reconnects by itself.
    redis = await startRedis({ dir, port });
    await until('/healthz ok', async () => ((await health(url)).status === 'ok' ? true : undefined));
    await load;

    assert.ok(Math.max(...refusedMs) < 1500, `slowest 503 took ${Math.round(Math.max(...refusedMs))} ms`);
    assert.equal(acked, BATCHES * PER_BATCH, 'every event acknowledged in the end');
    assert.ok(accepted <= BATCHES * PER_BATCH);
    const store = await RedisImpressionStore.connect(redis.url);
    try {
      const rows = await store.rows(utcDay(now), utcDay(now));
      assert.equal(rows.reduce((n, r) => n + r.count, 0), BATCHES * PER_BATCH, 'every event counted exactly once');
    } finally {
      await store.close();
    }
    assert.equal(await metricValue(url, /^perch_degraded\{component="impressions-store"\} (\d+)/m), 0);
    const lines = server.logs.filter((l) => l.includes('"msg":"degraded"') || l.includes('"msg":"recovered"'));
    assert.equal(lines.filter((l) => l.includes('"msg":"degraded"') && l.includes('post-cache')).length, 1, lines.join('\n'));
    assert.equal(lines.filter((l) => l.includes('"msg":"recovered"') && l.includes('post-cache')).length, 1, lines.join('\n'));
  } finally {
    await server?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
