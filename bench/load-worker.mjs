// Load generator thread for bench/server.bench.ts and bench/impressions.bench.ts.
// Raw node:net keep-alive HTTP/1.1, one request in flight per connection (no pipelining),
// request bytes prebuilt: the generator costs far less per request than fetch/undici/node:http.
//
// workerData: {
//   host, port, connections, durationMs,
//   request: Uint8Array              — the same request bytes every time, or
//   template: Uint8Array, pvOffset   — a POST whose 22-byte page-view id at pvOffset is replaced per request,
//   pvPrefix: string                 — 6 characters making this run's page-view ids unique
// }
// Posts back { count, errors, statuses, latencies (Float64Array, ms), elu (event-loop utilization 0..1) }.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { host, port, connections, durationMs, request, template, pvOffset, pvPrefix } = workerData;
const fixed = request === undefined ? undefined : Buffer.from(request);
const tpl = template === undefined ? undefined : Buffer.from(template);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
let serial = 0;

/** Next request's bytes: the fixed request, or the template with a fresh page-view id. */
function nextRequest() {
  if (fixed !== undefined) return fixed;
  const buf = Buffer.from(tpl);
  buf.write(pvPrefix, pvOffset, 'latin1');
  let n = serial++;
  for (let i = 21; i >= 6; i--) {
    buf[pvOffset + i] = ALPHABET.charCodeAt(n & 63);
    n = Math.floor(n / 64);
  }
  return buf;
}

let latencies = new Float64Array(1 << 20);
let count = 0;
let errors = 0;
const statuses = {};
function record(ms, status) {
  if (count === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[count++] = ms;
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status < 200 || status > 299) errors++;
}

const CRLFCRLF = Buffer.from('\r\n\r\n');
const end = performance.now() + durationMs;
const elu0 = performance.eventLoopUtilization();

/** One keep-alive connection sending a request each time the previous answer is complete. */
function run() {
  return new Promise((resolve) => {
    const socket = connect({ host, port, noDelay: true });
    let pending = Buffer.alloc(0);
    let t0 = 0;
    const send = () => {
      if (performance.now() >= end) {
        socket.end();
        return;
      }
      t0 = performance.now();
      socket.write(nextRequest());
    };
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      for (;;) {
        const head = pending.indexOf(CRLFCRLF);
        if (head < 0) return;
        const headers = pending.latin1Slice(0, head);
        const status = Number(headers.slice(9, 12));
        const m = /\r\ncontent-length: *(\d+)/i.exec(headers);
        const length = m === null ? 0 : Number(m[1]);
        const total = head + 4 + length;
        if (pending.length < total) return;
        pending = pending.subarray(total);
        record(performance.now() - t0, status);
        if (/\r\nconnection: *close/i.test(headers)) {
          socket.destroy();
          return;
        }
        send();
      }
    });
    socket.on('error', () => {
      errors++;
    });
    socket.on('close', () => resolve());
  });
}

await Promise.all(Array.from({ length: connections }, run));
const elu = performance.eventLoopUtilization(elu0).utilization;
const out = latencies.slice(0, count);
parentPort.postMessage({ count, errors, statuses, latencies: out, elu }, [out.buffer]);
