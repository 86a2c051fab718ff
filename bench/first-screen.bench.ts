/**
 * `npm run bench:first-screen`: what a reader sees first, on the demo's pages, in Chromium, with no
 * input event of any kind (no mouse, key, touch or wheel; scrolling is `window.scrollTo`).
 * The demo is started as `npm start` does (`node dist/server/server/cli.js`, on a free port) and
 * stopped at the end. Per page, medians of BENCH_RUNS (default 5) runs, each in a fresh browser context:
 * - `allInViewVisibleMs`: navigation → every post in the first viewport rendered (the last of their
 *   `perch-render` / `perch-timeline-render` events; a statically rendered post counts from the first
 *   frame that shows it). "In view" = intersecting the first viewport when looked at, at 1 s and at 5 s. Null
 *   when one was still not rendered at 5 s, or no post was on screen at all.
 * - `fallbacksAt1s`, `fallbacksAt5s`: in-view posts not yet showing the post 1 s and 5 s after navigation
 *   (a `<perch-tweet>` without a `.frame` in its shadow root or that has not fired `perch-render`, a
 *   `<perch-timeline>` that has not fired `perch-timeline-render`, or X's pasted markup not yet upgraded).
 * - `cls5s`: layout shift over the first 5 s; `clsScroll`: layout shift from then on, while scrolling to
 *   the bottom in steps and back to the top. Both are sums of `layout-shift` entries without recent input (an upper
 *   bound of the session-window CLS that web-vitals reports).
 * A peer in the same run: the naive strategy on the same page (swap at once, nothing reserved:
 * `PerchConfig.swap = 'immediate'` and `--perch-reserve-height: 0px`), loaded side by side with Perch's
 * (two browser contexts at once, so both meet the same machine load; each load lasts 5 s by design,
 * and this keeps five runs of five pages within a few minutes).
 * Prints JSON with the ratios (Perch / naive) and the goals, met or not.
 * Env: BENCH_RUNS (default 5), CHROME_PATH.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { launchChromium, machine, median, round } from './timeline.bench.js';

const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const VIEWPORT = { width: 1000, height: 800 };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

type Kind = 'perch-tweet without fallbacks' | 'script tag, pasted fallbacks' | 'static rendering';
/** The pages measured and what kind of embedding each shows (which CLS goal applies). */
const PAGES: Array<{ path: string; kind: Kind }> = [
  { path: '/', kind: 'perch-tweet without fallbacks' },
  { path: '/cdn.html', kind: 'script tag, pasted fallbacks' },
  { path: '/x-snippets.html', kind: 'script tag, pasted fallbacks' },
  { path: '/article.html', kind: 'script tag, pasted fallbacks' },
  { path: '/static.html', kind: 'static rendering' },
];
const CLS_GOAL: Record<Kind, number> = {
  'perch-tweet without fallbacks': 0.05,
  'script tag, pasted fallbacks': 0.1,
  'static rendering': 0.0005, // "0.000" to three decimals
};

type Variant = 'perch' | 'naive';

interface Run {
  inViewPosts: number;
  allInViewVisibleMs: number | null;
  fallbacksAt1s: number;
  fallbacksAt5s: number;
  cls5s: number;
  clsScroll: number;
  scrollSteps: number;
  looksAtMs: number[];
}

/**
 * Installed before the page's own scripts: the naive strategy (peer only), a layout-shift observer,
 * render times, and which posts are in the first viewport at 1 s and 5 s. Plain JS in a string, so no
 * compiler helper ends up in the page.
 */
