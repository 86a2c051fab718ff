// perch-server's configuration: a JSON file (--config), PERCH_* variables and flags, in that order of
// strength; unknown keys, unknown variables and bad values stop start-up with a message naming them;
// the impressions rate limits, which only a programmatic caller could set before, come from all three.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCliConfig } from '../../server/cli-config.js';
import { startServerProcess, type Started } from '../support/processes.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'perch-config-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, body: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
}

/** Run the CLI to its exit; stderr and the exit code. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; err: string; out: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PERCH_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--data-dir', join(dir, 'data'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...clean, ...env } });
  let err = '';
  let out = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, err, out };
}

test('an unknown key in the config file stops start-up, naming the key and the file', async () => {
  const path = file('typo.json', { upstream: 'fixtures', treshold: 5000 });
  const r = await cli(['--config', path]);
  assert.equal(r.code, 1);
  assert.match(r.err, /typo\.json: unknown key "treshold"/);
  assert.doesNotMatch(r.out, /listening/);
});

test('a bad value stops start-up, naming the setting and where it came from', async () => {
  const fromFile = await cli(['--config', file('bad.json', { impressionsBurst: 0 })]);
  assert.equal(fromFile.code, 1);
  assert.match(fromFile.err, /--impressions-burst: must be at least 1, got 0 \(from .*bad\.json: "impressionsBurst"\)/);
  const fromEnv = await cli([], { PERCH_IMPRESSIONS_RATE: 'fast' });
  assert.equal(fromEnv.code, 1);
  assert.match(fromEnv.err, /--impressions-rate: expected a number, got "fast" \(from environment PERCH_IMPRESSIONS_RATE\)/);
  const fromFlag = await cli(['--upstream', 'twitter']);
  assert.equal(fromFlag.code, 1);
  assert.match(fromFlag.err, /--upstream: expected fixtures \| syndication \| x-api-v2, got "twitter" \(from --upstream\)/);
  const notJson = await cli(['--config', file('broken.json', '{"port": 80,')]);
  assert.equal(notJson.code, 1);
  assert.match(notJson.err, /broken\.json is not valid JSON/);
});

test('an unknown PERCH_* variable stops start-up (a typo is never ignored silently)', async () => {
  const r = await cli([], { PERCH_STOR: 'redis://127.0.0.1:1' });
  assert.equal(r.code, 1);
  assert.match(r.err, /unknown environment variable PERCH_STOR\b/);
});

test('secrets are refused in the config file and named by their variable', () => {
  assert.throws(() => loadCliConfig({ config: file('secret.json', { adminToken: 'hunter2' }) }, {}), /"adminToken" is a secret .* set PERCH_ADMIN_TOKEN/);
});

test('flags win over the environment, which wins over the file', () => {
  const path = file('layers.json', { threshold: 100, impressionsBurst: 1, impressionsRatePerSecond: 2, allowedOrigins: ['https://news.example'] });
  const config = loadCliConfig({ config: path, 'impressions-burst': '30' }, { PERCH_THRESHOLD: '200', PERCH_IMPRESSIONS_BURST: '20' });
  assert.equal(config.impressions?.threshold, 200);
  assert.deepEqual(config.impressions?.rateLimit, { burst: 30, eventsPerSecond: 2 });
  assert.deepEqual(config.allowedOrigins, ['https://news.example']);
});

test('--store memory is explained as an in-process post cache plus an LMDB file for impressions', async () => {
  const r = await cli(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /--store memory keeps the post cache in this process and the impression counts in an LMDB\s+file/);
  assert.match(r.out, /--impressions-store <v>\s+impression counts: lmdb/);
  const wrong = await cli(['--impressions-store', 'redis']);
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /--impressions-store: redis needs a Redis: pass --store redis:\/\//);
});

test('the impressions rate limit set in a config file bounds what one client may send', async () => {
  const path = file('limits.json', { impressionsBurst: 5, impressionsRatePerSecond: 0.01, impressionsLimitLoopback: true, countUnservedPosts: true });
  let server: Started & { url: string } | undefined;
  try {
    server = await startServerProcess(['--config', path, '--data-dir', join(dir, 'limits-data'), '--no-demo']);
    const now = Date.now();
    assert.deepEqual(asAck(await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 5, now)))), { accepted: 5, duplicates: 0 });
    const refused = await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 1, now)));
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  } finally {
    await server?.stop();
  }
});

test('perch-server report reads the store from the same config file as the server', async () => {
  const path = file('report.json', { dataDir: join(dir, 'report-data'), impressionsStore: 'lmdb', threshold: 1000, countUnservedPosts: true });
  let server: (Started & { url: string }) | undefined;
  try {
    server = await startServerProcess(['--config', path, '--no-demo']);
    assert.equal(asAck(await postBatch(server.url, makeBatch(pageViewId(), postEvents(0, 4, Date.now())))).accepted, 4);
  } finally {
    await server?.stop();
  }
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PERCH_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'report', '--config', path, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'], env: clean });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  assert.equal(await new Promise<number | null>((resolve) => child.on('exit', resolve)), 0, err);
  const report = JSON.parse(out) as { threshold: number; days: Array<{ rendered: number; viewable: number }> };
  assert.equal(report.threshold, 1000);
  assert.equal(report.days.reduce((sum, d) => sum + d.rendered + d.viewable, 0), 4);
});
