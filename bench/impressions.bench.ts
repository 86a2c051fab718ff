/**
 * Impressions collector throughput on loopback: a collector process (embedded LMDB store, then Redis)
 * under keep-alive POSTs of realistic 20-event batches; prints JSON (events/s, p50/p99 ack latency).
 * Env: BENCH_SECONDS (default 6), BENCH_CONCURRENCY (default 64), BENCH_BATCH (default 20).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LmdbImpressionStore } from '../server/impressions/lmdb-store.js';
import { RedisImpressionStore } from '../server/impressions/redis-store.js';
import type { ImpressionStore } from '../server/impressions/impression-store.js';
import { utcDay } from '../server/impressions/utc-day.js';
import { startRedis } from '../test/support/processes.js';
import { startCollector } from '../test/support/start-collector.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);

/** A batch body like a page sends: one page view, posts and a timeline, rendered then viewable. */
function body(now: number): string {
  const pv = randomBytes(16).toString('base64url').slice(0, 22);
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    const timeline = i === BATCH - 1;
    events.push({ seq: i, kind: timeline ? 'timeline' : 'post', type: i % 3 === 2 ? 'viewable' : 'rendered', id: timeline ? 'profile:XDevelopers' : String(1600000000000000000n + BigInt(i % 12)), ts: now - (BATCH - i) * 50 });
  }
  return JSON.stringify({ v: 1, pageView: pv, site: 'https://news.example', path: '/2026/article-about-things', events });
}

interface LoadResult {
  batches: number;
  errors: number;
  latencies: number[];
  ms: number;
}

async function load(url: string, seconds: number): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  const post = (data: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: '/v1/impressions', method: 'POST', agent, headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(data) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(data);
    });
  const started = performance.now();
  const end = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const data = body(Date.now());
      const t0 = performance.now();
      try {
        if ((await post(data)) !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const ms = performance.now() - started;
  agent.destroy();
  return { batches: latencies.length - errors, errors, latencies, ms };
}

function percentile(sorted: number[], p: number): number {
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 100) / 100;
}

async function counted(store: ImpressionStore): Promise<number> {
  const day = utcDay(Date.now());
  const rows = await store.rows(utcDay(Date.now() - 86_400_000), day);
  await store.close();
  return rows.reduce((n, r) => n + r.count, 0);
}

/** CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function run(name: string, storeArg: string, dataDir: string, open: () => Promise<ImpressionStore>): Promise<Record<string, number | string>> {
  const collector = await startCollector({ store: storeArg, dataDir });
  try {
    await load(collector.url, 1); // warm-up (JIT, connections)
    const before = await counted(await open());
    const cpu0 = cpuSeconds(collector.child.pid);
    const r = await load(collector.url, SECONDS);
    const collectorCpu = cpuSeconds(collector.child.pid) - cpu0;
    const sorted = [...r.latencies].sort((x, y) => x - y);
    const after = await counted(await open());
    return {
      store: name,
      eventsPerSecond: Math.round((r.batches * BATCH) / (r.ms / 1000)),
      batchesPerSecond: Math.round(r.batches / (r.ms / 1000)),
      p50AckMs: percentile(sorted, 50),
      p99AckMs: percentile(sorted, 99),
      maxAckMs: percentile(sorted, 100),
      /** Cores the collector process used; the load generator shares the same machine. */
      collectorCores: Math.round((collectorCpu / (r.ms / 1000)) * 100) / 100,
      eventsPerCollectorCpuSecond: collectorCpu > 0 ? Math.round((r.batches * BATCH) / collectorCpu) : 0,
      errors: r.errors,
      eventsAcked: r.batches * BATCH,
      eventsCounted: after - before,
    };
  } finally {
    await collector.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'perch-imp-bench-'));
const results: Array<Record<string, number | string>> = [];
try {
  results.push(await run('lmdb', 'memory', dir, async () => LmdbImpressionStore.open(join(dir, 'impressions'), { sweepEveryMs: 0 })));
  const redis = await startRedis();
  try {
    results.push(await run('redis', redis.url, dir, () => RedisImpressionStore.connect(redis.url)));
  } finally {
    await redis.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(JSON.stringify({ bench: 'impressions', cores: availableParallelism(), node: process.version, seconds: SECONDS, concurrency: CONCURRENCY, eventsPerBatch: BATCH, targetEventsPerSecond: 50_000, results }, null, 2) + '\n');
