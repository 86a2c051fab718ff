import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpressionBatch } from '../../server/impressions/impression-types.js';
import { LmdbImpressionStore } from '../../server/impressions/lmdb-store.js';
import { utcDay } from '../../server/impressions/utc-day.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { freePort } from '../support/processes.js';
import { startCollector } from '../support/start-collector.js';

// kill -9 the collector in the middle of a load run, restart it on the same data directory, let the
// clients retry every unacknowledged batch with the same ids: each event is counted exactly once.
const BATCHES = 600;
const PER_BATCH = 20;
const CLIENTS = 12;

async function storeTotals(dataDir: string, day: string): Promise<{ rendered: number; all: number }> {
  const store = LmdbImpressionStore.open(join(dataDir, 'impressions'), { sweepEveryMs: 0 });
  try {
    const rows = await store.rows(day, day);
    return { rendered: await store.renderedTotal(day), all: rows.reduce((n, r) => n + r.count, 0) };
  } finally {
    await store.close();
  }
}

test('every acknowledged event survives kill -9 and retried batches are counted once', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'perch-crash-'));
  const port = await freePort();
  let collector = await startCollector({ store: 'memory', dataDir, port });
  const url = collector.url;
  const now = Date.now();
  const day = utcDay(now);
  // Page views spread over several batches each (distinct seqs), as a long page would send them.
  const batches: ImpressionBatch[] = [];
  for (let i = 0; i < BATCHES / 3; i++) {
    const pv = pageViewId();
    for (let j = 0; j < 3; j++) batches.push(makeBatch(pv, postEvents(j * PER_BATCH, PER_BATCH, now, undefined, (k) => String(5000 + ((i + k) % 40)))));
  }
  const queue = [...batches.keys()];
  const acked = new Set<number>();
  let ackedBeforeKill = -1;
  let failures = 0;
  let killed = false;

  const client = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const batch = batches[next];
      for (;;) {
        try {
          asAck(await postBatch(url, batch));
          acked.add(next);
          break;
        } catch {
          failures++;
          await new Promise((r) => setTimeout(r, 30));
        }
      }
      if (!killed && acked.size >= BATCHES / 3) {
        killed = true;
        ackedBeforeKill = acked.size;
        const ackedSet = new Set(acked);
        void (async () => {
          await collector.kill9();
          const survived = await storeTotals(dataDir, day);
          // Everything acknowledged before the kill is on disk.
          assert.ok(survived.all >= ackedSet.size * PER_BATCH, `${survived.all} events on disk, ${ackedSet.size * PER_BATCH} acknowledged`);
          collector = await startCollector({ store: 'memory', dataDir, port });
        })().catch((e: unknown) => {
          restartError = e;
        });
      }
    }
  };
  let restartError: unknown;
  await Promise.all(Array.from({ length: CLIENTS }, client));
  assert.equal(restartError, undefined);
  await collector.stop();
  assert.ok(killed && ackedBeforeKill > 0 && ackedBeforeKill < BATCHES);
  assert.ok(failures > 0, 'some requests failed while the collector was down');
  assert.equal(acked.size, BATCHES);
  const totals = await storeTotals(dataDir, day);
  assert.equal(totals.all, BATCHES * PER_BATCH);
  assert.equal(totals.rendered, (BATCHES * PER_BATCH) / 2);
  rmSync(dataDir, { recursive: true, force: true });
});
