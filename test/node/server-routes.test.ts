import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { startServer, type RunningServer } from '../../server/index.js';
import type { PostResult } from '../../src/data/model.js';

let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, logLevel: 'silent' });
});
after(() => server.close());

async function get(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown; headers: Headers; text: string }> {
  const res = await fetch(server.url + path, init);
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, headers: res.headers, text };
}

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function rawGet(path: string): Promise<number> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('GET /v1/tweets/:id answers a fixture post in the model', async () => {
  const r = await get('/v1/tweets/1641086480675225601');
  assert.equal(r.status, 200);
  const post = r.body as PostResult;
  assert.equal(post.kind, 'post');
  assert.equal(post.kind === 'post' && post.author.handle, 'SamuelSusla');
  assert.match(r.headers.get('cache-control') ?? '', /max-age/);
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
});

test('GET /v1/tweets?ids= answers in request order, with tombstones for unknown ids', async () => {
  const r = await get('/v1/tweets?ids=1641895049427550208,55,1620000000000000001');
  assert.equal(r.status, 200);
  const { results } = r.body as { results: PostResult[] };
  assert.deepEqual(results.map((p) => [p.id, p.kind]), [['1641895049427550208', 'post'], ['55', 'tombstone'], ['1620000000000000001', 'tombstone']]);
  assert.equal(results[1]?.kind === 'tombstone' && results[1].reason, 'not-found');
  assert.equal(results[2]?.kind === 'tombstone' && results[2].reason, 'deleted');
});

test('bad ids get a 400 JSON error naming the problem; unknown ids a 404 tombstone', async () => {
  const letters = await get('/v1/tweets/12ab');
  assert.equal(letters.status, 400);
  assert.deepEqual((letters.body as { error: { code: string; param: string } }).error.code, 'invalid-id');
  const long = await get('/v1/tweets/' + '1'.repeat(41));
  assert.equal(long.status, 400);
  assert.match((long.body as { error: { message: string } }).error.message, /40/);
  const unknown = await get('/v1/tweets/42');
  assert.equal(unknown.status, 404);
  assert.deepEqual(unknown.body, { kind: 'tombstone', version: 1, id: '42', reason: 'not-found' });
  const missing = await get('/v1/tweets?ids=');
  assert.equal(missing.status, 400);
  const mixed = await get('/v1/tweets?ids=1,two,3');
  assert.equal(mixed.status, 400);
  assert.match((mixed.body as { error: { message: string } }).error.message, /two/);
});

test('at most 100 ids per request', async () => {
  const ids = (n: number): string => Array.from({ length: n }, (_, i) => String(1000 + i)).join(',');
  assert.equal((await get('/v1/tweets?ids=' + ids(100))).status, 200);
  const over = await get('/v1/tweets?ids=' + ids(101));
  assert.equal(over.status, 400);
  assert.equal((over.body as { error: { code: string } }).error.code, 'too-many-ids');
});

test('wrong methods get 405 with Allow; unknown API paths 404 JSON', async () => {
  const r = await get('/v1/tweets/1', { method: 'POST' });
  assert.equal(r.status, 405);
  assert.match(r.headers.get('allow') ?? '', /GET/);
  const h = await get('/healthz');
  assert.deepEqual(h.body, { status: 'ok', degraded: [], upstream: 'fixtures', store: 'memory' });
});

test('serves the demo, the built widgets and fixtures, and nothing outside them', async () => {
  const home = await get('/');
  assert.equal(home.status, 200);
  assert.match(home.headers.get('content-type') ?? '', /text\/html/);
  assert.match(home.text, /perch/i);
  assert.equal((await get('/fixtures/index.json')).status, 200);
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/dist/../package.json', '/fixtures/..%2fpackage.json', '/%2e%2e%2f%2e%2e%2fetc/passwd']) {
    assert.equal(await rawGet(path), 404, path);
  }
});

test('media route: only X media hosts, however the URL is spelled', async () => {
  const ok = await get('/v1/media?url=' + encodeURIComponent('https://pbs.twimg.com/media/abc.jpg'));
  assert.equal(ok.status, 200);
  assert.match(ok.headers.get('content-type') ?? '', /image\//);
  for (const bad of ['https://evil.example/x.jpg', 'http://pbs.twimg.com/x.jpg', 'https://pbs.twimg.com.evil.example/x.jpg', 'https://user@pbs.twimg.com/x.jpg', 'https://pbs.twimg.com:8443/x.jpg', 'file:///etc/passwd', '//pbs.twimg.com/x.jpg', 'https://127.0.0.1/x.jpg']) {
    const r = await get('/v1/media?url=' + encodeURIComponent(bad));
    assert.equal(r.status, 400, bad);
  }
});

test('the CLI starts on the port asked for, answers, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line !== undefined) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    setTimeout(() => reject(new Error('no listening line')), 15000);
  });
  assert.equal((await fetch(url + '/healthz')).status, 200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});

test('the CLI rejects bad options with a clear message', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(err, /--port: expected a whole number, got "eighty"/);
});
