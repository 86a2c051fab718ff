import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startServer, type RunningServer } from '../../server/index.js';

// The under-13 opt-out (`dnt=true`) is read the same way on every route a widget calls:
// accepted, never forwarded upstream, and a malformed value refused with the same error.
const upstreamPaths: string[] = [];
const fake = createServer((req, res) => {
  upstreamPaths.push(req.url ?? '');
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 4 }).end(Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
});
let server: RunningServer;
let fakeOrigin = '';

before(async () => {
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  server = await startServer({ port: 0, logLevel: 'silent', serveDemo: false, mediaResolveOrigin: () => fakeOrigin });
});
after(async () => {
  await server.close();
  fake.closeAllConnections();
  await new Promise<void>((r) => fake.close(() => r()));
});

const POST = '1641086480675225601';
const MEDIA = 'https://pbs.twimg.com/media/photo.jpg?format=jpg&name=small';
const batch = (): string => JSON.stringify({ v: 1, pageView: 'AAAAAAAAAAAAAAAAAAAAAAAA', site: 'https://news.example', path: '/a', events: [{ seq: 0, kind: 'timeline', type: 'rendered', id: 'profile:2244994945', ts: Date.now() }] });

/** Every route a widget requests, with `dnt` set to `value`. */
function requests(value: string): Array<[string, RequestInit | undefined]> {
  const q = `dnt=${value}`;
  return [
    [`/v1/tweets?ids=${POST}&${q}`, undefined],
    [`/v1/tweets/${POST}?${q}`, undefined],
    [`/v1/timelines/profile/TwitterDev?limit=5&${q}`, undefined],
    [`/v1/media?url=${encodeURIComponent(MEDIA)}&${q}`, undefined],
    [`/v1/impressions?${q}`, { method: 'POST', body: batch(), headers: { 'content-type': 'text/plain' } }],
  ];
}

test('dnt=true is accepted on every route a widget calls', async () => {
  for (const [path, init] of requests('true')) {
    const res = await fetch(`${server.url}${path}`, init);
    assert.equal(res.status, 200, `${path} answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer().catch(() => undefined);
  }
});

test('the media proxy does not forward the opt-out (or anything of its own) to the media host', async () => {
  upstreamPaths.length = 0;
  const res = await fetch(`${server.url}/v1/media?url=${encodeURIComponent(MEDIA)}&dnt=true`);
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  assert.deepEqual(upstreamPaths, ['/media/photo.jpg?format=jpg&name=small']);
});

test('a malformed dnt is refused the same way on every route', async () => {
  for (const [path, init] of requests('maybe')) {
    const res = await fetch(`${server.url}${path}`, init);
    assert.equal(res.status, 400, path);
    const body = (await res.json()) as { error: { code: string; param?: string } };
    assert.equal(body.error.code, 'invalid-dnt', path);
  }
});
