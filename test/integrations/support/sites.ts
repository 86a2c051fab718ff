/**
 * What the integration tests share: the embed server with the built-in fixtures on a loopback
 * port, a static file server for a built site, and Chromium opening a built page while every
 * request and every layout shift is watched.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../../server/index.ts';

export const ROOT = resolve('.');
export const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Posts of the example sites (all in `fixtures/`). */
export const POST_ID = '1641086480675225601';
export const CARD_POST_ID = '1629262255744503809';
/** An id the fixture upstream does not know: the server answers 404 with a tombstone. */
export const UNKNOWN_ID = '1234567890123456789';

/** The embed server as a publisher runs it, on a loopback port, with the recorded posts. */
export function embedServer(): Promise<RunningServer> {
  if (!existsSync(join(ROOT, 'dist/cdn/perch.js'))) throw new Error('Build first (npm run build): the embed server serves dist/cdn/perch.js.');
  return startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent' });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** A built site served as a static host would: `dir/index.html` for `/dir/`. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(dir: string): Promise<StaticSite> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Installed before any page script: layout shifts, the first frame holding a post, and the post being adopted. */
const PROBE = `(() => {
  const w = window;
  w.__perch = { layoutShift: 0, firstPostMs: -1, renderedMs: -1, adopted: false, postsAtFirstFrame: -1 };
  let first = null;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) w.__perch.layoutShift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('perch-render', (e) => {
    if (e.target.localName !== 'perch-tweet' || w.__perch.renderedMs >= 0) return;
    w.__perch.renderedMs = performance.now();
    const root = e.target.shadowRoot;
    w.__perch.adopted = root !== null && first !== null && root.querySelector('article') === first && root.querySelectorAll('article').length === 1;
  }, true);
  const tick = () => {
    const el = document.querySelector('perch-tweet');
    const article = el && el.shadowRoot ? el.shadowRoot.querySelector('article') : null;
    if (article) { first = article; w.__perch.firstPostMs = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** What a page did, as Chromium saw it. */
export interface PageVisit {
  page: Page;
  /** Every URL requested (document, scripts, data, media). */
  requests: string[];
  /** Sum of layout-shift values until the page was quiet. */
  layoutShift: number;
  /** `performance.now()` of the first frame with a post's `<article>`. */
  firstPostMs: number;
  /** `performance.now()` of the first `perch-render` of a `<perch-tweet>` (-1: none). */
  renderedMs: number;
  /** The article first shown is the one left after the script ran (adopted, not redrawn). */
  adopted: boolean;
  /** Bytes of JavaScript the page loaded, as sent (uncompressed) and gzipped. */
  jsBytes: number;
  jsGzipBytes: number;
  /** The `perch.policy()` decision, when the script is there. */
  policy: { mode: string; childDirected: boolean } | null;
  close(): Promise<void>;
}

export interface VisitOptions {
  /** Wait for the first `<perch-tweet>` to be adopted by the script (`perch-render`). Default true. */
  waitForRender?: boolean;
  /** URL prefixes to answer with an empty 404 (a blocked third-party script, for the bench). */
  block?: string[];
  javaScriptEnabled?: boolean;
}

/** Open `url` in a fresh context (empty cache), watching requests, layout shifts and the post. */
export async function visit(browser: Browser, url: string, options: VisitOptions = {}): Promise<PageVisit> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  const requests: string[] = [];
  let jsBytes = 0;
  let jsGzipBytes = 0;
  const pending: Promise<void>[] = [];
  for (const prefix of options.block ?? []) await page.route(`${prefix}**`, (route) => route.fulfill({ status: 404, body: '' }));
  page.on('request', (r) => void requests.push(r.url()));
  page.on('response', (r) => {
    if (!(r.headers()['content-type'] ?? '').includes('javascript')) return;
    pending.push(
      r.body().then(
        (b) => {
          jsBytes += b.length;
          jsGzipBytes += gzipSync(b, { level: 9 }).length;
        },
        () => undefined,
      ),
    );
  });
  await page.goto(url);
  if (options.javaScriptEnabled !== false && options.waitForRender !== false) {
    await page.waitForFunction(() => (window as unknown as { __perch: { renderedMs: number } }).__perch.renderedMs >= 0, undefined, { timeout: 20_000 });
  }
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const probe =
    options.javaScriptEnabled === false
      ? { layoutShift: 0, firstPostMs: -1, renderedMs: -1, adopted: false, policy: null }
      : await page.evaluate(() => {
          const w = window as unknown as { __perch: { layoutShift: number; firstPostMs: number; renderedMs: number; adopted: boolean }; perch?: { policy(): { mode: string; childDirected: boolean } } };
          const p = w.perch?.policy();
          return { ...w.__perch, policy: p === undefined ? null : { mode: p.mode, childDirected: p.childDirected } };
        });
  return { page, requests, jsBytes, jsGzipBytes, ...probe, close: () => context.close() };
}

/** Requests that went anywhere but the listed origins. */
export function foreignRequests(requests: string[], allowed: string[]): string[] {
  return requests.filter((u) => !u.startsWith('data:') && !allowed.some((o) => new URL(u).origin === new URL(o).origin));
}

/** The visible text of the first post's shadow root (what a reader sees). */
export async function firstPostText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('article')?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

export type { RunningServer };

/** `assert.match` without printing a whole page when it fails. */
export function assertHas(text: string, pattern: RegExp, message = `expected ${String(pattern)}`): void {
  if (!pattern.test(text)) throw new Error(`${message}\n  not found: ${String(pattern)}\n  in: ${text.slice(0, 300).replace(/\s+/g, ' ')}…`);
}

/** `assert.doesNotMatch` without printing a whole page when it fails. */
export function assertLacks(text: string, pattern: RegExp, message = `unexpected ${String(pattern)}`): void {
  const m = pattern.exec(text);
  if (m !== null) throw new Error(`${message}\n  found: ${text.slice(Math.max(0, m.index - 120), m.index + 120).replace(/\s+/g, ' ')}`);
}
