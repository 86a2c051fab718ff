/**
 * `npm run bench:impressions`: impressions collector throughput on loopback. A collector process
 * (test/support/collector-process.ts; embedded LMDB store, then Redis) under keep-alive POSTs of realistic
 * 20-event batches, each from a new page view; prints JSON: events/s, p50/p99 acknowledgement latency
 * (an ack is sent only after the batch is committed), CPU of the collector and of the load generator, and
 * the same load against a minimal node:http server that reads the body and answers a fixed ack (the ceiling
 * of this machine), in the same run. The generator is bench/load-worker.mjs (raw sockets, prebuilt bytes).
 * Env: BENCH_SECONDS (per round, default 5), BENCH_ROUNDS (default 3), BENCH_CONCURRENCY (default 64),
 * BENCH_BATCH (default 20), BENCH_STORES (default "lmdb,redis"), BENCH_CPU_PROF=dir (profile collectors).
 * Degraded modes, each next to a healthy run of the same collector in the same run: Redis killed, the LMDB data
 * directory on a full 2 MB tmpfs (needs `mount`; skipped with the reason otherwise), and one client flooding
 * (every request from one X-Forwarded-For address, over its daily allowance). BENCH_DEGRADED_SECONDS (default 3),
 * BENCH_DEGRADED=0 to skip them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImpressionStore } from '../server/impressions/impression-store.js';
import { LmdbImpressionStore } from '../server/impressions/lmdb-store.js';
import { RedisImpressionStore } from '../server/impressions/redis-store.js';
import { utcDay } from '../server/impressions/utc-day.js';
import { startRedis } from '../test/support/processes.js';
import { cpuSeconds, median, percentile, round, runLoad } from './load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const STORES = (process.env.BENCH_STORES ?? 'lmdb,redis').split(',');
const PV_PLACEHOLDER = 'PAGEVIEWPAGEVIEWPAGEVW'; // 22 characters, replaced per request by the generator

/** A POST like a page's beacon: one page view, posts and a timeline, rendered then viewable. */
function template(url: string, now: number, extraHeaders = ''): { template: Buffer; pvOffset: number } {
  const events = [];
  for (let i = 0; i < BATCH; i++) {
    const timeline = i === BATCH - 1;
    events.push({ seq: i, kind: timeline ? 'timeline' : 'post', type: i % 3 === 2 ? 'viewable' : 'rendered', id: timeline ? 'profile:XDevelopers' : String(1600000000000000000n + BigInt(i % 12)), ts: now - (BATCH - i) * 50 });
  }
  const body = JSON.stringify({ v: 1, pageView: PV_PLACEHOLDER, site: 'https://news.example', path: '/2026/article-about-things', events });
  const head = `POST /v1/impressions HTTP/1.1\r\nHost: ${new URL(url).host}\r\nConnection: keep-alive\r\nContent-Type: text/plain;charset=UTF-8\r\nOrigin: https://news.example\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n`;
  const bytes = Buffer.from(head + body, 'utf8');
  return { template: bytes, pvOffset: bytes.indexOf(PV_PLACEHOLDER) };
}

