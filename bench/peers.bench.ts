/**
 * `npm run bench:peers`: Perch against react-tweet, the fastest static renderer of X posts, in
 * one Chromium run, on pages of 1 and 50 posts made from the same recorded payloads
 * (`fixtures/syndication/`: react-tweet renders them as they are, Perch's embed server
 * normalises the same files into its models).
 * Contenders, alternated load by load (the order rotates each round), each load in a fresh
 * browser context, BENCH_RUNS rounds (default 10) after one warm-up load each:
 * - react-tweet 3 (`<EmbeddedTweet>`, React 19), bundled with esbuild (production, minified);
 * - Perch by script tag, each post fetched from the real embed server over loopback;
 * - Perch by script tag, models inline;
 * - Perch's npm build bundled into an app with esbuild (no code splitting), models inline;
 * - static rendering (`GET /v1/render/tweet/:id` in the HTML), adopted by the script tag.
 * Also the size of a one-post app bundled into one file (esbuild and Rollup, no code splitting)
 * from `perch-widgets/define`, `perch-widgets/tweet/define` and `perch-widgets/tweet/lite`.
 * Per contender (medians): gzip bytes of JavaScript and of everything loaded, requests, time to
 * every post on screen, FCP, LCP, long tasks and total blocking time (the part of each long task
 * beyond 50 ms, over the whole load), DOM nodes (shadow roots included), JS heap after a forced
 * GC, CLS; and each as a ratio to react-tweet. Images are off in the browser for every contender
 * (`imagesEnabled=false`) and nothing leaves the machine (non-loopback host names do not resolve).
 * Prints JSON, with the load average: numbers taken on a busy machine say so.
 * Env: BENCH_RUNS (default 10), CHROME_PATH.
 */
import { chromium, type Browser, type Request } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { machine, median, round, startEmbedServer, type RunningServer } from './timeline.bench.js';
import { oneFileSizes, perchNpmApp, reactTweetApp } from './peers/bundles.js';
import { npmInlinePage, reactTweetPage, scriptTagInlinePage, scriptTagServerPage, staticPage, type Model } from './peers/pages.js';
import { COUNT_NODES, QUIET, probeScript } from './peers/probe.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 10));
const SIZES = [1, 50] as const;
const OUT = resolve('dist/bench-peers');
const PEER = 'react-tweet (esbuild)';

/** One load of one page. */
interface Run {
  jsGzipBytes: number;
  /**
   * JavaScript the page runs up front: on the static-rendering page, what it requested before
   * asking for `<perch-tweet>`'s code (which waits for a post near the viewport, idle time or an
   * interaction); on every other page, all of it.
   */
  upFrontJsGzipBytes: number;
  totalGzipBytes: number;
  requests: number;
  allRenderedMs: number;
  /** Every post rendered and live (Perch: its last `perch-render`; react-tweet: the same frame as rendered). */
  allInteractiveMs: number;
  fcpMs: number;
  lcpMs: number;
  longTasks: number;
  tbtMs: number;
  domNodes: number;
  domElements: number;
  heapAfterGcBytes: number;
  cls: number;
}

interface Probe {
  fcp: number | null;
  lcp: number | null;
  cls: number;
  longTasks: Array<[number, number]>;
  renderedAt: number | null;
  interactiveAt: number | null;
}

