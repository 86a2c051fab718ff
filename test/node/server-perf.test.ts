import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { plainPath } from '../../server/http/context.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';

// The cached-lookup fast path (prebuilt bytes + ETag, no URL parse, no await) answers exactly what the slow
// path answered. No timings here: throughput is measured by bench/server.bench.ts against a peer.
const ID = '1641086480675225601';
let server: RunningServer;
before(async () => {
  server = await startServer({ port: 0, logLevel: 'silent', serveDemo: false });
});
after(() => server.close());

/** A raw request, so the target reaches the server exactly as written. */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a cached post is answered with the same bytes and headers as the first (uncached) answer, plus a stable ETag', async () => {
  const first = await raw(`/v1/tweets/${ID}`);
  const second = await raw(`/v1/tweets/${ID}`);
  assert.equal(first.status, 200);
  assert.equal(second.body, first.body);
  assert.equal(JSON.parse(second.body).id, ID);
  for (const h of ['content-type', 'content-length', 'cache-control', 'etag', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'cross-origin-resource-policy']) assert.equal(second.headers[h], first.headers[h], h);
  assert.match(String(second.headers.etag), /^"[A-Za-z0-9_-]{27}"$/);
  const head = await raw(`/v1/tweets/${ID}`, {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal(head.headers['content-length'], first.headers['content-length']);
});

test('If-None-Match with the current ETag gets 304 without a body; another tag gets the post', async () => {
  const { headers } = await raw(`/v1/tweets/${ID}`);
  const etag = String(headers.etag);
  const cached = await raw(`/v1/tweets/${ID}`, { 'if-none-match': etag });
  assert.equal(cached.status, 304);
  assert.equal(cached.body, '');
  assert.equal(cached.headers.etag, etag);
  assert.equal((await raw(`/v1/tweets/${ID}`, { 'if-none-match': `"other", W/${etag}` })).status, 304);
  assert.equal((await raw(`/v1/tweets/${ID}`, { 'if-none-match': '"other"' })).status, 200);
});

test('targets that skip URL parsing route exactly like parsed ones (query, odd paths, bad ids)', async () => {
  assert.equal((await raw(`/v1/tweets/${ID}?utm=1`)).status, 200);
  assert.equal((await raw(`/v1/tweets?ids=${ID},20`)).status, 200);
  assert.equal((await raw('/v1/tweets/abc')).status, 400);
  assert.equal((await raw(`/v1/tweets/./${ID}`)).status, 200); // dot segment: parsed by URL, normalised
  assert.equal((await raw(`/v1/tweets/%31641086480675225601`)).status, 200); // percent-encoded digit
  assert.equal((await raw('/nothing')).status, 404);
  const m = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(m, /perch_http_requests_total\{method="GET",route="\/v1\/tweets\/:id",status="200"\} \d+/);
  assert.match(m, /perch_http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
});

test('plainPath gives what new URL() gives as pathname, or declines', () => {
  const samples = ['/', '/v1/tweets/1', '/v1/tweets?ids=1,2', '/a/b/c.js', '/a/./b', '/a/../b', '//evil', '/a\\b', '/%2e%2e/x', '/a b', '/a#frag', '/a?b#c', '/x:y@z,w;a=b+c', '/.hidden', '/a.', '/é', ''];
  const alphabet = 'ab/.?#%:@\\ -_~,;=+';
  for (let i = 0; i < 2000; i++) {
    let s = '/';
    for (let j = 0; j < 8; j++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
    samples.push(s);
  }
  for (const s of samples) {
    const fast = plainPath(s);
    if (fast !== undefined) assert.equal(fast, new URL(s, 'http://localhost').pathname, s);
  }
  assert.equal(plainPath('/v1/tweets/1?x=1'), '/v1/tweets/1');
  assert.equal(plainPath('/a/../b'), undefined);
});

test('labelled counters render like inc() with the same labels; disabled log levels are no-ops', () => {
  const a = new Metrics();
  const b = new Metrics();
  a.inc('x_total', 'X.', { route: '/r', method: 'GET', status: '200' }, 2);
  const c = b.counter('x_total', 'X.', ['route', 'method', 'status']);
  c.inc(['/r', 'GET', '200']);
  c.inc(['/r', 'GET', '200']);
  assert.equal(b.value('x_total', { status: '200', method: 'GET', route: '/r' }), 2);
  return Promise.all([a.render(), b.render()]).then(([ra, rb]) => {
    assert.equal(rb, ra);
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.debug('hidden', { a: 1 });
    log.info('shown');
    assert.equal(lines.length, 1);
    assert.equal(log.enabled?.('debug'), false);
    assert.equal(log.enabled?.('warn'), true);
  });
});

test('a cached post answered from prebuilt headers carries what the general path sends: HEAD and GET agree, codings included', async () => {
  await raw(`/v1/tweets/${ID}`);
  const strip = (h: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> => {
    const { date: _date, ...rest } = h;
    return rest;
  };
  // identity: HEAD goes through the response's general path, GET through the prebuilt answer
  assert.deepEqual(strip((await raw(`/v1/tweets/${ID}`, {}, 'GET')).headers), strip((await raw(`/v1/tweets/${ID}`, {}, 'HEAD')).headers));
  for (const coding of ['br', 'gzip']) {
    const get = (await raw(`/v1/tweets/${ID}`, { 'accept-encoding': coding })).headers;
    const head = (await raw(`/v1/tweets/${ID}`, { 'accept-encoding': coding }, 'HEAD')).headers;
    assert.equal(get['content-encoding'], coding);
    // HEAD cannot know the coded length; everything else is the same
    const { 'content-length': _length, ...getRest } = strip(get);
    assert.deepEqual(getRest, strip(head));
  }
});

test('with named allowed origins, a cached post names the caller origin and varies on it and on the coding', async () => {
  const named = await startServer({ port: 0, logLevel: 'silent', serveDemo: false, allowedOrigins: ['https://news.example'] });
  try {
    const u = new URL(named.url);
    const get = (headers: Record<string, string>): Promise<Record<string, string | string[] | undefined>> =>
      new Promise((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, path: `/v1/tweets/${ID}`, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.headers));
        });
        req.on('error', reject);
        req.end();
      });
    await get({});
    const allowed = await get({ origin: 'https://news.example', 'accept-encoding': 'br' });
    assert.equal(allowed['access-control-allow-origin'], 'https://news.example');
    assert.match(String(allowed.vary), /origin/i);
    assert.match(String(allowed.vary), /Accept-Encoding/);
    assert.equal(allowed['content-encoding'], 'br');
    assert.equal(allowed['x-frame-options'], 'SAMEORIGIN');
    const other = await get({ origin: 'https://elsewhere.example', 'accept-encoding': 'br' });
    assert.equal(other['access-control-allow-origin'], undefined);
    assert.equal(other['x-content-type-options'], 'nosniff');
  } finally {
    await named.close();
  }
});