function startProcess(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /\{"listening":"([^"]+)"\}/.exec(out);
      if (m !== null) resolve({ child, url: m[1] ?? '' });
    });
    child.once('exit', (code) => reject(new Error(`process exited ${code}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(t);
}

/** BENCH_BASELINE_DIR: a checkout (e.g. the last commit) whose collector is measured in the same rounds. */
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;

function startCollector(store: string, dataDir: string, root = fileURLToPath(new URL('..', import.meta.url)), extra: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof !== undefined ? ['--cpu-prof', '--cpu-prof-dir', prof] : [];
  return startProcess([...flags, '--import', 'tsx', join(root, 'test/support/collector-process.ts'), '--store', store, '--data-dir', dataDir, '--port', '0', ...extra]);
}

interface Round {
  eventsPerSecond: number;
  batchesPerSecond: number;
  p50AckMs: number;
  p99AckMs: number;
  maxAckMs: number;
  errors: number;
  /** Cores the collector (or peer) process used. */
  serverCores: number;
  /** Collector CPU time per event (user + system), µs. */
  serverCpuUsPerEvent: number;
  generatorCores: number;
  generatorElu: number[];
  eventsAcked: number;
}

async function measure(url: string, pid: number | undefined, seconds: number): Promise<Round> {
  const cpu0 = cpuSeconds(pid);
  const r = await runLoad({ url, connections: CONCURRENCY, durationMs: seconds * 1000, ...template(url, Date.now()) });
  const cpu = cpuSeconds(pid) - cpu0;
  const ok = r.count - r.errors;
  return {
    eventsPerSecond: Math.round((ok * BATCH) / (r.ms / 1000)),
    batchesPerSecond: Math.round(ok / (r.ms / 1000)),
    p50AckMs: percentile(r.latencies, 50),
    p99AckMs: percentile(r.latencies, 99),
    maxAckMs: percentile(r.latencies, 100),
    errors: r.errors,
    serverCores: round(cpu / (r.ms / 1000)),
    serverCpuUsPerEvent: round((cpu * 1e6) / Math.max(1, ok * BATCH)),
    generatorCores: r.generatorCores,
    generatorElu: r.generatorElu,
    eventsAcked: ok * BATCH,
  };
}

function summarize(rounds: Round[]): Record<string, unknown> {
  const m = (f: (r: Round) => number): number => median(rounds.map(f));
  return {
    medianEventsPerSecond: m((r) => r.eventsPerSecond),
    medianP50AckMs: m((r) => r.p50AckMs),
    medianP99AckMs: m((r) => r.p99AckMs),
    medianServerCores: m((r) => r.serverCores),
    medianServerCpuUsPerEvent: m((r) => r.serverCpuUsPerEvent),
    medianGeneratorCores: m((r) => r.generatorCores),
    rounds,
  };
}

async function counted(open: () => Promise<ImpressionStore>): Promise<number> {
  const store = await open();
  try {
    const rows = await store.rows(utcDay(Date.now() - 86_400_000), utcDay(Date.now() + 86_400_000));
    return rows.reduce((n, r) => n + r.count, 0);
  } finally {
    await store.close();
  }
}

async function run(name: string, storeArg: string, dataDir: string, open: () => Promise<ImpressionStore>, peerUrl: string, peerPid: number | undefined): Promise<Record<string, unknown>> {
  const collector = await startCollector(storeArg, dataDir);
  // The baseline keeps its own data (LMDB directory, or a Redis key prefix it cannot change: then it shares the counts, so it is skipped).
  const baseline = BASELINE_DIR !== undefined && name === 'lmdb' ? await startCollector(storeArg, join(dataDir, 'baseline'), BASELINE_DIR) : undefined;
  try {
    await measure(collector.url, collector.child.pid, 1); // warm-up (JIT, connections)
    await measure(peerUrl, peerPid, 1);
    if (baseline !== undefined) await measure(baseline.url, baseline.child.pid, 1);
    const before = await counted(open);
    const mine: Round[] = [];
    const peer: Round[] = [];
    const base: Round[] = [];
    const steps: Array<() => Promise<void>> = [
      async () => void mine.push(await measure(collector.url, collector.child.pid, SECONDS)),
      async () => void peer.push(await measure(peerUrl, peerPid, SECONDS)),
      ...(baseline !== undefined ? [async () => void base.push(await measure(baseline.url, baseline.child.pid, SECONDS))] : []),
    ];
    // Alternate the order every round so no contestant always runs first (or right after another).
    for (let i = 0; i < ROUNDS; i++) for (const step of i % 2 === 0 ? steps : [...steps].reverse()) await step();
    const after = await counted(open);
    const s = summarize(mine);
    const c = summarize(peer);
    const eps = s.medianEventsPerSecond as number;
    return {
      store: name,
      eventsPerSecond: eps,
      p99AckMs: s.medianP99AckMs,
      targetMet: eps >= 50_000,
      ratioToPeer: round(eps / Math.max(1, c.medianEventsPerSecond as number)),
      /** Goals (issue #17): p99 ≤ 1.15× and throughput ≥ 0.85× of the peer, medians of alternated rounds. */
      p99RatioToPeer: round((s.medianP99AckMs as number) / Math.max(0.01, c.medianP99AckMs as number)),
      throughputRatioToPeer: round(eps / Math.max(1, c.medianEventsPerSecond as number)),
      cpuPerEventRatioToPeer: round((s.medianServerCpuUsPerEvent as number) / Math.max(0.01, c.medianServerCpuUsPerEvent as number)),
      /** The same ratios taken round by round (each round's pair ran back to back), then the median: steadier when the machine's load drifts. */
      pairedRatiosToPeer: {
        p99: round(median(mine.map((r, i) => r.p99AckMs / Math.max(0.01, peer[i]?.p99AckMs ?? 0)))),
        throughput: round(median(mine.map((r, i) => r.eventsPerSecond / Math.max(1, peer[i]?.eventsPerSecond ?? 0)))),
        cpuPerEvent: round(median(mine.map((r, i) => r.serverCpuUsPerEvent / Math.max(0.01, peer[i]?.serverCpuUsPerEvent ?? 0)))),
      },
      eventsAcked: mine.reduce((n, r) => n + r.eventsAcked, 0),
      eventsCounted: after - before,
      collector: s,
      peerMinimalNodeHttp: c,
      ...(baseline !== undefined ? { baseline: { dir: BASELINE_DIR, ...summarize(base) } } : {}),
    };
  } finally {
    if (baseline !== undefined) await stop(baseline.child);
    await stop(collector.child);
  }
}

const DEGRADED_SECONDS = Number(process.env.BENCH_DEGRADED_SECONDS ?? 3);

/** One load run summarised for a degraded-mode comparison: every answer counts, whatever its status. */
async function answers(url: string, pid: number | undefined, extraHeaders = ''): Promise<Record<string, unknown>> {
  const cpu0 = cpuSeconds(pid);
  const r = await runLoad({ url, connections: CONCURRENCY, durationMs: DEGRADED_SECONDS * 1000, ...template(url, Date.now(), extraHeaders) });
  const cpu = cpuSeconds(pid) - cpu0;
  return {
    answersPerSecond: Math.round(r.count / (r.ms / 1000)),
    acceptedEventsPerSecond: Math.round(((r.statuses['200'] ?? 0) * BATCH) / (r.ms / 1000)),
    p50Ms: percentile(r.latencies, 50),
    p99Ms: percentile(r.latencies, 99),
    maxMs: percentile(r.latencies, 100),
    statuses: r.statuses,
    serverCores: round(cpu / (r.ms / 1000)),
  };
}

/** Healthy, then the same collector with Redis killed. */
async function redisDown(dataDir: string): Promise<Record<string, unknown>> {
  const redis = await startRedis();
  const collector = await startCollector(redis.url, dataDir);
  try {
    await answers(collector.url, collector.child.pid); // warm-up
    const healthy = await answers(collector.url, collector.child.pid);
    await redis.stop();
    const down = await answers(collector.url, collector.child.pid);
    return { healthy, redisDown: down };
  } finally {
    await stop(collector.child);
    await redis.stop();
  }
}

/** Healthy on a 2 MB tmpfs, then the same collector once that file system is full. */
async function diskFull(dir: string): Promise<Record<string, unknown>> {
  const mnt = join(dir, 'tmpfs');
  mkdirSync(mnt);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
  } catch (error) {
    return { skipped: `cannot mount a small tmpfs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  const collector = await startCollector('memory', join(mnt, 'data'));
  try {
    const healthy = await answers(collector.url, collector.child.pid);
    const s = statfsSync(mnt);
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(s.bavail * s.bsize));
    const full = await answers(collector.url, collector.child.pid);
    return { healthy, diskFull: full };
  } finally {
    await stop(collector.child);
    execFileSync('umount', [mnt]);
  }
}

/** Many page views from many visitors, then every request from one visitor (X-Forwarded-For from a local proxy). */
async function oneClientFloods(dataDir: string): Promise<Record<string, unknown>> {
  // A small daily allowance, so that a short run reaches it.
  const collector = await startCollector('memory', dataDir, undefined, ['--client-events-per-day', '2000']);
  try {
    await answers(collector.url, collector.child.pid); // warm-up
    const healthy = await answers(collector.url, collector.child.pid);
    const flood = await answers(collector.url, collector.child.pid, 'X-Forwarded-For: 198.51.100.7\r\n');
    const accepted = ((flood.statuses as Record<string, number>)['200'] ?? 0) * BATCH;
    return { healthy, oneClientFloods: flood, floodEventsCounted: accepted, dailyAllowancePerClient: 2000 };
  } finally {
    await stop(collector.child);
  }
}

const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'perch-imp-bench-'));
const peer = await startProcess([fileURLToPath(new URL('./impressions-peer.mjs', import.meta.url))]);
const results: Array<Record<string, unknown>> = [];
const degraded: Record<string, unknown> = {};
try {
  if (STORES.includes('lmdb')) results.push(await run('lmdb', 'memory', dir, async () => LmdbImpressionStore.open(join(dir, 'impressions'), { sweepEveryMs: 0 }), peer.url, peer.child.pid));
  if (STORES.includes('redis')) {
    const redis = await startRedis();
    try {
      results.push(await run('redis', redis.url, dir, () => RedisImpressionStore.connect(redis.url), peer.url, peer.child.pid));
    } finally {
      await redis.stop();
    }
  }
  if (process.env.BENCH_DEGRADED !== '0') {
    degraded.redis = await redisDown(join(dir, 'redis-down'));
    degraded.disk = await diskFull(dir);
    degraded.flood = await oneClientFloods(join(dir, 'flood'));
  }
} finally {
  await stop(peer.child);
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  JSON.stringify(
    {
      bench: 'impressions',
      cores: availableParallelism(),
      node: process.version,
      /** 1-minute load average before and after: other work on the machine skews every absolute number. */
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
      loadGenerator: 'raw node:net keep-alive HTTP/1.1 in a worker thread, one request in flight per connection, prebuilt bytes with a fresh page-view id each',
      roundSeconds: SECONDS,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      eventsPerBatch: BATCH,
      targetEventsPerSecond: 50_000,
      results,
      /** Each degraded mode next to a healthy run of the same collector, same load; every answer counted whatever its status. */
      degraded: { roundSeconds: DEGRADED_SECONDS, ...degraded },
    },
    null,
    2,
  ) + '\n',
);
for (const r of results) process.stderr.write(`impressions ingest (${String(r.store)}): p99RatioToPeer ${String(r.p99RatioToPeer)}, throughputRatioToPeer ${String(r.throughputRatioToPeer)}, cpuPerEventRatioToPeer ${String(r.cpuPerEventRatioToPeer)}; paired by round: ${JSON.stringify(r.pairedRatiosToPeer)} (load average ${round(loadBefore)} → ${round(loadavg()[0] ?? 0)})\n`);
