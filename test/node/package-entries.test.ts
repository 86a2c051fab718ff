// Each entry of the packed npm package as an app developer meets it: type-checked alone in a
// strict TypeScript app with Vite's settings (the event typings must come with the entry),
// and the React index bundled for production (every wrapped element must still register).
// Needs the npm build (`npm run build`). The tarball is unpacked into a scratch app whose
// other dependencies are the repository's own installed packages (no registry involved).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import ts from 'typescript';

const run = promisify(execFile);
const ROOT = resolve('.');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Vite's `react-ts` template settings (tsconfig.app.json), the strict preset app developers start from. */
const VITE_STRICT = {
  target: 'ES2022',
  useDefineForClassFields: true,
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  skipLibCheck: true,
  moduleResolution: 'bundler',
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  moduleDetection: 'force',
  isolatedModules: true,
  noEmit: true,
  jsx: 'react-jsx',
  strict: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noFallthroughCasesInSwitch: true,
  types: [],
};

let work = '';
let app = '';

async function npm(args: string[], cwd: string): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const { stdout } = await run('npm', args, { cwd, env, maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

before(async () => {
  assert.ok(existsSync(join(ROOT, 'dist/npm/define.js')), 'dist/npm is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'perch-entries-'));
  app = join(work, 'app');
  const out = await npm(['pack', '--json', '--pack-destination', work], ROOT);
  const [packed] = JSON.parse(out.slice(out.indexOf('['), out.lastIndexOf(']') + 1)) as Array<{ filename: string }>;
  assert.ok(packed !== undefined);
  const modules = join(app, 'node_modules');
  mkdirSync(join(modules, 'perch-widgets'), { recursive: true });
  await run('tar', ['-xzf', join(work, packed.filename), '-C', join(modules, 'perch-widgets'), '--strip-components=1']);
  // Everything else the app needs (lit, react, their types) as the repository installed it.
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === 'perch-widgets' || name.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'perch-entries-app', private: true, type: 'module' }));
});

after(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

/** Parsed declaration files (TypeScript's lib, the package's .d.ts), shared by every program: each is parsed once. */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type-check `source` alone (its own program, so no other entry's typings leak in); '' when it compiles. */
async function typecheck(name: string, source: string): Promise<string> {
  const dir = join(app, name);
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'main.ts');
  writeFileSync(main, source);
  const { options, errors } = ts.convertCompilerOptionsFromJson(VITE_STRICT, dir);
  assert.deepEqual(errors, []);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, onError) => {
    if (file === main) return read(file, language, onError);
    if (!parsed.has(file)) parsed.set(file, read(file, language, onError));
    return parsed.get(file);
  };
  const program = ts.createProgram({ rootNames: [main], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.length === 0 ? '' : ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
}

/** Fails to compile when a listener for `perch-load`, `perch-render` or `perch-error` receives a plain `Event`. */
const SHARED_EVENTS = `
const typed = <T extends Event>(e: T, _notPlainEvent: Event extends T ? never : true): T => e;
document.addEventListener('perch-load', (e) => void typed(e, true));
document.addEventListener('perch-render', (e) => void typed(e, true));
document.addEventListener('perch-error', (e) => {
  const message: string = typed(e, true).message;
  const reason: string = e.reason;
  void message;
  void reason;
});
`;

const TWEET = `document.querySelector('perch-tweet')?.addEventListener('perch-render', (e) => void e.result.id);\n`;
const TIMELINE = `document.addEventListener('perch-new-posts', (e) => void e.count);
document.querySelector('perch-timeline')?.addEventListener('perch-load', (e) => void e.total);\n`;
const VIDEO = `document.addEventListener('perch-video-state', (e) => void e.state);\n`;
const BUTTONS = `document.addEventListener('perch-intent', (e) => void e.url);\n`;

const ENTRIES: Array<[entry: string, specific: string]> = [
  ['perch-widgets', TWEET + TIMELINE + VIDEO + BUTTONS],
  ['perch-widgets/define', TWEET + TIMELINE + VIDEO + BUTTONS],
  ['perch-widgets/tweet', TWEET],
  ['perch-widgets/tweet/define', TWEET],
  ['perch-widgets/timeline', TIMELINE],
  ['perch-widgets/timeline/define', TIMELINE],
  ['perch-widgets/video', VIDEO],
  ['perch-widgets/video/define', VIDEO],
  ['perch-widgets/buttons', BUTTONS],
  ['perch-widgets/buttons/define', BUTTONS],
  ['perch-widgets/react', TWEET + TIMELINE + VIDEO + BUTTONS],
  ['perch-widgets/react/tweet', TWEET],
  ['perch-widgets/react/timeline', TIMELINE],
  ['perch-widgets/react/video', VIDEO],
  ['perch-widgets/react/buttons', BUTTONS],
];

test('every entry, imported alone, types perch-load, perch-render, perch-error and its own events (strict TypeScript, Vite settings)', async () => {
  const failures: string[] = [];
  for (const [entry, specific] of ENTRIES) {
    const result = await typecheck(entry.replace(/\W+/g, '-'), `import '${entry}';\n${SHARED_EVENTS}${specific}`);
    if (result !== '') failures.push(`${entry}:\n${result}`);
  }
  assert.deepEqual(failures, []);
});

test('every event class is exported from the package root', async () => {
  const names = ['PerchLoadEvent', 'PerchRenderEvent', 'PerchErrorEvent', 'PerchTimelineLoadEvent', 'PerchTimelineRenderEvent', 'PerchNewPostsEvent', 'PerchVideoStateEvent', 'PerchIntentEvent', 'PerchConsentChangeEvent'];
  const result = await typecheck('root-classes', `import { ${names.join(', ')} } from 'perch-widgets';\nconst all: Array<abstract new (...args: never[]) => Event> = [${names.join(', ')}];\nvoid all;\n`);
  assert.equal(result, '', result);
  const root = (await import(join(app, 'node_modules/perch-widgets/dist/npm/index.js'))) as Record<string, unknown>;
  for (const name of names) assert.equal(typeof root[name], 'function', `${name} is exported at run time too`);
});

test('a misuse does not compile: a perch-error has no result', async () => {
  const result = await typecheck('misuse', `import 'perch-widgets/tweet/define';\ndocument.addEventListener('perch-error', (e) => void e.result);\n`);
  assert.match(result, /Property 'result' does not exist on type 'PerchErrorEvent'/, result);
});

test('perch-widgets/react registers every wrapped element, also in a minified production bundle importing one wrapper', async () => {
  writeFileSync(
    join(app, 'react-one.js'),
    `import { createElement } from 'react';\nimport { PerchTweet } from 'perch-widgets/react';\nwindow.made = createElement(PerchTweet, { tweetId: '20' }) !== null;\n`,
  );
  const result = await build({
    absWorkingDir: app,
    entryPoints: [join(app, 'react-one.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const code = result.outputFiles[0]?.text ?? '';
  const server: Server = createServer((req, res) => {
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(code);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    await page.goto(origin);
    await page.waitForFunction(() => (window as unknown as { made?: boolean }).made === true);
    const tags = ['perch-tweet', 'perch-timeline', 'perch-video', 'perch-consent-settings', 'perch-disclosure', 'perch-share-button', 'perch-follow-button', 'perch-mention-button', 'perch-hashtag-button'];
    const missing = await page.evaluate((all) => all.filter((t) => customElements.get(t) === undefined), tags);
    assert.deepEqual(missing, [], 'every element perch-widgets/react wraps is registered');
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
});
