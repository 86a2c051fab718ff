/**
 * `npm run bench:server`: the embed server under load on loopback, printed as JSON.
 * - cached post lookups at 200 concurrent keep-alive connections: requests/s, p50/p99 latency
 *   (target ≥ 5,000 req/s and p99 < 20 ms on 2 cores); the load runs in worker threads
 *   so the server process has its cores;
 * - resident memory after 100,000 distinct ids, against the LRU bound.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';

interface LoadJob {
  url: string;
  path: string;
  connections: number;
  durationMs: number;
}

interface LoadResult {
  count: number;
  errors: number;
  latencies: number[];
}

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

async function runLoad(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + job.durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const status = await get(agent, url, job.path);
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, loop));
  agent.destroy();
  return { count: latencies.length, errors, latencies };
}

await main();

function startServer(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/server/server/cli.js', '--port', '0', '--log-level', 'info', '--no-demo', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.includes('"listening"'));
      if (line !== undefined) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function rss(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = /^process_resident_memory_bytes (\d+)/m.exec(text);
  return m === null ? 0 : Number(m[1]);
}

async function main(): Promise<void> {
  const CONNECTIONS = 200;
  const WORKERS = 2;
  const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
  const MAX_ENTRIES = 20_000;
  const { child, url } = await startServer(['--cache-max-entries', String(MAX_ENTRIES)]);
  try {
    const path = '/v1/tweets/1641086480675225601';
    await fetch(url + path); // warm the cache: every measured lookup is a cache hit
    const warm = { url, path, connections: 20, durationMs: 1000 };
    await runLoad(warm);
    const jobs = Array.from({ length: WORKERS }, () => ({ url, path, connections: CONNECTIONS / WORKERS, durationMs: DURATION_MS }));
    const results = await Promise.all(
      jobs.map(
        (job) =>
          new Promise<LoadResult>((resolve, reject) => {
            const w = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData: job });
            w.once('message', (m: LoadResult) => resolve(m));
            w.once('error', reject);
          }),
      ),
    );
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const count = results.reduce((s, r) => s + r.count, 0);
    const errors = results.reduce((s, r) => s + r.errors, 0);

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
    const result = {
      cachedLookups: {
        connections: CONNECTIONS,
        durationMs: DURATION_MS,
        requests: count,
        errors,
        requestsPerSecond: Math.round(count / (DURATION_MS / 1000)),
        p50Ms: Math.round(percentile(latencies, 50) * 100) / 100,
        p99Ms: Math.round(percentile(latencies, 99) * 100) / 100,
        targets: { requestsPerSecond: 5000, p99Ms: 20 },
      },
      distinctIds: {
        ids: 100_000,
        lruMaxEntries: MAX_ENTRIES,
        cacheEntriesAfter: entries,
        rssBeforeMb: Math.round(before / 1e6),
        rssAfterMb: Math.round(after / 1e6),
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    child.kill('SIGTERM');
  }
}
