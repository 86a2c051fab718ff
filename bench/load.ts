/**
 * Bench helpers: run the raw-socket load generator (bench/load-worker.mjs) in worker threads,
 * merge the results, and measure CPU of this process (the generator) and of a server process.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** What to send. */
export interface LoadJob {
  url: string;
  connections: number;
  durationMs: number;
  /** Worker threads sharing the connections (default 1: on 2 cores the server needs the other one). */
  workers?: number;
  /** Fixed request bytes, or a template whose 22-byte page-view id at `pvOffset` changes per request. */
  request?: Buffer;
  template?: Buffer;
  pvOffset?: number;
}

/** Merged result of a load run. */
export interface LoadResult {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  /** Sorted latencies, ms. */
  latencies: Float64Array;
  ms: number;
  /** CPU cores this (generator) process used during the run, all threads. */
  generatorCores: number;
  /** Event-loop utilization of each generator thread (1 = saturated: the numbers are then generator-bound). */
  generatorElu: number[];
}

interface WorkerReply {
  count: number;
  errors: number;
  statuses: Record<string, number>;
  latencies: Float64Array;
  elu: number;
}

let runs = 0;

/** Run `job` and wait for it. */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const workers = job.workers ?? 1;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const replies = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const connections = Math.floor(job.connections / workers) + (w < job.connections % workers ? 1 : 0);
      const pvPrefix = `${(runs++).toString(36).padStart(2, '0')}${w.toString(36)}${Math.random().toString(36).slice(2, 5)}`.slice(0, 6).padEnd(6, '0');
      const workerData = { host: url.hostname, port: Number(url.port), connections, durationMs: job.durationMs, request: job.request, template: job.template, pvOffset: job.pvOffset, pvPrefix };
      return new Promise<WorkerReply>((resolve, reject) => {
        const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), { workerData });
        worker.once('message', (m: WorkerReply) => resolve(m));
        worker.once('error', reject);
      });
    }),
  );
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const total = replies.reduce((n, r) => n + r.count, 0);
  const latencies = new Float64Array(total);
  let at = 0;
  for (const r of replies) {
    latencies.set(r.latencies, at);
    at += r.latencies.length;
  }
  latencies.sort();
  const statuses: Record<string, number> = {};
  for (const r of replies) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  return {
    count: total,
    errors: replies.reduce((n, r) => n + r.errors, 0),
    statuses,
    latencies,
    ms,
    generatorCores: round((cpu.user + cpu.system) / 1000 / ms),
    generatorElu: replies.map((r) => round(r.elu)),
  };
}

/** Percentile `p` (0–100) of sorted values, 2 decimals. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

/** CPU seconds a process has used so far (Linux /proc; 0 elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Median of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : round(((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2);
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** A keep-alive GET as raw bytes. */
export function getRequest(url: string, path: string, headers: Record<string, string> = {}): Buffer {
  const host = new URL(url).host;
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n${extra}\r\n`, 'latin1');
}
