// perch-server as a publisher gets it: `npm pack -w server`, an offline `npm install` of the tarball
// into an empty folder (every dependency already in the npm cache), then the installed command:
// `--help`, the built-in data, `--upstream syndication` against a local fake, and `report`, over
// real sockets; and a publisher's page with the oEmbed HTML it hands out renders the post in
// Chromium, with every script loaded from the installed server. Needs `npm run build` first.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';

const run = promisify(execFile);
const ROOT = resolve('.');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const POST_ID = '1641086480675225601';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}
interface PackResult {
  filename: string;
  integrity: string;
  files: Array<{ path: string }>;
}

let work = '';
let app = '';
let packed: PackResult;
let installLog = '';
const started: ChildProcess[] = [];

/** npm (or npx) in a child process, without the npm_* settings of a parent `npm run`. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|PERCH_)/i.test(k))), ...extra };
}
async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout, stderr } = await run('npm', args, { cwd, env: cleanEnv(), maxBuffer: 32 * 1024 * 1024 });
  return `${stdout}\n${stderr}`;
}

/**
 * The app's package-lock.json: perch-server from the tarball, and each dependency exactly as the
 * repository installed it (resolved the way Node resolves: nested copies first), so every tarball is
 * in the npm cache already and `--offline` needs no registry.
 */
function appLock(tarball: string, integrity: string): object {
  const repo = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const server = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const packages: Record<string, LockEntry> = {};
  /** The lock key Node would load `name` from, for the package at `from` ('' for the top). */
  const locate = (from: string, name: string): string | undefined => {
    let base = from;
    for (;;) {
      const key = `${base === '' ? '' : `${base}/`}node_modules/${name}`;
      if (repo[key] !== undefined) return key;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const add = (from: string, name: string, optional: boolean): void => {
    const key = locate(from, name);
    if (key === undefined) {
      assert.ok(optional, `${name} (needed by ${from || 'perch-server'}) is not in the repository's package-lock.json`);
      return;
    }
    if (packages[key] !== undefined) return;
    const entry = repo[key] as LockEntry;
    const leaf = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
    packages[key] = { ...kept, resolved: entry.resolved ?? `https://registry.npmjs.org/${leaf}/-/${leaf.split('/').pop() ?? leaf}-${entry.version ?? ''}.tgz` };
    for (const dep of Object.keys(entry.dependencies ?? {})) add(key, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) add(key, dep, true);
    for (const peer of Object.keys(entry.peerDependencies ?? {})) if (entry.peerDependenciesMeta?.[peer]?.optional !== true) add(key, peer, false);
  };
  for (const dep of Object.keys(server.dependencies)) add('', dep, false);
  return {
    name: 'perch-publisher',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'perch-publisher', dependencies: { 'perch-server': `file:${tarball}` } },
      'node_modules/perch-server': { version: server.version, resolved: `file:${tarball}`, integrity, license: 'MIT', dependencies: server.dependencies, bin: server.bin, engines: server.engines },
      ...packages,
    },
  };
}

/** Start the installed command (`npx perch-server …`) in the app; resolves with its URL. */
async function startInstalled(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn('npx', ['--offline', 'perch-server', '--port', '0', '--log-level', 'info', ...args], { cwd: app, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(child);
  const url = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`perch-server did not start: ${err}`)), 30_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolvePromise((JSON.parse(line) as { url: string }).url);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`perch-server exited ${code}: ${err}`));
    });
  });
  return { url, child };
}

