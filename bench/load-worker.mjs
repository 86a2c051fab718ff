// Load generator thread for bench/server.bench.ts: keep-alive GETs on N connections for a while.
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { url, path, connections, durationMs } = workerData;
const target = new URL(url);
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const latencies = [];
let errors = 0;

function get() {
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path, agent, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

const end = performance.now() + durationMs;
async function loop() {
  while (performance.now() < end) {
    const t0 = performance.now();
    try {
      if ((await get()) !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t0);
  }
}
await Promise.all(Array.from({ length: connections }, loop));
agent.destroy();
parentPort.postMessage({ count: latencies.length, errors, latencies });
