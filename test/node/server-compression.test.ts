// Compression and the widget assets over real sockets: precompressed brotli/gzip assets with
// per-encoding ETags and the right caching, JSON and HTML compressed on the fly above 1 KB, and the
// assets served whatever the upstream, demo or not. Prints the bytes a one-post page transfers.
// Needs the widget build (`npm run build`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes as they crossed the socket (still encoded). */
  wire: Buffer;
  /** The body decoded. */
  body: Buffer;
}

/** A raw request: no automatic decoding, so what crossed the wire can be measured. */
function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const enc = res.headers['content-encoding'];
        const body = enc === 'br' ? brotliDecompressSync(wire) : enc === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const POST_ID = '1641086480675225601';
let dataDir = '';
let fixtures: RunningServer;
let production: RunningServer;
let fake: FakeSyndication;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'perch-compress-'));
  fake = await startFakeSyndication();
  fixtures = await startServer({ port: 0, logLevel: 'silent', dataDir: join(dataDir, 'a') });
  production = await startServer({ port: 0, logLevel: 'silent', dataDir: join(dataDir, 'b'), upstream: 'syndication', syndicationBaseUrl: fake.url, serveDemo: false });
});

after(async () => {
  await fixtures?.close();
  await production?.close();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The hashed chunk file names the tweet entry imports statically. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:from|import)\s*"\.\/(chunks\/[^"]+\.js)"/g)].map((m) => `widgets/${m[1] ?? ''}`);
}

