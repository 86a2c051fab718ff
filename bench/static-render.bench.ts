/**
 * `npm run bench:static`: time from navigation to the first rendered post, for
 * (a) the script tag (`<perch-tweet tweet-id>` + the CDN loader, data fetched from the
 * embed server) and (b) static rendering (the same post rendered by the embed server into
 * the page, `GET /v1/render/tweet/:id`, then adopted by the same script). Medians of
 * alternating runs in one Chromium, a fresh context (empty cache) each run; printed as JSON.
 * For static rendering also the script the page runs up front (everything requested before the
 * page asks for `<perch-tweet>`'s own code, which it does only once a post is near, the browser
 * idle or the reader interacting), apart from the code that hydrates, and the time until the post
 * is interactive (adopted by `<perch-tweet>`).
 * No budgets here: the two are compared with each other in the same run.
 */
import { chromium, type Browser } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

interface RunningServer {
  url: string;
  close(): Promise<void>;
}

interface Run {
  /** `performance.now()` in the frame where the post's `<article>` was first there to paint. */
  firstPostMs: number;
  /** First contentful paint. */
  fcpMs: number;
  /** When `<perch-tweet>` was defined and had rendered or adopted the post (`perch-render`). */
  interactiveMs: number;
  /** Sum of layout-shift values from navigation to a quiet page. */
  layoutShift: number;
  /** Gzip bytes of JavaScript from the embed server. */
  jsGzipBytes: number;
  /** Of which requested before the page asked for `widgets/perch-tweet.js` (all of it when a page asks for it first thing). */
  upFrontJsGzipBytes: number;
  /** Gzip bytes of the HTML document. */
  htmlGzipBytes: number;
  /** Requests for post data (`/v1/tweets…`). */
  postRequests: number;
  /** After the script ran, the shadow root holds the very `<article>` first painted, and only one. */
  adopted: boolean;
}

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.RUNS ?? 9);
const POST_ID = '1641086480675225601';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Installed before any page script: watches every frame for the post, paints and layout shifts. */
const PROBE = `(() => {
  const w = window;
  w.__perch = { firstPostMs: -1, fcpMs: -1, interactiveMs: -1, layoutShift: 0, adopted: false };
  let first = null;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') w.__perch.fcpMs = e.startTime; }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) w.__perch.layoutShift += e.value; }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('perch-render', (e) => {
    if (w.__perch.interactiveMs >= 0) return;
    w.__perch.interactiveMs = performance.now();
    const root = e.target.shadowRoot;
    w.__perch.adopted = root.querySelector('article') === first && root.querySelectorAll('article').length === 1;
  }, true);
  const tick = () => {
    const el = document.querySelector('perch-tweet');
    if (el && el.shadowRoot && el.shadowRoot.querySelector('article')) { first = el.shadowRoot.querySelector('article'); w.__perch.firstPostMs = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

function scriptTagPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Perch bench: script tag</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><perch-tweet tweet-id="${POST_ID}" loading="eager" time-zone="UTC"></perch-tweet>
<script async src="/dist/cdn/perch.js"></script></body></html>`;
}

