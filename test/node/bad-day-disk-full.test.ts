import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpressionBatch } from '../../server/impressions/impression-types.js';
import { LmdbImpressionStore } from '../../server/impressions/lmdb-store.js';
import { utcDay } from '../../server/impressions/utc-day.js';
import { makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { metricValue, startServerProcess, type Started } from '../support/processes.js';

// The impressions data directory lives on a real 2 MB tmpfs that fills up: impressions are refused with 503 and
// Retry-After (nothing acknowledged is lost), posts keep being served, /healthz says why, and once space returns
// the same batches are counted once, without a restart.
const POSTS = ['1862267607274885231', '1703436713362870723', '1629262255744503809', '1641086480675225601'];

function mountSmallTmpfs(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Run `body` with a fresh 2 MB tmpfs mounted at a temporary folder, unmounted and removed afterwards; the
 * test is skipped, saying why, where no tmpfs can be mounted.
 */
async function onSmallTmpfs(t: TestContext, prefix: string, body: (mnt: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const mnt = join(root, 'mnt');
  mkdirSync(mnt);
  const cannot = mountSmallTmpfs(mnt);
  if (cannot !== undefined) {
    rmSync(root, { recursive: true, force: true });
    t.skip(`cannot mount a small tmpfs here (${cannot.split('\n')[0]})`);
    return;
  }
  try {
    await body(mnt);
  } finally {
    execFileSync('umount', [mnt]);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Leave about `bytes` free on the file system holding `dir`, with a filler file. */
function fillTo(dir: string, bytes: number): string {
  const filler = join(dir, 'filler');
  const s = statfsSync(dir);
  writeFileSync(filler, Buffer.alloc(Math.max(0, s.bavail * s.bsize - bytes)));
  return filler;
}

test('a full impressions disk answers 503 + Retry-After, keeps posts up, and recovers without a restart', { timeout: 120_000 }, async (t) => {
  await onSmallTmpfs(t, 'perch-disk-full-', async (mnt) => {
    let server: (Started & { url: string; logs: string[] }) | undefined;
    try {
      const dataDir = join(mnt, 'data');
      server = await startServerProcess(['--data-dir', dataDir, '--no-demo']);
      for (const id of POSTS) assert.equal((await fetch(`${server.url}/v1/tweets/${id}`)).status, 200);
      const filler = fillTo(mnt, 256 * 1024);

      // Page views send batches until the disk is full; remember every event sent and what was acknowledged.
      const now = Date.now();
      const sent: ImpressionBatch[] = [];
      const refused: ImpressionBatch[] = [];
      let acked = 0;
      let retryAfter: string | null = null;
      for (let i = 0; i < 2000 && refused.length < 5; i++) {
        const batch = makeBatch(pageViewId(), postEvents(0, 40, now, undefined, (k) => POSTS[k % POSTS.length] ?? ''));
        sent.push(batch);
        const r = await postBatch(server.url, batch);
        if (r.status === 200) acked += (r.json as { accepted: number }).accepted;
        else {
          assert.equal(r.status, 503, JSON.stringify(r.json));
          assert.equal((r.json as { error: { code: string } }).error.code, 'store-unavailable');
          retryAfter = r.headers.get('retry-after');
          refused.push(batch);
        }
      }
      assert.equal(refused.length, 5, 'the disk filled up');
      assert.ok(acked > 0);
      assert.match(retryAfter ?? '', /^[1-9][0-9]*$/);

      // Posts are still served; /healthz and /metrics say what is wrong; one log line for the change.
      for (const id of POSTS) assert.equal((await fetch(`${server.url}/v1/tweets/${id}`)).status, 200);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; degraded: Array<{ component: string; reason: string }> };
      assert.equal(health.status, 'degraded');
      assert.deepEqual(health.degraded.map((d) => [d.component, d.reason]), [['impressions-store', 'disk-full']]);
      assert.equal(await metricValue(server.url, /^perch_degraded\{component="impressions-store"\} (\d+)/m), 1);
      const degradedLines = (): number => server?.logs.filter((l) => l.includes('"msg":"degraded"')).length ?? 0;
      assert.equal(degradedLines(), 1);

      // Space returns: the page sends the refused batches again (same page views and sequence numbers).
      rmSync(filler);
      const deadline = Date.now() + 10_000;
      for (const batch of refused) {
        for (;;) {
          const r = await postBatch(server.url, batch);
          if (r.status === 200) {
            acked += (r.json as { accepted: number }).accepted;
            break;
          }
          assert.equal(r.status, 503);
          assert.ok(Date.now() < deadline, 'recovered within 10 s of space returning');
          await new Promise((resolve) => setTimeout(resolve, 100)); // the page's back-off, shortened
        }
      }
      const after = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string };
      assert.equal(after.status, 'ok');
      assert.equal(server.logs.filter((l) => l.includes('"msg":"recovered"')).length, 1);
      assert.equal(degradedLines(), 1, 'one line per change of state, not per refused batch');
      // A batch acknowledged before the disk filled, sent again, is a duplicate.
      const again = await postBatch(server.url, sent[0] as ImpressionBatch);
      assert.deepEqual(again.json, { accepted: 0, duplicates: 40 });
      await server.stop();
      server = undefined;

      // Every event was sent once and acknowledged once: the store holds exactly that many.
      assert.equal(acked, sent.length * 40);
      const store = LmdbImpressionStore.open(join(dataDir, 'impressions'), { sweepEveryMs: 0 });
      try {
        const rows = await store.rows(utcDay(now), utcDay(now));
        assert.equal(rows.reduce((n, r) => n + r.count, 0), acked);
      } finally {
        await store.close();
      }
    } finally {
      await server?.stop();
    }
  });
});

test('a server started on a full disk serves posts and refuses impressions with 503', { timeout: 60_000 }, async (t) => {
  await onSmallTmpfs(t, 'perch-disk-full-start-', async (mnt) => {
    let server: (Started & { url: string; logs: string[] }) | undefined;
    try {
      const dataDir = join(mnt, 'data');
      // A first run creates the store; then the disk fills while the server is down.
      server = await startServerProcess(['--data-dir', dataDir, '--no-demo']);
      await server.stop();
      fillTo(mnt, 0);
      server = await startServerProcess(['--data-dir', dataDir, '--no-demo']);
      assert.equal((await fetch(`${server.url}/v1/tweets/${POSTS[0]}`)).status, 200);
      const r = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 10, Date.now(), undefined, () => POSTS[0] ?? '')));
      assert.equal(r.status, 503);
      assert.equal((await fetch(`${server.url}/v1/tweets/${POSTS[1]}`)).status, 200, 'still serving after the refused batch');
      assert.equal(server.child.exitCode, null);
    } finally {
      await server?.stop();
    }
  });
});
