// The published package, as a user gets it: `npm pack`, an offline `npm install` of the
// tarball into a fresh app, an esbuild bundle of that app, and the bundle running in
// Chromium on a loopback page. Needs the npm build (`npx rollup -c` or `npm run build`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.ts';

const run = promisify(execFile);
const ROOT = resolve('.');
const APP_SOURCES = join(ROOT, 'test/fixtures-app');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

interface LockEntry {
  version: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optional?: boolean;
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
let browser: Browser | undefined;
let server: Server | undefined;
let origin = '';
const bundles = new Map<string, string>();

/** npm in a child process, without the npm_* settings of a parent `npm run`. */
async function npm(args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const { stdout, stderr } = await run('npm', args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
  return `${stdout}\n${stderr}`;
}

/**
 * A package-lock.json for the app, pinned to exactly what the repository itself installed
 * (so every tarball is already in the npm cache and `--offline` needs no registry).
 */
function appLock(tarball: string, integrity: string, extra: string[]): object {
  const repoLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Required<Pick<LockEntry, 'dependencies' | 'peerDependencies' | 'peerDependenciesMeta'>>;
  const packages: Record<string, LockEntry> = {};
  const add = (name: string): void => {
    const key = `node_modules/${name}`;
    if (packages[key] !== undefined) return;
    const entry = repoLock.packages[key];
    assert.ok(entry !== undefined, `${name} is not in the repository's package-lock.json`);
    const { version, resolved, integrity: sri, license, dependencies, peerDependencies, peerDependenciesMeta } = entry;
    // some entries carry no `resolved`; the registry's tarball address is the cache key
    const url = resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop() ?? name}-${version}.tgz`;
    packages[key] = { version, resolved: url, integrity: sri, license, dependencies, peerDependencies, peerDependenciesMeta };
    for (const dep of Object.keys(dependencies ?? {})) add(dep);
    for (const peer of Object.keys(peerDependencies ?? {})) if (peerDependenciesMeta?.[peer]?.optional !== true) add(peer);
  };
  for (const dep of Object.keys(pkg.dependencies)) add(dep);
  for (const name of extra) add(name);
  const rootDeps: Record<string, string> = { 'perch-widgets': `file:${tarball}` };
  for (const name of extra) rootDeps[name] = (packages[`node_modules/${name}`] as LockEntry).version;
  return {
    name: 'perch-bundler-app',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'perch-bundler-app', dependencies: rootDeps },
      'node_modules/perch-widgets': {
        version: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string,
        resolved: `file:${tarball}`,
        integrity,
        license: 'MIT',
        dependencies: pkg.dependencies,
        peerDependencies: pkg.peerDependencies,
        peerDependenciesMeta: pkg.peerDependenciesMeta,
      },
      ...packages,
    },
  };
}

async function bundle(entry: string, minify = true): Promise<string> {
  const result = await build({
    absWorkingDir: app,
    entryPoints: [join(app, entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const text = result.outputFiles[0]?.text;
  assert.ok(text !== undefined);
  return text;
}

function postJson(): { json: string; text: string; id: string } {
  const payload: unknown = JSON.parse(readFileSync(join(ROOT, 'fixtures/syndication/plain-text-affiliate-badge.json'), 'utf8'));
  const post = normalizeSyndication(payload);
  assert.equal(post.kind, 'post');
  // `<` escaped so the JSON cannot end its <script> element early
  return { json: JSON.stringify(post).replace(/</g, '\\u003c'), text: post.kind === 'post' ? post.text.text : '', id: post.id };
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/npm/define.js')), 'dist/npm is missing: run `npx rollup -c rollup.config.mjs` (or `npm run build`) first');
  work = mkdtempSync(join(tmpdir(), 'perch-pack-'));
  app = join(work, 'app');
  const [result] = JSON.parse(await npm(['pack', '--json', '--pack-destination', work], ROOT).then((out) => out.slice(out.indexOf('['), out.lastIndexOf(']') + 1))) as PackResult[];
  assert.ok(result !== undefined);
  packed = result;

  await run('mkdir', ['-p', app]);
  const tarball = `../${packed.filename}`;
  const extra = ['react', 'react-dom'];
  const lock = appLock(tarball, packed.integrity, extra);
  const rootDeps = (lock as { packages: Record<string, { dependencies?: Record<string, string> }> }).packages['']?.dependencies;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'perch-bundler-app', private: true, type: 'module', dependencies: rootDeps }, null, 2));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(lock, null, 2));
  installLog = await npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  for (const file of ['define-app.js', 'class-only-app.js', 'root-import-app.js', 'react-app.js', 'lite-app.js']) copyFileSync(join(APP_SOURCES, file), join(app, file));
  for (const file of ['define-app.js', 'class-only-app.js', 'root-import-app.js', 'react-app.js', 'lite-app.js']) bundles.set(file, await bundle(file));

  const { json } = postJson();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const script = url.searchParams.get('app') ?? '';
    const tag = url.searchParams.get('tag') ?? 'perch-tweet';
    if (url.pathname === '/' && bundles.has(script)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bundler app</title></head><body>
<div id="root"></div>
<script type="application/json" id="post-data">${json}</script>
${tag === 'none' ? '' : `<${tag} id="post"><script type="application/json">${json}</script><p>fallback</p></${tag}>`}
<script type="module" src="/app.js?app=${encodeURIComponent(script)}"></script>
</body></html>`);
      return;
    }
    if (url.pathname === '/app.js' && bundles.has(script)) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(bundles.get(script));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

after(async () => {
  await browser?.close();
  await new Promise((r) => (server === undefined ? r(undefined) : server.close(r)));
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** Load `app` in a fresh page; returns the page and every console error / page error. */
async function open(script: string, tag = 'perch-tweet') {
  assert.ok(browser !== undefined);
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // only the loopback page itself; nothing may leave the machine
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  await page.goto(`${origin}/?app=${encodeURIComponent(script)}&tag=${tag}`);
  return { page, problems, close: () => context.close() };
}

/** Text of the element's shadow root once it holds the post's text. */
async function renderedText(page: import('playwright-core').Page, selector: string, expected: string): Promise<string> {
  const handle = await page.waitForFunction(
    ({ selector: s, expected: e }) => {
      const root = document.querySelector(s)?.shadowRoot;
      const text = root?.querySelector('[part~="text"]')?.textContent ?? '';
      return text.includes(e) ? text : false;
    },
    { selector, expected: expected.slice(0, 40) },
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as string;
}

test('npm pack ships the build, types, React wrappers and custom-elements.json, and no sources', () => {
  const paths = packed.files.map((f) => f.path);
  for (const p of ['package.json', 'README.md', 'custom-elements.json', 'dist/npm/define.js', 'dist/npm/index.d.ts', 'dist/npm/tweet/tweet.component.js', 'dist/npm/react/index.js', 'dist/npm/react/index.d.ts', 'dist/cdn/perch.js']) {
    assert.ok(paths.includes(p), `${p} is packed`);
  }
  assert.ok(!paths.some((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('server/')), 'no sources, tests or server');
  const pkg = JSON.parse(readFileSync(join(app, 'node_modules/perch-widgets/package.json'), 'utf8')) as { customElements: string; exports: Record<string, { types?: string; default?: string } | string> };
  assert.equal(pkg.customElements, 'custom-elements.json');
  // every export the installed package declares resolves to a file that exists
  for (const [name, target] of Object.entries(pkg.exports)) {
    for (const file of typeof target === 'string' ? [target] : [target.types, target.default]) {
      if (file !== undefined) assert.ok(existsSync(join(app, 'node_modules/perch-widgets', file)), `${name} -> ${file} exists in the installed package`);
    }
  }
});

test('the tarball installs offline, from the npm cache, with its dependencies', () => {
  assert.doesNotMatch(installLog, /npm (error|ERR!)/, installLog);
  for (const dep of ['perch-widgets', 'lit', 'lit-html', 'js-cookie', '@lit/react', 'react', 'react-dom']) {
    assert.ok(existsSync(join(app, 'node_modules', dep, 'package.json')), `${dep} installed`);
  }
});

test('an esbuild app importing perch-widgets/define renders an inline post in Chromium', async () => {
  const { text } = postJson();
  const { page, problems, close } = await open('define-app.js');
  try {
    const shown = await renderedText(page, 'perch-tweet', text);
    assert.ok(shown.includes(text.slice(0, 40)));
    const defined = await page.evaluate(() => ['perch-tweet', 'perch-timeline', 'perch-consent-settings', 'perch-disclosure'].filter((t) => customElements.get(t) !== undefined));
    assert.deepEqual(defined, ['perch-tweet', 'perch-timeline', 'perch-consent-settings', 'perch-disclosure']);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the class-only entry registers nothing; the app registers the class under its own tag', async () => {
  const { text } = postJson();
  const { page, problems, close } = await open('class-only-app.js', 'my-post');
  try {
    await renderedText(page, 'my-post', text);
    const state = await page.evaluate(() => ({
      definedBeforeApp: (window as unknown as { perchApp: { definedBeforeApp: boolean } }).perchApp.definedBeforeApp,
      perchTweet: customElements.get('perch-tweet') !== undefined,
      perchTimeline: customElements.get('perch-timeline') !== undefined,
    }));
    assert.deepEqual(state, { definedBeforeApp: false, perchTweet: false, perchTimeline: false });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the class-only entries carry no video player: nothing in them can register <perch-video>', () => {
  const all = bundles.get('define-app.js') ?? '';
  assert.ok(all.includes('perch-video-state'), 'the define bundle has the player (its perch-video-state event)');
  for (const file of ['class-only-app.js', 'root-import-app.js']) {
    assert.ok(!(bundles.get(file) ?? '').includes('perch-video-state'), `${file} has no player code`);
  }
});

test('a one-file app importing perch-widgets/tweet/lite renders an inline post, without the video player', async () => {
  const { text } = postJson();
  const { page, problems, close } = await open('lite-app.js');
  try {
    await renderedText(page, 'perch-tweet', text);
    const defined = await page.evaluate(() => ['perch-tweet', 'perch-timeline', 'perch-video'].filter((t) => customElements.get(t) !== undefined));
    assert.deepEqual(defined, ['perch-tweet']);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
  const lite = bundles.get('lite-app.js') ?? '';
  assert.ok(!lite.includes('perch-video-state'), 'no player code in the one-file bundle');
  const size = (s: string): number => gzipSync(s, { level: 9 }).length;
  assert.ok(size(lite) < size(bundles.get('define-app.js') ?? ''), 'smaller than the define bundle');
});

test('sideEffects lets esbuild drop what an app does not use (no timeline code next to PerchTweet)', async () => {
  const all = bundles.get('define-app.js') ?? '';
  const classOnly = bundles.get('class-only-app.js') ?? '';
  const root = bundles.get('root-import-app.js') ?? '';
  // markers that only the timeline and consent-settings modules contain
  for (const marker of ['perch-timeline-load', 'perch-new-posts', 'perch-consent-settings']) assert.ok(all.includes(marker), `the full bundle has ${marker}`);
  for (const [name, code] of [['perch-widgets/tweet', classOnly], ['{ PerchTweet } from perch-widgets', root]] as const) {
    for (const marker of ['perch-timeline-load', 'perch-new-posts', 'perch-consent-settings', 'perch-disclosure']) {
      assert.ok(!code.includes(marker), `${name}: ${marker} is tree-shaken away`);
    }
    assert.ok(code.length < all.length, `${name} is smaller than the full bundle`);
  }
  const { text } = postJson();
  const { page, problems, close } = await open('root-import-app.js', 'root-post');
  try {
    await renderedText(page, 'root-post', text);
    assert.equal(await page.evaluate(() => customElements.get('perch-tweet') === undefined), true, 'the package root registers nothing');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
  const size = (s: string): { bytes: number; gzip: number } => ({ bytes: Buffer.byteLength(s), gzip: gzipSync(s).length });
  console.log(
    JSON.stringify({
      esbuildMinified: {
        define: size(all),
        tweetClassOnly: size(classOnly),
        rootImportPerchTweet: size(root),
        react: size(bundles.get('react-app.js') ?? ''),
      },
    }),
  );
});

test('perch-widgets/react renders <PerchTweet> in a React app bundled from the installed package', async () => {
  const { text, id } = postJson();
  const { page, problems, close } = await open('react-app.js', 'none');
  try {
    await renderedText(page, '#root perch-tweet', text);
    const state = await page.evaluate(() => ({
      renders: (window as unknown as { perchApp: { renders: Array<{ type: string; id: string }> } }).perchApp.renders,
      theme: document.querySelector('#root perch-tweet')?.matches(':state(dark)') === true ? 'dark' : 'not dark',
    }));
    assert.deepEqual(state.renders, [{ type: 'perch-render', id }]);
    assert.equal(state.theme, 'dark');
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the installed package type-checks in a strict TypeScript app (class, define, model and React entries)', async () => {
  writeFileSync(
    join(app, 'check.ts'),
    `import { createElement } from 'react';
import 'perch-widgets/define';
import { PerchTweet, PerchTimeline, PerchTimelineRenderEvent, type PostResult, type PerchRenderEvent, type PerchTimelineLoadEvent } from 'perch-widgets';
import { PerchTweet as TweetClass } from 'perch-widgets/tweet';
import { PerchTweet as ReactTweet, PerchTimeline as ReactTimeline, type PerchTweetProps } from 'perch-widgets/react';
import { PerchDisclosure } from 'perch-widgets/react/disclosure';

const el: PerchTweet = document.createElement('perch-tweet');
const same: typeof TweetClass = PerchTweet;
const id: string = el.tweetId;
const timeline: PerchTimeline | null = document.querySelector('perch-timeline');
el.addEventListener('perch-render', (e) => { const r: PostResult = e.result; void r; });
timeline?.addEventListener('perch-load', (e) => { const n: number = e.total; void n; });
document.addEventListener('perch-render', (e) => { if (e instanceof PerchTimelineRenderEvent) void e.page; else void e.result.id; });
document.addEventListener('perch-error', (e) => { const m: string = e.message; void m; });
const onLoad = (e: PerchTimelineLoadEvent): number => e.total;
// @ts-expect-error a perch-render on document may come from a timeline, which has no result
document.addEventListener('perch-render', (e) => void e.result);
const props: PerchTweetProps = { tweetId: '20', theme: 'dark', onPerchRender: (e: PerchRenderEvent) => void e.result.id };
createElement(ReactTweet, props);
createElement(ReactTimeline, { screenName: 'TwitterDev', tweetLimit: 5, onPerchNewPosts: (e) => void e.count });
createElement(PerchDisclosure, {});
// @ts-expect-error tweetId is a string
createElement(ReactTweet, { tweetId: 20 });
// @ts-expect-error onPerchRender receives a PerchRenderEvent, which has no count
createElement(ReactTweet, { onPerchRender: (e) => void e.count });
void same; void id; void timeline; void onLoad;
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom', 'dom.iterable'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ['check.ts'],
    }),
  );
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
  assert.equal(result, '', result);
});
