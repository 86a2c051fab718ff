/**
 * `npm run bench:timeline`: speed of `<perch-timeline>` in Chromium against the real embed server
 * (fixtures upstream, started in-process as bench/widgets.bench.ts does), printed as JSON:
 * - time to first post of a profile timeline through the CDN loader (median of RUNS), with a peer in
 *   the same run: time to first post of one `<perch-tweet>` on the same kind of page;
 * - DOM nodes and long tasks (> 50 ms, PerformanceObserver `longtask`) while scrolling through 1,000
 *   posts with the mouse wheel, with a peer in the same run: the same 1,000 posts as plain, not
 *   virtualised blockquotes in a scrolling box of the same height.
 *   Each is scrolled down to the end, then back up to the top (posts measured already must cost no
 *   more than new ones), each direction measured separately.
 * The `budget` verdict compares with the peer, measured in the same run on the same machine: no more
 * long tasks while scrolling (either way) than the plain blockquotes had, at most ~450 DOM nodes
 * and 12 posts rendered at once, and the end reached. Long tasks on a loaded machine come from the
 * machine too; the peer says how many.
 * Scrolling runs alternate timeline and peer BENCH_SCROLL_RUNS times; the verdict uses the run with the median
 * timeline long-task count and its peer.
 * Env: BENCH_RUNS (default 7), BENCH_SCROLL_RUNS (default 3), BENCH_SKIP_FIRST_POST=1 (scrolling only), CHROME_PATH.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TimelinePage } from '../src/data/timeline.js';
import { timelinePage } from '../test/browser/support/timeline-pages.js';

/** The embed server, as `startServer` returns it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SCROLL_RUNS = Math.max(1, Number(process.env.BENCH_SCROLL_RUNS ?? 3));

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The machine's size and load: long tasks on a busy machine say little without it. */
export function machine(): { cpus: number; loadAverage1m: number } {
  return { cpus: availableParallelism(), loadAverage1m: round(loadavg()[0] ?? 0) };
}

/** Start the real embed server (built into dist/server) with the fixtures upstream on a loopback port. */
export async function startEmbedServer(): Promise<RunningServer> {
  const mod = (await import(pathToFileURL(resolve('dist/server/server/index.js')).href)) as {
    startServer(config: Record<string, unknown>): Promise<RunningServer>;
  };
  return mod.startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent' });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A page at `path` on the embed server's origin whose HTML is `body` (served by Playwright, so the
 * bench needs no page in demo/); everything else the page loads comes from the real server.
 */
export async function openPage(browser: Browser, server: RunningServer, path: string, body: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  const url = `${server.url}${path}`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  await page.goto(url);
  return page;
}

/** Start recording long tasks in the page (read them with {@link takeLongTasks}). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    w.__longTasks = [];
    w.__longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    });
    w.__longTaskObserver.observe({ type: 'longtask' });
  });
}

/** Durations (ms) of the long tasks since {@link watchLongTasks}, after letting the observer deliver. */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 100));
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    return w.__longTasks;
  });
}

/** Summary of long tasks: count over 50 ms, total and longest duration. */
export function longTaskSummary(durations: number[]): { count: number; totalMs: number; maxMs: number } {
  return { count: durations.filter((d) => d > 50).length, totalMs: round(durations.reduce((a, b) => a + b, 0)), maxMs: round(Math.max(0, ...durations)) };
}

