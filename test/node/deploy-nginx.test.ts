// The scaled-out deployment of docs/deploy.md, for real: Debian's nginx on a loopback port in front
// of two perch-server processes sharing one redis-server. Posts, media byte ranges, impressions
// (the visitor address nginx puts in X-Forwarded-For decides the per-visitor bound) and a purge
// seen by both processes, all through the proxy. nginx is required: a missing nginx fails the test.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { freePort, startRedis, startServerProcess, type Started } from '../support/processes.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import { makeBatch, pageViewId, postEvents } from '../support/impression-client.js';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const POST_ID = '1641086480675225601';
const TOKEN = 'deploy-test-admin-token';
const VIDEO = readFileSync('fixtures/media/sample.mp4');

let dir = '';
let redis: (Started & { url: string }) | undefined;
let fake: FakeSyndication | undefined;
let media: Server | undefined;
const servers: Array<Started & { url: string }> = [];
let nginx: ChildProcess | undefined;
let proxy = '';

/** A media host that answers byte ranges of the sample video, as X's video host does. */
async function startMediaHost(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range === null) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length), 'accept-ranges': 'bytes' }).end(VIDEO);
      return;
    }
    const start = Number(range[1]);
    const end = range[2] === '' ? VIDEO.length - 1 : Math.min(Number(range[2]), VIDEO.length - 1);
    res.writeHead(206, { 'content-type': 'video/mp4', 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${VIDEO.length}`, 'accept-ranges': 'bytes' }).end(VIDEO.subarray(start, end + 1));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/**
 * The nginx configuration of docs/deploy.md, with paths in a temporary folder. The test client plays
 * the CDN in front: nginx trusts its X-Forwarded-For (set_real_ip_from), as the docs show for a CDN.
 */
function nginxConfig(port: number, backends: string[]): string {
  const upstreams = backends.map((u) => `    server ${new URL(u).host};`).join('\n');
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;

  # The visitor's address: from the CDN in front (here: the test client on loopback).
  set_real_ip_from 127.0.0.1;
  real_ip_header X-Forwarded-For;
  real_ip_recursive on;

  upstream perch {
${upstreams}
    keepalive 16;
  }
  # Impressions from one visitor go to one process, so its per-visitor bound holds as configured.
  upstream perch_impressions {
    hash $remote_addr consistent;
${upstreams}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto $scheme;
    # perch-server compresses (and precompresses the widget scripts) itself
    gzip off;
    location /v1/impressions { proxy_pass http://perch_impressions; }
    location /v1/media {
      proxy_pass http://perch;
      proxy_buffering off;
    }
    location / { proxy_pass http://perch; }
  }
}
`;
}

async function startNginx(config: string, port: number): Promise<ChildProcess> {
  const path = join(dir, 'nginx.conf');
  writeFileSync(path, config);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { recursive: true });
  const child = spawn(NGINX, ['-c', path, '-p', dir, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${err}${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) return child;
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${port}: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  assert.ok(existsSync(NGINX), `nginx is missing at ${NGINX}: install Debian's nginx (apt-get install nginx; .ci/run and scripts/ensure-system-tools.mjs do) or set NGINX_PATH`);
  dir = mkdtempSync(join(tmpdir(), 'perch-nginx-'));
  redis = await startRedis();
  fake = await startFakeSyndication();
  const host = await startMediaHost();
  media = host.server;
  const args = ['--upstream', 'syndication', '--syndication-url', fake.url, '--media-upstream-url', host.url, '--store', redis.url, '--no-demo', '--impressions-burst', '5', '--impressions-rate', '0.01'];
  for (let i = 0; i < 2; i++) servers.push(await startServerProcess(args, { PERCH_ADMIN_TOKEN: TOKEN }));
  const port = await freePort();
  nginx = await startNginx(nginxConfig(port, servers.map((s) => s.url)), port);
  proxy = `http://127.0.0.1:${port}`;
});

after(async () => {
  if (nginx !== undefined && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx?.once('exit', r));
    nginx.kill('SIGQUIT');
    await exited;
  }
  for (const s of servers) await s.stop();
  await redis?.stop();
  await fake?.close();
  await new Promise((r) => (media === undefined ? r(undefined) : media.close(r)));
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

async function post(base: string, id = POST_ID): Promise<{ status: number; kind: string }> {
  const r = await fetch(`${base}/v1/tweets/${id}`);
  return { status: r.status, kind: ((await r.json()) as { kind: string }).kind };
}

test('posts through nginx come from both processes and one shared Redis: X is asked once', async () => {
  const before = fake?.calls.filter((id) => id === POST_ID).length ?? 0;
  for (let i = 0; i < 4; i++) assert.deepEqual(await post(proxy), { status: 200, kind: 'post' });
  for (const s of servers) assert.deepEqual(await post(s.url), { status: 200, kind: 'post' });
  assert.equal((fake?.calls.filter((id) => id === POST_ID).length ?? 0) - before, 1, 'one upstream call for six answers from two processes');
  const loader = await fetch(`${proxy}/dist/cdn/perch.js`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(loader.status, 200);
  assert.equal(loader.headers.get('content-encoding'), 'br', 'the precompressed script passes through nginx');
});

test('media byte ranges pass through nginx and the proxy unchanged', async () => {
  const target = encodeURIComponent('https://video.twimg.com/ext_tw_video/1/pu/vid/640x360/sample.mp4');
  const r = await fetch(`${proxy}/v1/media?url=${target}`, { headers: { range: 'bytes=100-1123' } });
  assert.equal(r.status, 206);
  assert.equal(r.headers.get('content-range'), `bytes 100-1123/${VIDEO.length}`);
  const body = Buffer.from(await r.arrayBuffer());
  assert.equal(body.length, 1024);
  assert.ok(body.equals(VIDEO.subarray(100, 1124)));
});

test("impressions are bounded per visitor, the visitor being the address nginx forwards, and counted once in Redis", async () => {
  assert.equal((await post(proxy)).status, 200);
  const send = (visitor: string, count: number): Promise<Response> =>
    fetch(`${proxy}/v1/impressions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': visitor },
      body: JSON.stringify(makeBatch(pageViewId(), postEvents(0, count, Date.now(), 'rendered', () => POST_ID))),
    });
  assert.equal((await send('203.0.113.7', 5)).status, 200, 'visitor A: a burst of 5');
  const refused = await send('203.0.113.7', 1);
  assert.equal(refused.status, 429, 'visitor A is over its bound');
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  assert.equal((await send('198.51.100.23', 5)).status, 200, 'visitor B has a bound of its own');
  for (const s of servers) {
    const summary = await fetch(`${s.url}/v1/impressions/summary`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(summary.status, 200);
    const { days } = (await summary.json()) as { days: Array<{ rendered: number }> };
    assert.equal(days.reduce((sum, d) => sum + d.rendered, 0), 10, `${s.url} sees both visitors' events in the shared store`);
  }
});

test('a purge through nginx is seen by both processes', async () => {
  for (const s of servers) assert.equal((await post(s.url)).kind, 'post');
  fake?.remove(POST_ID);
  // still cached: neither process asks X again on its own within the freshness window
  for (const s of servers) assert.equal((await post(s.url)).kind, 'post');
  const purge = await fetch(`${proxy}/v1/tweets/${POST_ID}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
  assert.ok(purge.status === 200 || purge.status === 204, `purge answered ${purge.status}`);
  for (const s of servers) assert.equal((await post(s.url)).kind, 'tombstone', `${s.url} no longer serves the deleted post`);
});