function staticPage(fragment: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Perch bench: static rendering</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>${fragment}
<script async src="/dist/cdn/perch.js"></script></body></html>`;
}

async function measure(browser: Browser, server: RunningServer, path: string, html: string): Promise<Run> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.route(`${server.url}${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  let jsGzipBytes = 0;
  let postRequests = 0;
  const pending: Promise<void>[] = [];
  // Requests made before the page asked for the element's code; `deferred` once something waited (the static-page chunk ran first).
  const beforeElement = new Set<string>();
  let elementAsked = false;
  let deferred = false;
  const upFront: number[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/v1/tweets')) postRequests += 1;
    if (path.endsWith('/widgets/perch-static.js')) deferred = true;
    if (path.endsWith('/widgets/perch-tweet.js')) elementAsked = true;
    if (!elementAsked) beforeElement.add(request.url());
  });
  page.on('response', (response) => {
    if (!response.url().startsWith(server.url) || !(response.headers()['content-type'] ?? '').includes('javascript')) return;
    const early = beforeElement.has(response.url());
    pending.push(response.body().then((b) => {
      const size = gzipSync(b, { level: 9 }).length;
      jsGzipBytes += size;
      if (early) upFront.push(size);
    }, () => undefined));
  });
  await page.goto(`${server.url}${path}`);
  await page.waitForFunction(() => {
    const p = (window as unknown as { __perch: { firstPostMs: number; interactiveMs: number } }).__perch;
    return p.firstPostMs >= 0 && p.interactiveMs >= 0;
  });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const probe = await page.evaluate(() => (window as unknown as { __perch: Omit<Run, 'jsGzipBytes' | 'upFrontJsGzipBytes' | 'htmlGzipBytes' | 'postRequests'> }).__perch);
  await context.close();
  const upFrontJsGzipBytes = deferred ? upFront.reduce((a, b) => a + b, 0) : jsGzipBytes;
  return { ...probe, jsGzipBytes, upFrontJsGzipBytes, htmlGzipBytes: gzipSync(html, { level: 9 }).length, postRequests };
}

function summary(runs: Run[]): Record<string, number> {
  return {
    navigationToFirstPostMedianMs: round(median(runs.map((r) => r.firstPostMs))),
    firstContentfulPaintMedianMs: round(median(runs.map((r) => r.fcpMs))),
    navigationToInteractivePostMedianMs: round(median(runs.map((r) => r.interactiveMs))),
    maxLayoutShift: Math.max(...runs.map((r) => r.layoutShift)),
    javascriptGzipBytes: median(runs.map((r) => r.jsGzipBytes)),
    upFrontJavascriptGzipBytes: median(runs.map((r) => r.upFrontJsGzipBytes)),
    hydrationJavascriptGzipBytes: median(runs.map((r) => r.jsGzipBytes - r.upFrontJsGzipBytes)),
    htmlGzipBytes: median(runs.map((r) => r.htmlGzipBytes)),
    postDataRequests: Math.max(...runs.map((r) => r.postRequests)),
    adoptedInEveryRun: runs.every((r) => r.adopted) ? 1 : 0,
  };
}

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(resolve('dist/server/server/index.js')).href)) as {
    startServer(config: Record<string, unknown>): Promise<RunningServer>;
  };
  const server = await mod.startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent' });
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const fragment = await (await fetch(`${server.url}/v1/render/tweet/${POST_ID}?time-zone=UTC`)).text();
    const pages = { scriptTag: scriptTagPage(), staticRendering: staticPage(fragment) };
    const runs: { scriptTag: Run[]; staticRendering: Run[] } = { scriptTag: [], staticRendering: [] };
    // One warm-up of each (server-side module loading, Chromium start-up), then alternate.
    await measure(browser, server, '/bench/static-a.html', pages.scriptTag);
    await measure(browser, server, '/bench/static-b.html', pages.staticRendering);
    for (let i = 0; i < RUNS; i++) {
      runs.scriptTag.push(await measure(browser, server, '/bench/static-a.html', pages.scriptTag));
      runs.staticRendering.push(await measure(browser, server, '/bench/static-b.html', pages.staticRendering));
    }
    const { adoptedInEveryRun: _notApplicable, ...a } = summary(runs.scriptTag); // nothing to adopt with the script tag alone
    void _notApplicable;
    const b = summary(runs.staticRendering);
    const result = {
      navigationToFirstRenderedPost: {
        runs: RUNS,
        post: POST_ID,
        scriptTag: a,
        staticRendering: b,
        staticToScriptTagRatio: round((b.navigationToFirstPostMedianMs ?? 0) / Math.max(a.navigationToFirstPostMedianMs ?? 1, 0.1)),
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
