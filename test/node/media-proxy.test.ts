import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { startServer, type RunningServer } from '../../server/index.js';

// The media proxy against a local stand-in for X's media hosts (we cannot reach X from tests).
const VIDEO = readFileSync('fixtures/media/sample.mp4');
const IMAGE = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 256), 0xff, 0xd9]);
const seen: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
let fakeOrigin = '';
const fake = createServer((req, res) => {
  seen.push({ path: req.url ?? '', headers: req.headers });
  const path = req.url ?? '';
  if (path.startsWith('/media/photo.jpg')) {
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': IMAGE.length, 'set-cookie': 'tracker=1; Path=/' });
    res.end(IMAGE);
  } else if (path.startsWith('/vid/sample.mp4')) {
    const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    if (m === null) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': VIDEO.length, 'accept-ranges': 'bytes' });
      res.end(VIDEO);
      return;
    }
    const start = Number(m[1]);
    const end = m[2] === '' ? VIDEO.length - 1 : Number(m[2]);
    res.writeHead(206, { 'content-type': 'video/mp4', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${VIDEO.length}`, 'accept-ranges': 'bytes' });
    res.end(VIDEO.subarray(start, end + 1));
  } else if (path.startsWith('/media/redirect.jpg')) {
    res.writeHead(302, { location: 'http://127.0.0.1:1/secret' }).end();
  } else if (path.startsWith('/media/page.jpg')) {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
  }
});
let server: RunningServer;

before(async () => {
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  fakeOrigin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  server = await startServer({ port: 0, logLevel: 'silent', serveDemo: false, upstream: 'syndication', syndicationBaseUrl: fakeOrigin, mediaResolveOrigin: () => fakeOrigin });
});
after(async () => {
  await server.close();
  fake.closeAllConnections();
  await new Promise<void>((r) => fake.close(() => r()));
});

const proxied = (url: string): string => `${server.url}/v1/media?url=${encodeURIComponent(url)}`;

test('proxies an image byte for byte, cacheable, with no cookie passed either way', async () => {
  seen.length = 0;
  const res = await fetch(proxied('https://pbs.twimg.com/media/photo.jpg?format=jpg&name=small'), { headers: { cookie: 'session=visitor', authorization: 'Bearer visitor', 'user-agent': 'Visitor/1.0', referer: 'https://news.example/article' } });
  assert.equal(res.status, 200);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), IMAGE);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  assert.match(res.headers.get('cache-control') ?? '', /max-age=86400/);
  assert.equal(res.headers.get('set-cookie'), null);
  const h = seen[0]!.headers;
  assert.equal(seen[0]!.path, '/media/photo.jpg?format=jpg&name=small');
  assert.equal(h.cookie, undefined);
  assert.equal(h.authorization, undefined);
  assert.equal(h.referer, undefined);
  assert.notEqual(h['user-agent'], 'Visitor/1.0');
});

test('video with HTTP Range: 206 with the right bytes', async () => {
  const res = await fetch(proxied('https://video.twimg.com/vid/sample.mp4'), { headers: { range: 'bytes=100-199' } });
  assert.equal(res.status, 206);
  assert.equal(res.headers.get('content-range'), `bytes 100-199/${VIDEO.length}`);
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), VIDEO.subarray(100, 200));
});

test('SSRF attempts are refused before anything is fetched', async () => {
  seen.length = 0;
  const attempts = [
    'https://evil.example/x.jpg',
    'https://pbs.twimg.com.evil.example/x.jpg',
    'https://pbs.twimg.com@evil.example/x.jpg',
    'https://evil.example#pbs.twimg.com',
    'https://evil.example\\@pbs.twimg.com/x.jpg',
    'http://pbs.twimg.com/x.jpg',
    'https://pbs.twimg.com:444/x.jpg',
    'https://127.0.0.1/x.jpg',
    'https://[::1]/x.jpg',
    'file:///etc/passwd',
    'data:image/png;base64,AAAA',
    'javascript:alert(1)',
    '//pbs.twimg.com/x.jpg',
    'https%3A%2F%2Fevil.example%2Fx.jpg',
    '',
  ];
  for (const url of attempts) {
    const res = await fetch(`${server.url}/v1/media?url=${encodeURIComponent(url)}`);
    assert.equal(res.status, 400, url);
  }
  const doubleEncoded = await fetch(`${server.url}/v1/media?url=${encodeURIComponent(encodeURIComponent('https://evil.example/x.jpg'))}`);
  assert.equal(doubleEncoded.status, 400);
  const tooLong = await fetch(proxied('https://pbs.twimg.com/media/' + 'a'.repeat(3000)));
  assert.equal(tooLong.status, 400);
  assert.equal(seen.length, 0, 'no request reached the media host');
});

test('a redirect off the media host is not followed; non-media answers are refused', async () => {
  assert.equal((await fetch(proxied('https://pbs.twimg.com/media/redirect.jpg'))).status, 502);
  const html = await fetch(proxied('https://pbs.twimg.com/media/page.jpg'));
  assert.equal(html.status, 502);
  assert.doesNotMatch(await html.text(), /<script>/);
  assert.equal((await fetch(proxied('https://pbs.twimg.com/media/missing.jpg'))).status, 404);
});

test('HEAD answers headers only', async () => {
  const res = await fetch(proxied('https://pbs.twimg.com/media/photo.jpg'), { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-length'), String(IMAGE.length));
});
