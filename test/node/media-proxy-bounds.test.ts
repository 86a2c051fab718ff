/**
 * The media proxy serves only media: against a local fake media host over real sockets, error
 * pages and SVG are never relayed, every answer is sandboxed, and a body that trickles or
 * stalls is cut off by the idle timeout and the total time limit.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '../../server/http/router.js';
import { Metrics } from '../../server/metrics.js';
import { registerMediaProxy } from '../../server/routes/media-proxy.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

const IDLE_MS = 300;
const TOTAL_MS = 1_200;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
const drips = new Set<NodeJS.Timeout>();

function drip(res: ServerResponse, everyMs: number, stopAfter = Infinity): void {
  let sent = 0;
  const t = setInterval(() => {
    if (res.destroyed || sent >= stopAfter) {
      clearInterval(t);
      drips.delete(t);
      return;
    }
    res.write(Buffer.from([sent++ % 256]));
  }, everyMs);
  drips.add(t);
}

const fake = createServer((req, res) => {
  const path = req.url ?? '';
  if (path === '/media/ok.jpg') res.writeHead(200, { 'content-type': 'image/jpeg; charset=binary', 'content-length': JPEG.length }).end(JPEG);
  else if (path === '/media/gone.jpg') res.writeHead(404, { 'content-type': 'text/html' }).end('<html><script>alert(document.cookie)</script></html>');
  else if (path === '/media/logo.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  else if (path === '/media/page.jpg') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<script>alert(1)</script>');
  else if (path === '/media/broken.jpg') res.writeHead(500, { 'content-type': 'text/plain' }).end('stack trace: secret');
  else if (path === '/media/drip.jpg') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    drip(res, 100); // one byte every 100 ms, forever: only the total limit stops it
  } else if (path === '/media/stall.jpg') {
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    drip(res, 20, 5); // five bytes, then nothing
  } else res.writeHead(404).end();
});

let proxy: RouterServer;
const metrics = new Metrics();

before(async () => {
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  const router = new Router();
  registerMediaProxy(router, { resolveOrigin: () => origin, idleTimeoutMs: IDLE_MS, totalTimeoutMs: TOTAL_MS, metrics });
  proxy = await serveRouter(router);
});
after(async () => {
  for (const t of drips) clearInterval(t);
  await proxy.close();
  fake.closeAllConnections();
  await new Promise<void>((r) => fake.close(() => r()));
});

const media = (path: string): string => `${proxy.url}/v1/media?url=${encodeURIComponent(`https://pbs.twimg.com${path}`)}`;

test('media is relayed with Content-Security-Policy: sandbox and nosniff, with its plain type', async () => {
  const r = await fetch(media('/media/ok.jpg'));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-security-policy'), 'sandbox');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), JPEG);
});

test('an upstream error page is never relayed: our own JSON error, sandboxed', async () => {
  for (const [path, status, code] of [
    ['/media/gone.jpg', 404, 'media-not-found'],
    ['/media/broken.jpg', 502, 'media-upstream'],
  ] as const) {
    const r = await fetch(media(path));
    const text = await r.text();
    assert.equal(r.status, status, path);
    assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(r.headers.get('content-security-policy'), 'sandbox');
    assert.doesNotMatch(text, /script|secret/);
    assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, code);
  }
});

test('SVG and HTML are not media the widgets use: refused, nothing of them relayed', async () => {
  for (const path of ['/media/logo.svg', '/media/page.jpg']) {
    const r = await fetch(media(path));
    const text = await r.text();
    assert.equal(r.status, 502, path);
    assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'media-not-media');
    assert.doesNotMatch(text, /<svg|<script/);
    assert.equal(r.headers.get('content-security-policy'), 'sandbox');
  }
});

/** Fetch raw, and report how long until the proxy ended the answer and how many body bytes came. */
function timedGet(url: string): Promise<{ ms: number; bytes: number; complete: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(url, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ ms: performance.now() - started, bytes, complete: res.complete }));
      res.on('error', () => resolve({ ms: performance.now() - started, bytes, complete: false }));
      res.on('aborted', () => resolve({ ms: performance.now() - started, bytes, complete: false }));
    });
    req.on('error', () => resolve({ ms: performance.now() - started, bytes: 0, complete: false }));
    req.end();
  });
}

test('a host that sends one byte every 100 ms is cut off at the total limit', async () => {
  const before = metrics.value('perch_media_errors_total', { kind: 'slow-body' }) ?? 0;
  const r = await timedGet(media('/media/drip.jpg'));
  assert.equal(r.complete, false);
  assert.ok(r.ms >= TOTAL_MS - 100 && r.ms < TOTAL_MS + 1_000, `cut after ${Math.round(r.ms)} ms`);
  assert.ok(r.bytes > 0 && r.bytes < 20, `${r.bytes} bytes relayed`);
  assert.equal(metrics.value('perch_media_errors_total', { kind: 'slow-body' }), before + 1);
});

test('a host that stops sending is cut off after the idle timeout', async () => {
  const r = await timedGet(media('/media/stall.jpg'));
  assert.equal(r.complete, false);
  assert.equal(r.bytes, 5);
  assert.ok(r.ms >= IDLE_MS && r.ms < TOTAL_MS, `cut after ${Math.round(r.ms)} ms`);
});