function measureScript(variant: Variant): string {
  return `(() => {
  if (${JSON.stringify(variant === 'naive')}) {
    window.PerchConfig = Object.assign(window.PerchConfig || {}, { swap: 'immediate' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('perch-tweet, perch-timeline { --perch-reserve-height: 0px !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  const state = { shifts: [], done: false, result: undefined };
  window.__firstScreen = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) state.shifts.push({ t: e.startTime, v: e.value });
  }).observe({ type: 'layout-shift', buffered: true });

  const POSTS = 'perch-tweet, perch-timeline';
  const PASTED = 'blockquote.twitter-tweet:not([data-perch]), blockquote.twitter-video:not([data-perch]), a.twitter-timeline:not([data-perch])';
  const renderedAt = new Map();
  const paintedAt = new Map();
  const serverRendered = new Set();
  const onRender = (e) => { if (!renderedAt.has(e.target)) renderedAt.set(e.target, performance.now()); };
  window.addEventListener('perch-render', onRender, true);
  window.addEventListener('perch-timeline-render', onRender, true);
  const shows = (el) => el.shadowRoot != null && el.shadowRoot.querySelector(el.localName === 'perch-timeline' ? 'article.item .post' : '.frame') != null;
  const poll = () => {
    const now = performance.now();
    for (const el of document.querySelectorAll(POSTS)) {
      if (paintedAt.has(el) || !shows(el)) continue;
      paintedAt.set(el, now);
      // Shown before its element's code is defined: its shadow root came in the HTML.
      if (customElements.get(el.localName) === undefined) serverRendered.add(el);
    }
    if (!state.done) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
  const visibleAt = (el) => {
    if (!el.localName.startsWith('perch-')) return undefined;
    if (serverRendered.has(el)) return paintedAt.get(el);
    if (el.localName === 'perch-tweet' && !shows(el)) return undefined;
    return renderedAt.get(el);
  };
  const inView = (el) => {
    if (el.getClientRects().length === 0) return false;
    const r = el.getBoundingClientRect();
    return r.bottom >= 0 && r.top < innerHeight && r.right >= 0 && r.left < innerWidth;
  };
  const inViewNow = () => [...document.querySelectorAll(POSTS + ', ' + PASTED)]
    .filter((el) => !(el.parentElement && el.parentElement.localName.startsWith('perch-')))
    .filter(inView);
  // Which posts are in view is looked at twice (at 1 s and 5 s); when each showed comes from the
  // events and frames above, so a look that runs late on a busy machine does not change the counts.
  const looks = [];
  const look = () => looks.push({ at: performance.now(), els: inViewNow() });
  setTimeout(look, Math.max(0, 1000 - performance.now()));
  setTimeout(() => {
    look();
    const seen = new Set();
    for (const l of looks) for (const el of l.els) seen.add(el.closest(POSTS) || el);
    // X markup the loader left as it is on purpose (malformed) is not a post.
    for (const el of seen) if (el.getAttribute('data-perch') === 'skipped') seen.delete(el);
    const times = [...seen].map(visibleAt);
    const notShownAt = (t) => times.filter((v) => v === undefined || v > t).length;
    state.result = {
      inViewPosts: seen.size,
      // No post on screen at all by then is not "every post shown".
      allInViewVisibleMs: seen.size === 0 || times.some((t) => t === undefined) ? null : Math.max(...times),
      fallbacksAt1s: notShownAt(1000),
      fallbacksAt5s: notShownAt(5000),
      cls5s: state.shifts.filter((s) => s.t <= 5000).reduce((a, s) => a + s.v, 0),
      // When the two looks really happened (late on a busy machine).
      looksAtMs: looks.map((l) => Math.round(l.at)),
    };
    state.done = true;
  }, Math.max(0, 5000 - performance.now()));
})();`;
}

/**
 * Scroll to the bottom in steps, then back to the top, by script only; layout shift after the first
 * 5 s (so a shift between the 5 s look and the first step is counted too).
 */
const SCROLL_SCRIPT = `(async () => {
  const state = window.__firstScreen;
  const step = innerHeight;
  const settle = (ms) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, ms))));
  let steps = 0;
  while (scrollY + innerHeight < document.documentElement.scrollHeight - 1 && steps < 150) {
    scrollTo(0, scrollY + step);
    steps++;
    await settle(80);
  }
  await settle(300);
  while (scrollY > 0 && steps < 300) {
    scrollTo(0, Math.max(0, scrollY - step));
    steps++;
    await settle(80);
  }
  await settle(500);
  await new Promise((r) => setTimeout(r, 50)); // let the observer deliver
  return { clsScroll: state.shifts.filter((s) => s.t > 5000).reduce((a, s) => a + s.v, 0), scrollSteps: steps };
})()`;

/** Start the demo as `npm start` does, on a free port; resolves with its URL. */
function startDemo(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/server/server/cli.js', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`the demo server did not start: ${err}`)), 30_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      const match = /Perch embed server on (http:\/\/\S+?)(?:\s|$)/.exec(err);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo server exited (${String(code)}): ${err}`));
    });
  });
}

function stopDemo(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function measure(browser: Browser, url: string, variant: Variant): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // Nothing leaves the machine (the pasted widgets.js lines on the snippets page are aborted).
    await context.route((u) => !LOOPBACK.has(u.hostname), (route) => route.abort());
    await context.addInitScript({ content: measureScript(variant) });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction('window.__firstScreen !== undefined && window.__firstScreen.done === true', undefined, { timeout: 30_000, polling: 250 });
    const first = (await page.evaluate('window.__firstScreen.result')) as Omit<Run, 'clsScroll' | 'scrollSteps'>;
    const scroll = (await page.evaluate(SCROLL_SCRIPT)) as Pick<Run, 'clsScroll' | 'scrollSteps'>;
    const r3 = (x: number): number => Math.round(x * 10000) / 10000;
    return {
      ...first,
      allInViewVisibleMs: first.allInViewVisibleMs === null ? null : round(first.allInViewVisibleMs),
      cls5s: r3(first.cls5s),
      clsScroll: r3(scroll.clsScroll),
      scrollSteps: scroll.scrollSteps,
    };
  } finally {
    await context.close();
  }
}