/** Stop a started command and its children (npx runs node under a shell). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/server/server/cli.js')) && existsSync(join(ROOT, 'dist/cdn/perch.js')), 'the build is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'perch-server-pack-'));
  app = join(work, 'app');
  const out = await npm(['pack', '-w', 'server', '--json', '--pack-destination', work], ROOT);
  // the JSON array starts on a line of its own (the prepack script prints a line starting with `[perch]`)
  const [result] = JSON.parse(out.slice(out.search(/^\[$/m), out.lastIndexOf(']') + 1)) as PackResult[];
  assert.ok(result !== undefined);
  packed = result;
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'perch-publisher', private: true, dependencies: { 'perch-server': `file:../${packed.filename}` } }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLock(`../${packed.filename}`, packed.integrity), null, 2));
  installLog = await npm(['install', '--offline', '--no-audit', '--no-fund'], app);
});

after(async () => {
  for (const child of started) await stop(child);
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

test('the perch-server tarball holds the command, the compiled server, the widget build (with .br/.gz) and the built-in data, no sources', () => {
  const paths = packed.files.map((f) => f.path);
  for (const p of ['package.json', 'bin/perch-server.js', 'dist/server/cli.js', 'dist/server/index.js', 'dist/src/data/model.js', 'dist/cdn/perch.js', 'dist/cdn/perch.js.br', 'dist/cdn/perch.js.gz', 'dist/cdn/widgets/perch-tweet.js', 'fixtures/index.json', 'deploy/perch-server.service']) {
    assert.ok(paths.includes(p), `${p} is packed`);
  }
  assert.ok(!paths.some((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')), 'no TypeScript sources');
  assert.doesNotMatch(installLog, /npm (error|ERR!)/, installLog);
  assert.ok(existsSync(join(app, 'node_modules/.bin/perch-server')), 'npm linked the command');
});

test('npx perch-server --help answers from the installed package', async () => {
  const { stdout } = await run('npx', ['--offline', 'perch-server', '--help'], { cwd: app, env: cleanEnv() });
  assert.match(stdout, /Usage: perch-server/);
  assert.match(stdout, /--impressions-store/);
});

test('npx perch-server serves the built-in data and the widget scripts; report prints what it counted', async () => {
  const dataDir = join(work, 'data');
  const { url, child } = await startInstalled(['--data-dir', dataDir]);
  const post = await fetch(`${url}/v1/tweets/${POST_ID}`);
  assert.equal(post.status, 200);
  assert.equal(((await post.json()) as { kind: string }).kind, 'post');
  const loader = await fetch(`${url}/dist/cdn/perch.js`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(loader.status, 200);
  assert.equal(loader.headers.get('content-encoding'), 'br', 'the precompressed copy from the package');
  const ack = asAck(await postBatch(url, makeBatch(pageViewId(), postEvents(0, 3, Date.now(), 'rendered', () => POST_ID))));
  assert.equal(ack.accepted, 3);
  await stop(child);
  const { stdout } = await run('npx', ['--offline', 'perch-server', 'report', '--data-dir', dataDir, '--format', 'json'], { cwd: app, env: cleanEnv() });
  const report = JSON.parse(stdout) as { days: Array<{ rendered: number }> };
  assert.equal(report.days.reduce((sum, d) => sum + d.rendered, 0), 3, stdout);
});

test('npx perch-server --upstream syndication serves a publisher page whose oEmbed HTML renders the post in Chromium', async () => {
  let fake: FakeSyndication | undefined;
  let page: Server | undefined;
  let browser: Browser | undefined;
  try {
    fake = await startFakeSyndication();
    const { url } = await startInstalled(['--upstream', 'syndication', '--syndication-url', fake.url, '--no-demo']);
    assert.ok(existsSync(join(app, 'perch-data')), 'the default data directory is in the working directory, not in node_modules');
    assert.equal((await fetch(`${url}/`)).status, 404, 'no demo');
    const oembed = (await (await fetch(`${url}/oembed?url=${encodeURIComponent(`https://x.com/i/status/${POST_ID}`)}`)).json()) as { html: string };
    assert.match(oembed.html, new RegExp(`src="${url}/dist/cdn/perch\\.js"`));
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body><main>${oembed.html}</main></body></html>`;
    page = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    await new Promise<void>((r) => page?.listen(0, '127.0.0.1', r));
    const origin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const tab = await browser.newPage();
    const problems: string[] = [];
    const scripts: string[] = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const requests: string[] = [];
    tab.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(`${r.status()} ${r.url()}`);
      else requests.push(`${r.status()} ${r.url()}`);
    });
    tab.on('requestfailed', (r) => requests.push(`failed ${r.url()} ${r.failure()?.errorText ?? ''}`));
    // loopback only: the page and the installed server; anything else is refused
    await tab.route('**/*', (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith(url) ? route.continue() : route.abort()));
    await tab.goto(origin);
    // No input of any kind: the reader sees the post, not the pasted fallback.
    const rendered = (): Promise<string> => tab.evaluate(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('[part~="text"]')?.textContent ?? '');
    const deadline = Date.now() + 15_000;
    let text = '';
    while ((text = await rendered()) === '' && Date.now() < deadline) await tab.waitForTimeout(100);
    assert.ok(text.includes('View Flattening'), `no post rendered\n${scripts.join('\n')}\n${requests.join('\n')}\n${problems.join('\n')}`);
    assert.ok(scripts.length >= 3 && scripts.every((s) => s.startsWith(`200 ${url}/dist/cdn/`)), scripts.join('\n'));
    assert.ok(fake.calls.includes(POST_ID), 'the post came through the syndication upstream');
    assert.deepEqual(problems, []);
  } finally {
    await browser?.close();
    await new Promise((r) => (page === undefined ? r(undefined) : page.close(r)));
    await fake?.close();
  }
});
