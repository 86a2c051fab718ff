/**
 * `npm run bench:server`: the embed server under load on loopback, printed as JSON.
 * - cached post lookups at 200 concurrent keep-alive connections: requests/s, p50/p99 latency
 *   (target ≥ 5,000 req/s and p99 < 20 ms on 2 cores). The load generator (bench/load-worker.mjs,
 *   raw sockets, prebuilt request bytes) runs in a worker thread; its CPU use is reported.
 * - the same load against a minimal node:http server answering the same bytes (bench/peer-server.mjs),
 *   in the same run, alternating rounds: the ceiling of this machine, so the ratio can be judged.
 * - resident memory after 100,000 distinct ids, against the LRU bound.
 * Env: BENCH_DURATION_MS (per round, default 5000), BENCH_ROUNDS (default 3), BENCH_WORKERS (default 1),
 * BENCH_CONNECTIONS (default 200), BENCH_CPU_PROF=dir (profile the server process into dir).
 * - degraded modes, each next to a healthy run of the same server in the same run: cached lookups with the Redis
 *   store once Redis is killed (served from the process's copy), with the impressions data directory on a full
 *   2 MB tmpfs (needs `mount`), and while one client floods the impressions collector (over its daily allowance).
 *   BENCH_DEGRADED_MS (per run, default 3000), BENCH_DEGRADED=0 to skip them.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '../test/support/processes.js';
import { cpuSeconds, getRequest, median, percentile, round, runLoad } from './load.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_ENTRIES = 20_000;
const POST_PATH = '/v1/tweets/1641086480675225601';

function get(agent: Agent, url: URL, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, agent, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function waitListening(child: ChildProcess, pick: (line: string) => string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      for (const line of buf.split('\n')) {
        const url = pick(line);
        if (url !== undefined) return resolve(url);
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited ${code}`)));
  });
}

async function startServer(args: string[], root = '.'): Promise<{ child: ChildProcess; url: string }> {
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof !== undefined ? ['--cpu-prof', '--cpu-prof-dir', prof] : [];
  const child = spawn(process.execPath, [...flags, join(root, 'dist/server/server/cli.js'), '--port', '0', '--log-level', 'info', '--no-demo', ...args], { stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  const url = await waitListening(child, (l) => (l.includes('"listening"') ? (JSON.parse(l) as { url: string }).url : undefined));
  return { child, url };
}

async function startPeer(bodyFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [new URL('./peer-server.mjs', import.meta.url).pathname, bodyFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await waitListening(child, (l) => (l.startsWith('{"listening"') ? (JSON.parse(l) as { listening: string }).listening : undefined));
  return { child, url };
}

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^process_resident_memory_bytes (\d+)/m.exec(text);
  return m === null ? 0 : Number(m[1]);
}

interface Round {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  serverCores: number;
  /** Server CPU time per answered request (user + system), µs: the per-request cost, steadier than req/s on a shared box. */
  serverCpuUsPerRequest: number;
  generatorCores: number;
  generatorElu: number[];
}

async function measure(url: string, pid: number | undefined, durationMs: number): Promise<Round> {
  const cpu0 = cpuSeconds(pid);
  const r = await runLoad({ url, connections: CONNECTIONS, durationMs, workers: WORKERS, request: getRequest(url, POST_PATH, { 'accept-encoding': 'gzip, br' }) });
  const serverCpu = cpuSeconds(pid) - cpu0;
  return {
    requestsPerSecond: Math.round(r.count / (r.ms / 1000)),
    p50Ms: percentile(r.latencies, 50),
    p99Ms: percentile(r.latencies, 99),
    errors: r.errors,
    serverCores: round(serverCpu / (r.ms / 1000)),
    serverCpuUsPerRequest: Math.round((serverCpu * 1e6) / Math.max(1, r.count)),
    generatorCores: r.generatorCores,
    generatorElu: r.generatorElu,
  };
}

