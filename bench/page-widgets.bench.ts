/**
 * `npm run bench` (issue #5): "watching 200 widgets on one page adds no long task while scrolling".
 * A page with 200 `<perch-tweet>` elements from inline data, impression counting on (the default),
 * scrolled top to bottom with the mouse wheel in Chromium against the real embed server; long tasks
 * (> 50 ms, PerformanceObserver `longtask`) and their total duration while scrolling, against the same
 * page with `window.PerchConfig = { impressions: 'off' }` in the same run (alternating runs).
 * Prints JSON with a `budget` field: whether 0 long tasks > 50 ms was met with impressions on.
 * Env: BENCH_RUNS (per variant, default 3), CHROME_PATH.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, longTaskSummary, machine, median, openPage, round, startEmbedServer, takeLongTasks, watchLongTasks, type RunningServer } from './timeline.bench.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WIDGETS = 200;
const IDS = ['1641086480675225601', '1641895049427550208', '1629262255744503809', '1703436713362870723', '1684218600456876032'];

/** Post models from the embed server, to inline in the page (as a server-rendered page would). */
async function models(server: RunningServer): Promise<unknown[]> {
  const response = await fetch(`${server.url}/v1/tweets?ids=${IDS.join(',')}`);
  if (!response.ok) throw new Error(`/v1/tweets: ${response.status}`);
  const body = (await response.json()) as { results: Array<{ kind: string }> };
  const posts = body.results.filter((r) => r.kind === 'post');
  if (posts.length === 0) throw new Error('no post models from the fixtures upstream');
  return posts;
}

/** JSON safe inside `<script>` (no `</script>`, no `<!--`). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

function pageHtml(posts: unknown[], impressions: 'on' | 'off'): string {
  const config = impressions === 'off' ? `<script>window.PerchConfig = { impressions: 'off' };</script>` : '';
  const widgets = Array.from({ length: WIDGETS }, (_, i) => `<perch-tweet><script type="application/json">${scriptJson(posts[i % posts.length])}</script></perch-tweet>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Perch bench: ${WIDGETS} widgets</title>${config}<style>main{max-width:560px;margin:0 auto}</style></head><body><main>${widgets}</main><script async src="/dist/cdn/perch.js"></script></body></html>`;
}

interface Run {
  impressions: 'on' | 'off';
  rendered: number;
  wheelSteps: number;
  reachedEnd: boolean;
  impressionRequests: number;
  longTasks: { count: number; totalMs: number; maxMs: number };
}

async function scrollThrough(browser: Browser, server: RunningServer, posts: unknown[], impressions: 'on' | 'off'): Promise<Run> {
  const p: Page = await openPage(browser, server, `/bench/page-${WIDGETS}-widgets-${impressions}.html`, pageHtml(posts, impressions));
  let impressionRequests = 0;
  p.on('request', (r) => {
    if (r.url().includes('/v1/impressions')) impressionRequests += 1;
  });
  await p.waitForFunction((n) => [...document.querySelectorAll('perch-tweet')].filter((el) => el.shadowRoot?.querySelector('article') != null).length >= n, WIDGETS, { timeout: 120_000, polling: 250 });
  await p.evaluate(() => new Promise((r) => setTimeout(r, 1000))); // let rendering settle before measuring
  const rendered = await p.evaluate(() => [...document.querySelectorAll('perch-tweet')].filter((el) => el.shadowRoot?.querySelector('article') != null).length);
  await watchLongTasks(p);
  await p.mouse.move(500, 400);
  let steps = 0;
  let atEnd = false;
  for (; steps < 2000 && !atEnd; steps++) {
    await p.mouse.wheel(0, 600);
    atEnd = await p.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
  }
  await p.evaluate(() => new Promise((r) => setTimeout(r, 1500))); // the last posts' viewable timers and sends
  const tasks = await takeLongTasks(p);
  await p.close();
  return { impressions, rendered, wheelSteps: steps, reachedEnd: atEnd, impressionRequests, longTasks: longTaskSummary(tasks) };
}

async function main(): Promise<void> {
  const server = await startEmbedServer();
  const browser = await launchChromium();
  const before = machine();
  try {
    const posts = await models(server);
    const on: Run[] = [];
    const off: Run[] = [];
    for (let run = 0; run < RUNS; run++) {
      on.push(await scrollThrough(browser, server, posts, 'on'));
      off.push(await scrollThrough(browser, server, posts, 'off'));
    }
    const summary = (runs: Run[]): Record<string, number> => ({
      medianLongTasks: median(runs.map((r) => r.longTasks.count)),
      medianLongTaskTotalMs: round(median(runs.map((r) => r.longTasks.totalMs))),
      maxLongTaskMs: round(Math.max(...runs.map((r) => r.longTasks.maxMs))),
    });
    const worstOn = Math.max(...on.map((r) => r.longTasks.count));
    const result = {
      what: `${WIDGETS} <perch-tweet> from inline data, scrolled top to bottom with the mouse wheel; long tasks > 50 ms while scrolling`,
      impressionsOn: { ...summary(on), runs: on },
      peerImpressionsOff: { ...summary(off), runs: off },
      longTaskTotalMsAddedByImpressions: round(median(on.map((r) => r.longTasks.totalMs)) - median(off.map((r) => r.longTasks.totalMs))),
      machine: { atStart: before, atEnd: machine() },
      budget: {
        statement: 'impression counting on 200 widgets adds no long task (> 50 ms) while scrolling',
        longTasksOver50msAllowed: 0,
        worstRunLongTasksWithImpressions: worstOn,
        met: worstOn === 0 && on.every((r) => r.reachedEnd && r.rendered === WIDGETS),
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