interface Contender {
  name: string;
  perch: boolean;
  /** Page path under the server, per page size. */
  path: Record<number, string>;
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      // The same for every contender: no image is fetched or decoded, and X's hosts never answer.
      '--blink-settings=imagesEnabled=false',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

async function load(browser: Browser, url: string, posts: number, perch: boolean): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  try {
    await context.addInitScript({ content: probeScript(posts) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let js = 0;
    let upFrontJs = 0;
    let total = 0;
    let requests = 0;
    const beforeElement = new Set<Request>();
    let elementAsked = false;
    let deferred = false;
    const bodies: Promise<void>[] = [];
    // Requests in flight, but for impression beacons (sent with `keepalive`, they may never be reported finished).
    let inFlight = 0;
    const counts = (r: Request): boolean => !(r.method() === 'POST' && r.url().includes('/v1/impressions'));
    page.on('request', (r) => {
      requests += 1;
      const path = new URL(r.url()).pathname;
      if (path.endsWith('/widgets/perch-static.js')) deferred = true;
      if (path.endsWith('/widgets/perch-tweet.js')) elementAsked = true;
      if (!elementAsked) beforeElement.add(r);
      if (counts(r)) inFlight += 1;
    });
    const settle = (r: Request): void => void (counts(r) && (inFlight -= 1));
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      // A video streams for as long as it plays, and a beacon's answer may never be handed over:
      // their size as sent (media does not compress), not their bodies.
      if (response.request().resourceType() === 'media' || !counts(response.request())) {
        total += Number(response.headers()['content-length'] ?? 0);
        return;
      }
      bodies.push(response.body().then(
        (b) => {
          const g = gzipSync(b, { level: 9 }).length;
          total += g;
          if (type.includes('javascript')) js += g;
          if (type.includes('javascript') && beforeElement.has(response.request())) upFrontJs += g;
        },
        () => undefined,
      ));
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(
      (p) => {
        const s = (window as unknown as { __peerProbe?: Probe }).__peerProbe;
        return s !== undefined && s.renderedAt !== null && (!p || s.interactiveAt !== null);
      },
      perch,
      { polling: 100, timeout: 60_000 },
    );
    // Then until the page is quiet: nothing in flight and the main thread idle for three idle periods in a row.
    for (let tries = 0; tries < 6; tries++) {
      await page.evaluate(QUIET);
      if (inFlight <= 0) break;
    }
    const step = (what: string): void => void (process.env.BENCH_VERBOSE === '1' && process.stderr.write(`  ${what}\n`));
    step('quiet');
    await Promise.all(bodies);
    step('bodies');
    const probe = (await page.evaluate('window.__peerProbe')) as Probe;
    const dom = (await page.evaluate(COUNT_NODES)) as { nodes: number; elements: number };
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    const rendered = probe.renderedAt ?? Number.NaN;
    if (process.env.BENCH_VERBOSE === '1') process.stderr.write(`${url} rendered ${round(rendered)} ms\n`);
    return {
      jsGzipBytes: js,
      upFrontJsGzipBytes: deferred ? upFrontJs : js,
      totalGzipBytes: total,
      requests,
      allRenderedMs: round(rendered),
      allInteractiveMs: round(perch ? Math.max(rendered, probe.interactiveAt ?? Number.NaN) : rendered),
      fcpMs: round(probe.fcp ?? Number.NaN),
      lcpMs: round(probe.lcp ?? Number.NaN),
      longTasks: probe.longTasks.length,
      tbtMs: round(probe.longTasks.reduce((a, [, d]) => a + Math.max(0, d - 50), 0)),
      domNodes: dom.nodes,
      domElements: dom.elements,
      heapAfterGcBytes: heap,
      cls: Math.round(probe.cls * 10000) / 10000,
    };
  } finally {
    await context.close();
  }
}

type Summary = Record<keyof Run, number>;

function summarise(runs: Run[]): Summary {
  const keys = Object.keys(runs[0]!) as Array<keyof Run>;
  return Object.fromEntries(keys.map((k) => [k, round(median(runs.map((r) => r[k])))])) as Summary;
}

function ratios(s: Summary, peer: Summary): Record<keyof Run, number | null> {
  const keys = Object.keys(s) as Array<keyof Run>;
  return Object.fromEntries(keys.map((k) => [k, peer[k] === 0 ? null : Math.round((s[k] / peer[k]) * 1000) / 1000])) as Record<keyof Run, number | null>;
}

/** The posts of the bench: every recorded post but the tombstone, the photo post first; repeated to fill a page. */
function recordedPosts(): Array<{ id: string; file: string }> {
  const index = JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { posts: Array<{ id: string; file: string }> };
  const posts = index.posts.filter((p) => !p.file.startsWith('tombstone'));
  const first = posts.findIndex((p) => p.id === '1641086480675225601');
  return [...posts.slice(first), ...posts.slice(0, first)];
}

async function prepare(server: RunningServer): Promise<Contender[]> {
  mkdirSync(OUT, { recursive: true });
  const recorded = recordedPosts();
  const ids = recorded.map((p) => p.id);
  const body = (await (await fetch(`${server.url}/v1/tweets?ids=${ids.join(',')}`)).json()) as { results: Model[] };
  const models = new Map(body.results.map((m) => [m.id, m]));
  const payloads = new Map(recorded.map((p) => [p.id, JSON.parse(readFileSync(join('fixtures/syndication', p.file), 'utf8')) as unknown]));
  const fragments = new Map<string, string>();
  for (const id of ids) fragments.set(id, await (await fetch(`${server.url}/v1/render/tweet/${id}`)).text());

  const react = await reactTweetApp();
  writeFileSync(join(OUT, 'react-tweet-app.js'), react.js);
  if (react.css !== undefined) writeFileSync(join(OUT, 'react-tweet-app.css'), react.css);
  writeFileSync(join(OUT, 'perch-npm-app.js'), (await perchNpmApp()).js);

  const pages: Record<string, (n: number, page: string[]) => string> = {
    [PEER]: (_n, page) => reactTweetPage(page.map((id) => payloads.get(id)), '/dist/bench-peers/react-tweet-app.js', react.css === undefined ? undefined : '/dist/bench-peers/react-tweet-app.css'),
    'perch script tag, server fetch': (_n, page) => scriptTagServerPage(page),
    'perch script tag, inline models': (_n, page) => scriptTagInlinePage(page.map((id) => models.get(id)!)),
    'perch npm (esbuild), inline models': (_n, page) => npmInlinePage(page.map((id) => models.get(id)!), '/dist/bench-peers/perch-npm-app.js'),
    'perch static rendering + hydration': (_n, page) => staticPage(page.map((id) => fragments.get(id)!)),
  };
  const contenders: Contender[] = [];
  for (const [name, make] of Object.entries(pages)) {
    const path: Record<number, string> = {};
    const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    for (const n of SIZES) {
      const page = Array.from({ length: n }, (_, i) => ids[i % ids.length]!);
      const file = `${n}-${slug}.html`;
      writeFileSync(join(OUT, file), make(n, page));
      path[n] = `/dist/bench-peers/${file}`;
    }
    contenders.push({ name, perch: name !== PEER, path });
  }
  return contenders;
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const before = machine();
  const server = await startEmbedServer();
  const browser = await launch();
  const runs = new Map<string, Run[]>();
  let contenders: Contender[] = [];
  try {
    contenders = await prepare(server);
    for (const n of SIZES) {
      for (const c of contenders) await load(browser, server.url + c.path[n]!, n, c.perch); // warm-up
      for (let round = 0; round < RUNS; round++) {
        // Alternate contender by contender; rotate who goes first so none always meets the same moment.
        for (let k = 0; k < contenders.length; k++) {
          const c = contenders[(k + round) % contenders.length]!;
          const key = `${n}|${c.name}`;
          runs.set(key, [...(runs.get(key) ?? []), await load(browser, server.url + c.path[n]!, n, c.perch)]);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const pages: Record<string, unknown> = {};
  const headline: Record<number, Record<keyof Run, number | null>> = {};
  for (const n of SIZES) {
    const peer = summarise(runs.get(`${n}|${PEER}`)!);
    const variants: Record<string, unknown> = {};
    for (const c of contenders) {
      const s = summarise(runs.get(`${n}|${c.name}`)!);
      const r = ratios(s, peer);
      variants[c.name] = c.perch ? { median: s, ratioToReactTweet: r } : { median: s };
      if (c.name === 'perch script tag, server fetch') headline[n] = r;
    }
    pages[`${n} post${n === 1 ? '' : 's'}`] = variants;
  }
  // One-post apps bundled into one file: every dynamic import is inlined, so the entry decides the size.
  const oneFileApps: Record<string, unknown> = {};
  for (const entry of ['define', 'tweet/tweet', 'tweet/lite']) oneFileApps[`dist/npm/${entry}.js`] = await oneFileSizes(`dist/npm/${entry}.js`);
  const goal = (what: string, value: number | null | undefined, limit: number): { goal: string; value: number | null; met: boolean } => ({ goal: what, value: value ?? null, met: value != null && value <= limit });
  const fifty = headline[50]!;
  const one = headline[1]!;
  const result = {
    what: 'Perch against react-tweet (React 19, esbuild) on pages of 1 and 50 recorded posts, alternated load by load in one Chromium; medians; images off and no network beyond loopback for every contender',
    rounds: RUNS,
    renderRatioToReactTweet: fifty.allRenderedMs,
    pages,
    oneFileApps: { what: 'an app importing the entry, bundled into one file (no code splitting), minified, gzip; compare with the script tag\'s JavaScript for one post above', ...oneFileApps },
    goals: [
      goal('50 posts: time to all rendered ≤ 0.5× react-tweet (script tag, server fetch)', fifty.allRenderedMs, 0.5),
      goal('1 post: time to rendered ≤ 0.6× react-tweet (script tag, server fetch)', one.allRenderedMs, 0.6),
      goal('50 posts: total blocking time ≤ 0.5× react-tweet', fifty.tbtMs, 0.5),
      goal('50 posts: DOM nodes ≤ 1.0× react-tweet', fifty.domNodes, 1),
      goal('50 posts: JavaScript bytes ≤ 0.4× react-tweet', fifty.jsGzipBytes, 0.4),
    ],
    machine: { atStart: before, atEnd: machine(), note: 'on a shared 2-core machine a load average above the core count means the timings are taken under load' },
    benchSeconds: round((Date.now() - startedAt) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