function summarize(rounds: Round[]): Record<string, unknown> {
  return {
    medianRequestsPerSecond: median(rounds.map((r) => r.requestsPerSecond)),
    medianP50Ms: median(rounds.map((r) => r.p50Ms)),
    medianP99Ms: median(rounds.map((r) => r.p99Ms)),
    medianServerCores: median(rounds.map((r) => r.serverCores)),
    medianServerCpuUsPerRequest: median(rounds.map((r) => r.serverCpuUsPerRequest)),
    medianGeneratorCores: median(rounds.map((r) => r.generatorCores)),
    rounds,
  };
}

const DEGRADED_MS = Number(process.env.BENCH_DEGRADED_MS ?? 3000);

/** Post lookups for one degraded-mode comparison (every answer counts, whatever its status). */
async function lookups(url: string, pid: number | undefined): Promise<Record<string, unknown>> {
  const r = await measure(url, pid, DEGRADED_MS);
  return { requestsPerSecond: r.requestsPerSecond, p50Ms: r.p50Ms, p99Ms: r.p99Ms, errors: r.errors, serverCores: r.serverCores };
}

/** An impressions POST, from one visitor behind a local proxy (X-Forwarded-For) when `oneClient`. */
function impressionsFlood(url: string, oneClient = true): { template: Buffer; pvOffset: number } {
  const pv = 'PAGEVIEWPAGEVIEWPAGEVW';
  const events = Array.from({ length: 20 }, (_, i) => ({ seq: i, kind: 'post', type: 'rendered', id: POST_PATH.split('/').pop(), ts: Date.now() }));
  const body = JSON.stringify({ v: 1, pageView: pv, site: 'https://news.example', path: '/a', events });
  const bytes = Buffer.from(`POST /v1/impressions HTTP/1.1\r\nHost: ${new URL(url).host}\r\nConnection: keep-alive\r\nContent-Type: text/plain\r\n${oneClient ? 'X-Forwarded-For: 198.51.100.7\r\n' : ''}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  return { template: bytes, pvOffset: bytes.indexOf(pv) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

async function degradedModes(tmp: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { runMs: DEGRADED_MS };
  // Redis store, then Redis killed.
  const redis = await startRedis();
  let s = await startServer(['--store', redis.url, '--data-dir', join(tmp, 'redis')]);
  try {
    await fetch(s.url + POST_PATH);
    await measure(s.url, s.child.pid, 1000);
    const healthy = await lookups(s.url, s.child.pid);
    await redis.stop();
    await fetch(s.url + POST_PATH); // the first request after the loss notices it
    out.redis = { healthy, redisDown: await lookups(s.url, s.child.pid), healthz: await (await fetch(`${s.url}/healthz`)).json() };
  } finally {
    await stopChild(s.child);
    await redis.stop();
  }
  // Impressions data directory on a small tmpfs, then full.
  const mnt = join(tmp, 'tmpfs');
  mkdirSync(mnt);
  let mounted = true;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt], { stdio: 'pipe' });
  } catch (error) {
    mounted = false;
    out.disk = { skipped: `cannot mount a small tmpfs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  if (mounted) {
    s = await startServer(['--data-dir', join(mnt, 'data')]);
    try {
      await fetch(s.url + POST_PATH);
      await measure(s.url, s.child.pid, 1000);
      const healthy = await lookups(s.url, s.child.pid);
      const st = statfsSync(mnt);
      writeFileSync(join(mnt, 'filler'), Buffer.alloc(st.bavail * st.bsize));
      const flood = impressionsFlood(s.url);
      // Impressions until the store notices the full disk.
      for (let i = 0; i < 500; i++) {
        const body = flood.template.subarray(flood.template.indexOf('\r\n\r\n') + 4).toString().replace('PAGEVIEWPAGEVIEWPAGEVW', `pv${String(i).padStart(20, '0')}`);
        if ((await fetch(`${s.url}/v1/impressions`, { method: 'POST', body })).status === 503) break;
      }
      const impressions = await runLoad({ url: s.url, connections: 16, durationMs: DEGRADED_MS, ...impressionsFlood(s.url, false) });
      out.disk = {
        healthy,
        diskFull: await lookups(s.url, s.child.pid),
        impressionsWhileFull: { answersPerSecond: Math.round(impressions.count / (impressions.ms / 1000)), p99Ms: percentile(impressions.latencies, 99), statuses: impressions.statuses },
        healthz: await (await fetch(`${s.url}/healthz`)).json(),
      };
    } finally {
      await stopChild(s.child);
      execFileSync('umount', [mnt]);
    }
  }
  // One client floods the impressions collector while posts are looked up (a small daily allowance, so that
  // the run reaches it: past it every batch is refused).
  s = await startServer(['--data-dir', join(tmp, 'flood'), '--client-events-per-day', '2000']);
  try {
    await fetch(s.url + POST_PATH);
    await measure(s.url, s.child.pid, 1000);
    const healthy = await lookups(s.url, s.child.pid);
    const floodRun = runLoad({ url: s.url, connections: 32, durationMs: DEGRADED_MS, ...impressionsFlood(s.url) });
    const during = await lookups(s.url, s.child.pid);
    const flood = await floodRun;
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    out.flood = {
      healthy,
      lookupsWhileOneClientFloods: during,
      flood: { requestsPerSecond: Math.round(flood.count / (flood.ms / 1000)), p99Ms: percentile(flood.latencies, 99), statuses: flood.statuses, eventsCounted: (flood.statuses['200'] ?? 0) * 20 },
      dailyAllowance: 2000,
      refusedEvents: {
        rateLimited: Number(/^perch_impression_refused_events_total\{reason="rate-limited"\} (\d+)/m.exec(metrics)?.[1] ?? 0),
        dailyLimit: Number(/^perch_impression_refused_events_total\{reason="daily-limit"\} (\d+)/m.exec(metrics)?.[1] ?? 0),
      },
    };
  } finally {
    await stopChild(s.child);
  }
  return out;
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0] ?? 0;
  const tmp = mkdtempSync(join(tmpdir(), 'perch-server-bench-'));
  const { child, url } = await startServer(['--cache-max-entries', String(MAX_ENTRIES)]);
  let peer: { child: ChildProcess; url: string } | undefined;
  // BENCH_BASELINE_DIR: a checkout with its own dist/server (e.g. the last commit) measured in the same rounds.
  const baselineDir = process.env.BENCH_BASELINE_DIR;
  const baselineServer = baselineDir !== undefined ? await startServer(['--cache-max-entries', String(MAX_ENTRIES)], baselineDir) : undefined;
  try {
    const first = await fetch(url + POST_PATH); // warm the cache: every measured lookup is a cache hit
    const bodyFile = join(tmp, 'body.json');
    writeFileSync(bodyFile, Buffer.from(await first.arrayBuffer()));
    peer = await startPeer(bodyFile);
    await measure(url, child.pid, 1000); // warm-up (JIT, connections)
    await measure(peer.url, peer.child.pid, 1000);
    if (baselineServer !== undefined) {
      await fetch(baselineServer.url + POST_PATH);
      await measure(baselineServer.url, baselineServer.child.pid, 1000);
    }
    const server: Round[] = [];
    const ceiling: Round[] = [];
    const baseline: Round[] = [];
    const peerUrl = peer.url;
    const peerPid = peer.child.pid;
    const steps: Array<() => Promise<void>> = [
      async () => void server.push(await measure(url, child.pid, DURATION_MS)),
      async () => void ceiling.push(await measure(peerUrl, peerPid, DURATION_MS)),
      ...(baselineServer !== undefined ? [async () => void baseline.push(await measure(baselineServer.url, baselineServer.child.pid, DURATION_MS))] : []),
    ];
    // Alternate the order every round so no contestant always runs first (or right after another).
    for (let i = 0; i < ROUNDS; i++) for (const step of i % 2 === 0 ? steps : [...steps].reverse()) await step();
    const s = summarize(server);
    const c = summarize(ceiling);
    const rps = s.medianRequestsPerSecond as number;
    const p99 = s.medianP99Ms as number;

    // Memory: 100,000 distinct ids (unknown ids become cached not-found answers), 100 per request.
    const before = await rss(url);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const u = new URL(url);
    const batches = Array.from({ length: 1000 }, (_, b) => Array.from({ length: 100 }, (_, i) => String(10_000_000 + b * 100 + i)).join(','));
    for (let i = 0; i < batches.length; i += 16) await Promise.all(batches.slice(i, i + 16).map((ids) => get(agent, u, `/v1/tweets?ids=${ids}`)));
    agent.destroy();
    const after = await rss(url);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const entries = Number(/^perch_cache_entries\{store="memory"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
    const degraded = process.env.BENCH_DEGRADED === '0' ? undefined : await degradedModes(tmp);
    const result = {
      bench: 'server',
      cores: availableParallelism(),
      node: process.version,
      /** 1-minute load average before and after: other work on the machine skews every absolute number. */
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0] ?? 0) },
      loadGenerator: { kind: 'raw node:net keep-alive HTTP/1.1, one request in flight per connection, prebuilt request bytes', workerThreads: WORKERS },
      cachedLookups: {
        connections: CONNECTIONS,
        roundMs: DURATION_MS,
        rounds: ROUNDS,
        requestsPerSecond: rps,
        p50Ms: s.medianP50Ms,
        p99Ms: p99,
        targets: { requestsPerSecond: 5000, p99Ms: 20 },
        targetsMet: { requestsPerSecond: rps >= 5000, p99Ms: p99 < 20 },
        embedServer: s,
        /** A minimal node:http server answering the same bytes: the ceiling of this machine with this generator. */
        peerMinimalNodeHttp: c,
        ratioToPeer: round(rps / Math.max(1, c.medianRequestsPerSecond as number)),
        /** Goals (issue #17): p99 ≤ 1.15× and throughput ≥ 0.85× of the peer, medians of alternated rounds. */
        p99RatioToPeer: round(p99 / Math.max(0.01, c.medianP99Ms as number)),
        throughputRatioToPeer: round(rps / Math.max(1, c.medianRequestsPerSecond as number)),
        /** The same ratios taken round by round (each round's pair ran back to back), then the median: steadier when the machine's load drifts. */
        pairedRatiosToPeer: {
          p99: round(median(server.map((r, i) => r.p99Ms / Math.max(0.01, ceiling[i]?.p99Ms ?? 0)))),
          throughput: round(median(server.map((r, i) => r.requestsPerSecond / Math.max(1, ceiling[i]?.requestsPerSecond ?? 0)))),
          cpuPerRequest: round(median(server.map((r, i) => r.serverCpuUsPerRequest / Math.max(1, ceiling[i]?.serverCpuUsPerRequest ?? 0)))),
        },
        ...(baselineServer !== undefined ? { baseline: { dir: baselineDir, ...summarize(baseline) } } : {}),
        cpuPerRequestRatioToPeer: round((s.medianServerCpuUsPerRequest as number) / Math.max(1, c.medianServerCpuUsPerRequest as number)),
      },
      distinctIds: {
        ids: 100_000,
        lruMaxEntries: MAX_ENTRIES,
        cacheEntriesAfter: entries,
        rssBeforeMb: Math.round(before / 1e6),
        rssAfterMb: Math.round(after / 1e6),
      },
      ...(degraded !== undefined ? { degraded } : {}),
    };
    console.log(JSON.stringify(result, null, 2));
    // the headline figures, easy to find in a long output
    console.error(`cached lookups: p99RatioToPeer ${result.cachedLookups.p99RatioToPeer}, throughputRatioToPeer ${result.cachedLookups.throughputRatioToPeer}, cpuPerRequestRatioToPeer ${result.cachedLookups.cpuPerRequestRatioToPeer}; paired by round: ${JSON.stringify(result.cachedLookups.pairedRatiosToPeer)} (load average ${result.loadAverage.before} → ${result.loadAverage.after})`);
  } finally {
    baselineServer?.child.kill('SIGTERM');
    peer?.child.kill('SIGTERM');
    child.kill('SIGTERM');
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