test('the loader is served brotli- or gzip-encoded as asked, identical once decoded, with a short cache and Vary', async () => {
  const plain = await raw(production.url, '/dist/cdn/perch.js');
  const br = await raw(production.url, '/dist/cdn/perch.js', { 'accept-encoding': 'gzip, deflate, br' });
  const gz = await raw(production.url, '/dist/cdn/perch.js', { 'accept-encoding': 'gzip' });
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(br.body.equals(plain.body) && gz.body.equals(plain.body), 'the same script once decoded');
  assert.ok(br.wire.length < plain.wire.length / 2, `brotli ${br.wire.length} B vs ${plain.wire.length} B`);
  for (const r of [plain, br, gz]) {
    assert.equal(r.headers.vary, 'Accept-Encoding');
    assert.match(String(r.headers['cache-control']), /max-age=300\b/);
    assert.doesNotMatch(String(r.headers['cache-control']), /immutable/);
    assert.equal(Number(r.headers['content-length']), r.wire.length);
  }
  const tags = new Set([plain, br, gz].map((r) => r.headers.etag));
  assert.equal(tags.size, 3, 'one ETag per encoding');
  // each ETag revalidates its own encoding
  const again = await raw(production.url, '/dist/cdn/perch.js', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
  assert.equal(again.status, 304);
  assert.equal(again.headers.etag, br.headers.etag);
  assert.equal(again.wire.length, 0);
});

test('hashed chunks are cached for a year as immutable; entry chunks briefly; q=0 is honoured', async () => {
  const entry = await raw(production.url, '/dist/cdn/widgets/perch-tweet.js', { 'accept-encoding': 'br;q=0, gzip' });
  assert.equal(entry.headers['content-encoding'], 'gzip');
  assert.match(String(entry.headers['cache-control']), /max-age=300\b/);
  const chunks = staticImports(entry.body.toString());
  assert.ok(chunks.length > 0, 'the tweet entry imports a hashed chunk');
  for (const chunk of chunks) {
    const r = await raw(production.url, `/dist/cdn/${chunk}`, { 'accept-encoding': 'br' });
    assert.equal(r.status, 200, chunk);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(r.headers['access-control-allow-origin'], '*', 'module chunks load cross-origin');
  }
  const missing = await raw(production.url, '/dist/cdn/widgets/chunks/nothing-AAAAAAAA.js');
  assert.equal(missing.status, 404);
});

test('with --upstream syndication and no demo, the script the oEmbed HTML names is served; the demo is not', async () => {
  const oembed = await raw(production.url, `/oembed?url=${encodeURIComponent(`https://x.com/SamuelSusla/status/${POST_ID}`)}`);
  assert.equal(oembed.status, 200, oembed.body.toString());
  const html = (JSON.parse(oembed.body.toString()) as { html: string }).html;
  const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  assert.ok(src !== undefined && src.startsWith(production.url), src);
  const script = await raw(production.url, new URL(src).pathname);
  assert.equal(script.status, 200);
  assert.match(String(script.headers['content-type']), /javascript/);
  assert.equal((await raw(production.url, '/')).status, 404, 'no demo pages');
  assert.equal((await raw(fixtures.url, '/')).status, 200, 'the demo stays on with the built-in data');
});

test('JSON above 1 KB is compressed on the fly, with an ETag per encoding that still answers 304', async () => {
  const plain = await raw(fixtures.url, `/v1/tweets/${POST_ID}`);
  assert.ok(plain.wire.length >= 1024, `the post JSON is ${plain.wire.length} B`);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(String(plain.headers.vary), /Accept-Encoding/);
  for (const encoding of ['br', 'gzip'] as const) {
    const r = await raw(fixtures.url, `/v1/tweets/${POST_ID}`, { 'accept-encoding': encoding });
    assert.equal(r.headers['content-encoding'], encoding);
    assert.ok(r.body.equals(plain.body), 'the same JSON once decoded');
    assert.ok(r.wire.length < plain.wire.length, `${encoding}: ${r.wire.length} B < ${plain.wire.length} B`);
    assert.equal(Number(r.headers['content-length']), r.wire.length);
    assert.match(String(r.headers.vary), /Accept-Encoding/);
    assert.notEqual(r.headers.etag, plain.headers.etag);
    const revalidated = await raw(fixtures.url, `/v1/tweets/${POST_ID}`, { 'accept-encoding': encoding, 'if-none-match': String(r.headers.etag) });
    assert.equal(revalidated.status, 304);
    assert.equal(revalidated.headers.etag, r.headers.etag);
  }
  // a cache holding the gzip copy that now asks with br: the post has not changed, so its copy stays valid
  const gz = await raw(fixtures.url, `/v1/tweets/${POST_ID}`, { 'accept-encoding': 'gzip' });
  const asBrotli = await raw(fixtures.url, `/v1/tweets/${POST_ID}`, { 'accept-encoding': 'br', 'if-none-match': String(gz.headers.etag) });
  assert.equal(asBrotli.status, 304);
  assert.equal(asBrotli.headers.etag, gz.headers.etag, 'the answer names the copy the client holds');
});

test('small answers stay uncompressed; static HTML above 1 KB is compressed', async () => {
  const health = await raw(fixtures.url, '/healthz', { 'accept-encoding': 'br, gzip' });
  assert.equal(health.status, 200);
  assert.ok(health.wire.length < 1024);
  assert.equal(health.headers['content-encoding'], undefined);
  const page = await raw(fixtures.url, `/v1/render/tweet/${POST_ID}`, { 'accept-encoding': 'gzip' });
  assert.equal(page.status, 200);
  assert.equal(page.headers['content-encoding'], 'gzip');
  assert.match(page.body.toString(), /<perch-tweet/);
});

test('bytes a one-post page transfers: the loader, the tweet entry, its chunks and the post', async () => {
  const entry = (await raw(production.url, '/dist/cdn/widgets/perch-tweet.js')).body.toString();
  const paths = ['/dist/cdn/perch.js', '/dist/cdn/widgets/perch-tweet.js', ...staticImports(entry).map((c) => `/dist/cdn/${c}`), `/v1/tweets/${POST_ID}`];
  const total = async (headers: Record<string, string>): Promise<number> => {
    let sum = 0;
    for (const path of paths) sum += (await raw(production.url, path, headers)).wire.length;
    return sum;
  };
  const identity = await total({});
  const gzip = await total({ 'accept-encoding': 'gzip' });
  const brotli = await total({ 'accept-encoding': 'gzip, deflate, br' });
  console.log(JSON.stringify({ onePostPageBytes: { identity, gzip, brotli, files: paths.length } }));
  assert.ok(brotli < identity / 2.5, `brotli ${brotli} B vs uncompressed ${identity} B`);
  assert.ok(brotli <= gzip);
});