const page = (head: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Perch bench</title>${head}</head><body>${body}</body></html>`;

/** Navigation start → the first post on the page (ms), for `selector` inside `host`'s shadow root. */
async function timeToFirstPost(browser: Browser, server: RunningServer, path: string, html: string, host: string, selector: string): Promise<number> {
  const p = await browser.newPage();
  await p.route(`${server.url}${path}`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await p.goto(`${server.url}${path}`, { waitUntil: 'commit' });
  const handle = await p.waitForFunction(
    ([h, s]) => (document.querySelector(h!)?.shadowRoot?.querySelector(s!) != null ? performance.now() : false),
    [host, selector] as const,
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  await p.close();
  return ms;
}

async function firstPost(browser: Browser, server: RunningServer): Promise<{ timelineMs: number[]; tweetMs: number[] }> {
  const script = '<script async src="/dist/cdn/perch.js"></script>';
  const timeline = page('', `<perch-timeline screen-name="TwitterDev" loading="eager" height="600"></perch-timeline>${script}`);
  const tweet = page('', `<perch-tweet tweet-id="1641086480675225601" loading="eager"></perch-tweet>${script}`);
  const timelineMs: number[] = [];
  const tweetMs: number[] = [];
  // Alternate, so both see the same machine load; the first pair warms the server's cache.
  for (let run = 0; run <= RUNS; run++) {
    const t = await timeToFirstPost(browser, server, '/bench/timeline-first-post.html', timeline, 'perch-timeline', 'article.item .post');
    const p = await timeToFirstPost(browser, server, '/bench/tweet-first-post.html', tweet, 'perch-tweet', 'article');
    if (run === 0) continue;
    timelineMs.push(t);
    tweetMs.push(p);
  }
  return { timelineMs, tweetMs };
}

type LongTasks = { count: number; totalMs: number; maxMs: number };

interface ScrollResult {
  posts: number;
  reachedEnd: boolean;
  wheelSteps: number;
  maxDomNodes: number;
  maxRenderedPosts: number;
  /** Scrolling down to the end (every post rendered for the first time). */
  longTasks: LongTasks;
  /** Scrolling back up to the top (every post seen, and measured, before). */
  backToTop: { reachedTop: boolean; wheelSteps: number; longTasks: LongTasks };
  setupLongTasks: LongTasks;
}

interface ScrollState {
  nodes: number;
  posts: number;
  atEnd: boolean;
  atTop: boolean;
}

/** Scroll with the mouse wheel (already over the scroller) until the end (`down`) or the top (`up`). */
async function wheelUntil(p: Page, direction: 'down' | 'up', measure: () => Promise<ScrollState>): Promise<{ steps: number; maxNodes: number; maxPosts: number; reached: boolean }> {
  let maxNodes = 0;
  let maxPosts = 0;
  let reached = false;
  let steps = 0;
  for (; steps < 5000 && !reached; steps++) {
    await p.mouse.wheel(0, direction === 'down' ? 600 : -600);
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(undefined))));
    const m = await measure();
    maxNodes = Math.max(maxNodes, m.nodes);
    maxPosts = Math.max(maxPosts, m.posts);
    reached = direction === 'down' ? m.atEnd : m.atTop;
  }
  return { steps, maxNodes, maxPosts, reached };
}

/** Down to the end, then back to the top, long tasks recorded for each direction separately. */
async function scrollDownAndUp(p: Page, measure: () => Promise<ScrollState>): Promise<Pick<ScrollResult, 'reachedEnd' | 'wheelSteps' | 'maxDomNodes' | 'maxRenderedPosts' | 'longTasks' | 'backToTop'>> {
  await watchLongTasks(p);
  const down = await wheelUntil(p, 'down', measure);
  const downTasks = await takeLongTasks(p);
  await watchLongTasks(p);
  const up = await wheelUntil(p, 'up', measure);
  const upTasks = await takeLongTasks(p);
  return {
    reachedEnd: down.reached,
    wheelSteps: down.steps,
    maxDomNodes: Math.max(down.maxNodes, up.maxNodes),
    maxRenderedPosts: Math.max(down.maxPosts, up.maxPosts),
    longTasks: longTaskSummary(downTasks),
    backToTop: { reachedTop: up.reached, wheelSteps: up.steps, longTasks: longTaskSummary(upTasks) },
  };
}

/** 1,000 posts in `<perch-timeline height="600">` (inline data, as test/browser/timeline-virtual.test.ts). */
async function scrollTimeline(browser: Browser, server: RunningServer, data: TimelinePage): Promise<ScrollResult> {
  const p = await openPage(browser, server, '/bench/timeline-1000.html', page('<style>#host{width:550px;margin:20px}</style>', '<div id="host"></div>'));
  await p.evaluate(async (chunk) => {
    const m = (await import(chunk)) as { boot(o: { scriptOrigin: string }): void };
    m.boot({ scriptOrigin: location.origin });
  }, '/dist/cdn/widgets/perch-timeline.js');
  await watchLongTasks(p);
  await p.evaluate((d) => {
    const el = document.createElement('perch-timeline') as HTMLElement & { data: unknown };
    el.setAttribute('height', '600');
    el.data = d;
    document.getElementById('host')!.append(el);
  }, data);
  await p.waitForFunction(() => document.querySelector('perch-timeline')?.shadowRoot?.querySelector('article.item .post') != null);
  await p.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const setup = await takeLongTasks(p);
  const box = await p.evaluate(() => {
    const r = document.querySelector('perch-timeline')!.shadowRoot!.querySelector('.viewport')!.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + Math.min(r.height / 2, 300) };
  });
  await p.mouse.move(box.x, box.y);
  const scrolled = await scrollDownAndUp(p, () =>
    p.evaluate(() => {
      const root = document.querySelector('perch-timeline')!.shadowRoot!;
      const v = root.querySelector<HTMLElement>('.viewport')!;
      const items = [...root.querySelectorAll('article.item')];
      const last = items.at(-1)?.getAttribute('aria-posinset');
      const first = items[0]?.getAttribute('aria-posinset');
      return {
        nodes: document.querySelectorAll('*').length + root.querySelectorAll('*').length,
        posts: items.length,
        atEnd: last === '1000' && v.scrollTop + v.clientHeight >= v.scrollHeight - 2,
        atTop: first === '1' && v.scrollTop === 0,
      };
    }),
  );
  await p.close();
  return { posts: 1000, ...scrolled, setupLongTasks: longTaskSummary(setup) };
}

/** The peer: the same 1,000 posts as plain blockquotes (no virtualisation) in a 600 px scrolling box. */
async function scrollPlain(browser: Browser, server: RunningServer, data: TimelinePage): Promise<ScrollResult> {
  const p = await openPage(browser, server, '/bench/plain-1000.html', page('<style>#box{height:600px;width:550px;overflow:auto;margin:20px;border:1px solid #ccc}blockquote{margin:0;padding:12px 16px;border-bottom:1px solid #eee;font:15px system-ui}</style>', '<div id="box"></div>'));
  await watchLongTasks(p);
  await p.evaluate((d) => {
    const box = document.getElementById('box')!;
    for (const post of d.posts) {
      if (post.kind !== 'post') continue;
      const q = document.createElement('blockquote');
      const text = document.createElement('p');
      text.textContent = post.text.text;
      const by = document.createElement('a');
      by.href = post.url;
      by.textContent = `${post.author.name} (@${post.author.handle}) ${new Date(post.createdAt).toDateString()}`;
      q.append(text, by);
      box.append(q);
    }
  }, data);
  await p.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const setup = await takeLongTasks(p);
  await p.mouse.move(200, 200);
  const scrolled = await scrollDownAndUp(p, () =>
    p.evaluate(() => {
      const box = document.getElementById('box')!;
      return { nodes: document.querySelectorAll('*').length, posts: box.children.length, atEnd: box.scrollTop + box.clientHeight >= box.scrollHeight - 2, atTop: box.scrollTop === 0 };
    }),
  );
  await p.close();
  return { posts: 1000, ...scrolled, setupLongTasks: longTaskSummary(setup) };
}

async function main(): Promise<void> {
  const server = await startEmbedServer();
  const browser = await launchChromium();
  const before = machine();
  try {
    const first = process.env.BENCH_SKIP_FIRST_POST === '1' ? undefined : await firstPost(browser, server);
    const data = timelinePage(1000);
    // Timeline, then the peer straight after, so each pair sees about the same machine load.
    const pairs: Array<{ timeline: ScrollResult; plain: ScrollResult }> = [];
    for (let run = 0; run < SCROLL_RUNS; run++) pairs.push({ timeline: await scrollTimeline(browser, server, data), plain: await scrollPlain(browser, server, data) });
    const tasksOf = (r: ScrollResult): number => r.longTasks.count + r.backToTop.longTasks.count;
    const byTimeline = [...pairs].sort((a, b) => tasksOf(a.timeline) - tasksOf(b.timeline));
    const { timeline, plain } = byTimeline[Math.floor((byTimeline.length - 1) / 2)]!;
    const timelineMedian = first === undefined ? Number.NaN : median(first.timelineMs);
    const tweetMedian = first === undefined ? Number.NaN : median(first.tweetMs);
    const longTasksDown = timeline.longTasks.count;
    const longTasksUp = timeline.backToTop.longTasks.count;
    const result = {
      timeToFirstPost: first === undefined ? 'skipped (BENCH_SKIP_FIRST_POST=1)' : {
        what: 'navigation start → first post of <perch-timeline screen-name="TwitterDev"> (CDN loader, embed server, fixtures upstream)',
        medianMs: round(timelineMedian),
        runsMs: first.timelineMs.map(round),
        peerOnePerchTweetMedianMs: round(tweetMedian),
        ratioToPeer: round(timelineMedian / Math.max(tweetMedian, 0.1)),
        runs: RUNS,
      },
      scroll1000Posts: {
        what: 'mouse-wheel scrolling through 1,000 posts in a 600 px high timeline; long tasks > 50 ms while scrolling',
        timeline,
        peerPlainBlockquotes: plain,
        runs: pairs.map((pair) => ({
          timelineLongTasks: { down: pair.timeline.longTasks, up: pair.timeline.backToTop.longTasks },
          peerLongTasks: { down: pair.plain.longTasks, up: pair.plain.backToTop.longTasks },
        })),
        shown: `the run with the median timeline long-task count of ${SCROLL_RUNS}`,
        domNodesRatioToPeer: round(timeline.maxDomNodes / Math.max(plain.maxDomNodes, 1)),
      },
      machine: { atStart: before, atEnd: machine() },
      budget: {
        statement: 'scrolling 1,000 posts (down, then back up) adds no long task (> 50 ms) beyond what the plain-blockquote peer sees in the same run; DOM stays small',
        longTasksDown,
        longTasksUp,
        peerLongTasksDown: plain.longTasks.count,
        peerLongTasksUp: plain.backToTop.longTasks.count,
        absoluteZero: longTasksDown === 0 && longTasksUp === 0,
        // The posts are taller than the peer's blockquotes, so the timeline takes more wheel steps (more
        // frames exposed to a busy machine's stalls): long tasks per 100 steps, for context.
        longTasksPer100Steps: round((100 * (longTasksDown + longTasksUp)) / Math.max(1, timeline.wheelSteps + timeline.backToTop.wheelSteps)),
        peerLongTasksPer100Steps: round((100 * (plain.longTasks.count + plain.backToTop.longTasks.count)) / Math.max(1, plain.wheelSteps + plain.backToTop.wheelSteps)),
        maxDomNodesAllowed: 450,
        maxRenderedPostsAllowed: 12,
        met:
          timeline.reachedEnd &&
          timeline.backToTop.reachedTop &&
          longTasksDown <= plain.longTasks.count &&
          longTasksUp <= plain.backToTop.longTasks.count &&
          timeline.maxDomNodes <= 450 &&
          timeline.maxRenderedPosts <= 12,
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