interface Summary {
  medianAllInViewVisibleMs: number | null;
  worstFallbacksAt1s: number;
  worstFallbacksAt5s: number;
  medianCls5s: number;
  medianClsScroll: number;
  inViewPosts: number;
  runs: Run[];
}

function summarise(runs: Run[]): Summary {
  const times = runs.map((r) => r.allInViewVisibleMs);
  // A run where a post never showed counts as slower than any that did.
  const NEVER = 1e12;
  const mid = median(times.map((t) => t ?? NEVER));
  const cls = (xs: number[]): number => Math.round(median(xs) * 10000) / 10000;
  return {
    medianAllInViewVisibleMs: mid >= NEVER / 2 ? null : round(mid),
    worstFallbacksAt1s: Math.max(...runs.map((r) => r.fallbacksAt1s)),
    worstFallbacksAt5s: Math.max(...runs.map((r) => r.fallbacksAt5s)),
    medianCls5s: cls(runs.map((r) => r.cls5s)),
    medianClsScroll: cls(runs.map((r) => r.clsScroll)),
    inViewPosts: median(runs.map((r) => r.inViewPosts)),
    runs,
  };
}

/** Perch / naive; null when the naive peer did not move at all. */
const ratio = (perch: number, naive: number): number | null => (naive === 0 ? null : Math.round((perch / naive) * 1000) / 1000);

async function main(): Promise<void> {
  const startedAt = Date.now();
  const before = machine();
  const demo = await startDemo();
  const browser = await launchChromium();
  const results = new Map<string, Record<Variant, Run[]>>(PAGES.map((p) => [p.path, { perch: [], naive: [] }]));
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const { path } of PAGES) {
        // Perch and its peer load the same page side by side (two contexts at once): both meet the same
        // machine, and five runs of five pages fit in a few minutes (each load lasts 5 s by design).
        const [perch, naive] = await Promise.all([measure(browser, `${demo.url}${path}`, 'perch'), measure(browser, `${demo.url}${path}`, 'naive')]);
        results.get(path)!.perch.push(perch);
        results.get(path)!.naive.push(naive);
      }
    }
  } finally {
    await browser.close();
    await stopDemo(demo.child);
  }

  const pages: Record<string, unknown> = {};
  const goals: Array<{ page: string; goal: string; value: number | null; met: boolean }> = [];
  for (const { path, kind } of PAGES) {
    const perch = summarise(results.get(path)!.perch);
    const naive = summarise(results.get(path)!.naive);
    const ratios = { cls5s: ratio(perch.medianCls5s, naive.medianCls5s), clsScroll: ratio(perch.medianClsScroll, naive.medianClsScroll) };
    pages[path] = { kind, perch, naivePeer: naive, ratioPerchToNaive: ratios };
    const limit = CLS_GOAL[kind];
    const clsGoal = kind === 'static rendering' ? 'CLS 0.000' : `CLS ≤ ${limit}`;
    goals.push(
      { page: path, goal: 'every in-view post visible ≤ 1000 ms after navigation (median)', value: perch.medianAllInViewVisibleMs, met: perch.medianAllInViewVisibleMs !== null && perch.medianAllInViewVisibleMs <= 1000 },
      { page: path, goal: 'in-view fallbacks after 1 s = 0 (every run)', value: perch.worstFallbacksAt1s, met: perch.worstFallbacksAt1s === 0 },
      { page: path, goal: 'in-view fallbacks after 5 s = 0 (every run)', value: perch.worstFallbacksAt5s, met: perch.worstFallbacksAt5s === 0 },
      { page: path, goal: `${clsGoal}, first 5 s (median)`, value: perch.medianCls5s, met: perch.medianCls5s < limit || (kind !== 'static rendering' && perch.medianCls5s === limit) },
      { page: path, goal: `${clsGoal}, scrolling down and back (median)`, value: perch.medianClsScroll, met: perch.medianClsScroll < limit || (kind !== 'static rendering' && perch.medianClsScroll === limit) },
    );
    for (const [which, value, perchCls] of [['first 5 s', ratios.cls5s, perch.medianCls5s], ['scrolling', ratios.clsScroll, perch.medianClsScroll]] as const) {
      // With a naive peer that did not move, only a Perch that did not move either meets it.
      goals.push({ page: path, goal: `CLS ≤ 0.25 × the naive peer, ${which}`, value, met: value === null ? perchCls === 0 : value <= 0.25 });
    }
  }
  const result = {
    what: 'first screen of the demo pages with no input: time until every in-view post shows, fallbacks left at 1 s and 5 s, layout shift over 5 s and while scrolling down and back; the naive strategy (swap at once, nothing reserved) as the peer, loaded side by side',
    runsPerVariant: RUNS,
    viewport: VIEWPORT,
    pages,
    goals,
    goalsMet: `${goals.filter((g) => g.met).length} of ${goals.length}`,
    machine: { atStart: before, atEnd: machine() },
    benchSeconds: round((Date.now() - startedAt) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
