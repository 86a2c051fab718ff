/**
 * The HTTP layer answers every request with a well-formed JSON error and the security headers,
 * whatever the client sends: oversized request heads, preflights to nowhere, wrong methods,
 * absurd admin date ranges; and a server that cannot listen leaves nothing open.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/index.js';
import { Router } from '../../server/http/router.js';
import { sendJson } from '../../server/http/context.js';
import { serveRouter } from '../support/router-server.js';

let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'perch-http-'));
before(async () => {
  server = await startServer({ port: 0, logLevel: 'silent', adminToken: 'admin-secret', dataDir });
});
after(() => server.close());

/** Send raw bytes and read the whole answer (the server closes after an error it cannot recover from). */
function raw(url: string, request: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.write(request);
  });
}

function headerOf(answer: string, name: string): string | undefined {
  const head = answer.split('\r\n\r\n')[0] ?? '';
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

test('a request line over 16 KB gets a JSON 431 with the security headers, not a bare status', async () => {
  const answer = await raw(server.url, `GET /v1/tweets?ids=${'1'.repeat(17 * 1024)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  assert.match(answer, /^HTTP\/1\.1 431 /);
  assert.equal(headerOf(answer, 'content-type'), 'application/json; charset=utf-8');
  assert.equal(headerOf(answer, 'x-content-type-options'), 'nosniff');
  assert.equal(headerOf(answer, 'x-frame-options'), 'SAMEORIGIN');
  const body = JSON.parse(answer.split('\r\n\r\n')[1] ?? '') as { error: { code: string } };
  assert.equal(body.error.code, 'headers-too-large');
});

test('a malformed request gets a JSON 400', async () => {
  const answer = await raw(server.url, 'GARBAGE\r\n\r\n');
  assert.match(answer, /^HTTP\/1\.1 400 /);
  assert.equal((JSON.parse(answer.split('\r\n\r\n')[1] ?? '') as { error: { code: string } }).error.code, 'bad-request');
});

test('a URL between 8 KB and 16 KB gets a JSON 414', async () => {
  const r = await fetch(`${server.url}/v1/tweets?ids=${'1'.repeat(9000)}`);
  assert.equal(r.status, 414);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'url-too-long');
});

test('OPTIONS: 404 where nothing exists, a preflight naming the methods where a route does', async () => {
  const nowhere = await fetch(`${server.url}/v1/nothing-here`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' } });
  assert.equal(nowhere.status, 404);
  assert.equal(((await nowhere.json()) as { error: { code: string } }).error.code, 'not-found');
  const tweets = await fetch(`${server.url}/v1/tweets/20`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' } });
  assert.equal(tweets.status, 204);
  assert.match(tweets.headers.get('access-control-allow-methods') ?? '', /GET/);
  assert.match(tweets.headers.get('access-control-allow-methods') ?? '', /DELETE/);
  const beacon = await fetch(`${server.url}/v1/impressions`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'POST' } });
  assert.equal(beacon.status, 204);
  assert.equal(beacon.headers.get('access-control-allow-origin'), '*');
  assert.equal(beacon.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
  // Admin pages are never preflighted for another origin.
  const admin = await fetch(`${server.url}/dashboard`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'GET' } });
  assert.equal(admin.status, 404);
  assert.equal(admin.headers.get('access-control-allow-origin'), null);
});

test('a wrong method on an existing path is a 405 with Allow, even where the demo pages are served', async () => {
  for (const [method, path, allow] of [
    ['GET', '/v1/impressions', 'POST'],
    ['PUT', '/v1/impressions', 'POST'],
    ['POST', '/v1/impressions/summary', 'GET, HEAD'],
    ['POST', '/v1/tweets/20', 'GET, HEAD, DELETE'],
  ] as const) {
    const r = await fetch(server.url + path, { method });
    assert.equal(r.status, 405, `${method} ${path}`);
    assert.equal(r.headers.get('allow'), allow, `${method} ${path}`);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'method-not-allowed');
  }
});

test('a body sent to a route that takes none is refused with 413', async () => {
  const r = await fetch(`${server.url}/v1/tweets/20`, { method: 'DELETE', body: 'x'.repeat(100), headers: { authorization: 'Bearer admin-secret' } });
  assert.equal(r.status, 413);
  assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'body-too-large');
});

test('an admin summary over years 0000–9999 is refused at once, and the event loop stays free', async () => {
  const started = performance.now();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const r = await fetch(`${server.url}/v1/impressions/summary?from=0000-01-01&to=9999-12-31`, { headers: { authorization: 'Bearer admin-secret' } });
  clearInterval(timer);
  const ms = performance.now() - started;
  assert.equal(r.status, 400);
  assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'range-too-long');
  assert.ok(ms < 500, `answered in ${Math.round(ms)} ms`);
});

/** Status of a request, its body read (an unread body keeps fetch's connection busy). */
async function statusOf(path: string, init: RequestInit = {}): Promise<number> {
  const r = await fetch(server.url + path, init);
  await r.arrayBuffer();
  return r.status;
}

test('one admin check: the purge accepts the token as a header or as ?token=, and refuses a wrong one', async () => {
  assert.equal(await statusOf('/v1/tweets/20', { method: 'DELETE' }), 401);
  assert.equal(await statusOf('/v1/tweets/20?token=wrong', { method: 'DELETE' }), 401);
  assert.equal(await statusOf('/v1/tweets/20?token=admin-secret', { method: 'DELETE' }), 200);
  assert.equal(await statusOf('/v1/tweets/20', { method: 'DELETE', headers: { authorization: 'Bearer admin-secret' } }), 200);
  assert.equal(await statusOf('/v1/impressions/summary?token=admin-secret'), 200);
});

test('tests use the same handler: a test router gets CORS, 414 and the security headers', async () => {
  const router = new Router().on('GET', '/ping', (ctx) => sendJson(ctx, 200, { pong: true }));
  const s = await serveRouter(router, 0, { allowedOrigins: ['https://news.example'] });
  try {
    const ok = await fetch(`${s.url}/ping`, { headers: { origin: 'https://news.example' } });
    await ok.arrayBuffer();
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://news.example');
    assert.equal(ok.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    const other = await fetch(`${s.url}/ping`, { headers: { origin: 'https://evil.example' } });
    await other.arrayBuffer();
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const long = await fetch(`${s.url}/ping?x=${'a'.repeat(9000)}`);
    assert.equal(long.status, 414);
    assert.equal(((await long.json()) as { error: { code: string } }).error.code, 'url-too-long');
  } finally {
    await s.close();
  }
});
