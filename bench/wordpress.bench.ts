/**
 * `npm run bench:wordpress`: a post page served by WordPress with the Perch plugin against the
 * same page with X's pasted embed code on a WordPress without it, on real WordPress 6.1.9 sites
 * (private MariaDB, `php -S`, the plugin installed from its zip: `test/wordpress/harness.ts`).
 * Variants, on pages of 1 and 10 recorded posts set in an article's paragraphs:
 * - plugin, Perch blocks (`perch/post`, as saved after pasting an x.com URL in the editor);
 * - plugin, X's pasted markup (`<blockquote class="twitter-tweet">` + widgets.js script tag: the
 *   plugin upgrades it and drops the script);
 * - no plugin, X's pasted markup, X's hosts answered by a local stand-in (bench/wordpress/x-embed-stand-in.ts:
 *   same hosts, iframes and requests per post as X's embed, far lighter scripts — a lower bound).
 * The plugin's site uses its built-in endpoint with X's syndication host faked on loopback
 * (server side, so not a request of the page). Loads alternate variant by variant (the order
 * rotates each round), each in a fresh browser context with no consent given, BENCH_RUNS rounds
 * (default 5) after one warm-up load each; medians of: gzip bytes of JavaScript, of everything
 * and of what came from other hosts; requests, to other hosts and to X's hosts; time to the first
 * post, to every post in the first screen and (scrolling on) to every post shown as an embed;
 * FCP; LCP; CLS; and each as a ratio plugin/pasted. Images
 * are off in those loads; one more load of each with images on counts requests to X's hosts
 * before consent. Prints JSON with the load average.
 * Env: BENCH_RUNS (default 5), BENCH_SIZES (default "1,10"), BENCH_WARMUP ("0": none), CHROME_PATH.
 */
import { chromium, type Browser, type Request } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { machine, median, round } from './timeline.bench.js';
import { QUIET } from './peers/probe.js';
import { probeScript } from './wordpress/probe.js';
import { articleBody, pastedMarkup, perchBlock, recordedPosts } from './wordpress/pages.js';
import { chromiumFlags, startXStandIn, X_HOST, type XStandIn } from './wordpress/x-embed-stand-in.js';
import { publishPost, startWordPress, type WordPress } from '../test/wordpress/harness.js';
import { startFakeSyndication, type FakeSyndication } from '../test/support/fake-syndication.js';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const SIZES = (process.env.BENCH_SIZES ?? '1,10').split(',').map(Number).filter((n) => n > 0);
const WARMUP = process.env.BENCH_WARMUP !== '0';
const PASTED = 'no plugin, pasted markup';

/** One load of one page. */
interface Run {
  jsGzipBytes: number;
  totalGzipBytes: number;
  /** Bytes from hosts other than the WordPress site. */
  otherHostsGzipBytes: number;
  requests: number;
  otherHostRequests: number;
  xHostRequests: number;
  firstRenderedMs: number;
  /** Every post in the first screen shown. */
  firstScreenRenderedMs: number;
  /** Every post shown, the reader scrolling down a screen every 100 ms once the first screen is. */
  allRenderedMs: number;
  fcpMs: number;
  lcpMs: number;
  /** Layout shift before the reader's first scroll. */
  clsFirstScreen: number;
  /** Layout shift over the whole visit. */
  cls: number;
}

interface Probe {
  fcp: number | null;
  lcp: number | null;
  cls: number;
  shifts: Array<[number, number]>;
  scrollAt: number | null;
  firstRenderedAt: number | null;
  firstScreenAt: number | null;
  renderedAt: number | null;
}

interface Variant {
  name: string;
  site: WordPress;
  /** Page URL per page size. */
  url: Record<number, string>;
}

function launch(port: number, images: boolean): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROME,
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      `--blink-settings=imagesEnabled=${images}`,
      ...chromiumFlags(port),
    ],
  });
}

async function load(browser: Browser, url: string, posts: number): Promise<{ run: Run; xUrls: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  try {
    await context.addInitScript({ content: probeScript(posts) });
    const page = await context.newPage();
    const site = new URL(url).host;
    let js = 0;
    let total = 0;
    let other = 0;
    let requests = 0;
    let otherRequests = 0;
    const xUrls: string[] = [];
    const bodies: Promise<void>[] = [];
    let inFlight = 0;
    // Impression beacons are sent with `keepalive` and may never be reported finished.
    const counts = (r: Request): boolean => !(r.method() === 'POST' && r.url().includes('impressions'));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'data:' || u.protocol === 'blob:') return;
      requests += 1;
      if (u.host !== site) otherRequests += 1;
      if (X_HOST.test(u.hostname)) xUrls.push(r.url());
      if (counts(r)) inFlight += 1;
    });
    const settle = (r: Request): void => void (counts(r) && !r.url().startsWith('data:') && (inFlight -= 1));
    page.on('requestfinished', settle);
    page.on('requestfailed', settle);
    page.on('response', (response) => {
      if (!counts(response.request()) || response.url().startsWith('data:')) return;
      const type = response.headers()['content-type'] ?? '';
      const foreign = new URL(response.url()).host !== site;
      bodies.push(response.body().then(
        (b) => {
          const g = gzipSync(b, { level: 9 }).length;
          total += g;
          if (foreign) other += g;
          if (type.includes('javascript')) js += g;
        },
        () => undefined,
      ));
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { __wpProbe?: Probe }).__wpProbe?.firstScreenAt != null, undefined, { polling: 100, timeout: 60_000 });
    // Then a reader scrolls on, a screen every 100 ms, until every post has shown (Perch loads a post when it comes near the screen).
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __wpProbe: Probe }).__wpProbe;
        if (s.renderedAt != null) return true;
        s.scrollAt ??= performance.now();
        scrollBy(0, innerHeight);
        return false;
      },
      undefined,
      { polling: 100, timeout: 60_000 },
    );
    for (let tries = 0; tries < 6; tries++) {
      await page.evaluate(QUIET);
      if (inFlight <= 0) break;
    }
    await Promise.all(bodies);
    const probe = (await page.evaluate('window.__wpProbe')) as Probe;
    return {
      run: {
        jsGzipBytes: js,
        totalGzipBytes: total,
        otherHostsGzipBytes: other,
        requests,
        otherHostRequests: otherRequests,
        xHostRequests: xUrls.length,
        firstRenderedMs: round(probe.firstRenderedAt ?? Number.NaN),
        firstScreenRenderedMs: round(probe.firstScreenAt ?? Number.NaN),
        allRenderedMs: round(probe.renderedAt ?? Number.NaN),
        fcpMs: round(probe.fcp ?? Number.NaN),
        lcpMs: round(probe.lcp ?? Number.NaN),
        clsFirstScreen: Math.round(probe.shifts.reduce((a, [t, v]) => (probe.scrollAt === null || t < probe.scrollAt ? a + v : a), 0) * 10000) / 10000,
        cls: Math.round(probe.cls * 10000) / 10000,
      },
      xUrls,
    };
  } finally {
    await context.close();
  }
}

type Summary = Record<keyof Run, number>;

function summarise(runs: Run[]): Summary {
  const keys = Object.keys(runs[0]!) as Array<keyof Run>;
  // CLS keeps four decimals: X's swap of one blockquote for its iframe scores a few thousandths.
  const exact = (k: keyof Run, x: number): number => (k === 'cls' || k === 'clsFirstScreen' ? Math.round(x * 10000) / 10000 : round(x));
  return Object.fromEntries(keys.map((k) => [k, exact(k, median(runs.map((r) => r[k])))])) as Summary;
}

function ratios(s: Summary, peer: Summary): Record<keyof Run, number | null> {
  const keys = Object.keys(s) as Array<keyof Run>;
  return Object.fromEntries(keys.map((k) => [k, peer[k] === 0 ? null : Math.round((s[k] / peer[k]) * 1000) / 1000])) as Record<keyof Run, number | null>;
}

const label = (n: number): string => `${n} post${n === 1 ? '' : 's'}`;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const before = machine();
  let fake: FakeSyndication | undefined;
  let standIn: XStandIn | undefined;
  let withPlugin: WordPress | undefined;
  let withoutPlugin: WordPress | undefined;
  let browser: Browser | undefined;
  const runs = new Map<string, Run[]>();
  const consent: Record<string, Record<string, { xHostRequestsBeforeConsent: number; xHosts: string[] }>> = {};
  const variants: Variant[] = [];
  let pluginErrors: string[] = [];
  try {
    fake = await startFakeSyndication();
    standIn = await startXStandIn();
    withPlugin = await startWordPress({ constants: { PERCH_SYNDICATION_URL: fake.url } });
    withoutPlugin = await startWordPress({ pluginZip: null });
    const recorded = recordedPosts();
    const blocks: Variant = { name: 'plugin, Perch blocks', site: withPlugin, url: {} };
    const upgraded: Variant = { name: 'plugin, pasted markup', site: withPlugin, url: {} };
    const pasted: Variant = { name: PASTED, site: withoutPlugin, url: {} };
    for (const n of SIZES) {
      const posts = Array.from({ length: n }, (_, i) => recorded[i % recorded.length]!);
      blocks.url[n] = (await publishPost(withPlugin, `Blocks ${n}`, articleBody(posts, perchBlock))).url;
      upgraded.url[n] = (await publishPost(withPlugin, `Pasted ${n}`, articleBody(posts, pastedMarkup))).url;
      pasted.url[n] = (await publishPost(withoutPlugin, `Pasted ${n}`, articleBody(posts, pastedMarkup))).url;
    }
    variants.push(blocks, upgraded, pasted);

    browser = await launch(standIn.port, false);
    for (const n of SIZES) {
      if (WARMUP) for (const v of variants) await load(browser, v.url[n]!, n);
      for (let r = 0; r < RUNS; r++) {
        for (let k = 0; k < variants.length; k++) {
          const v = variants[(k + r) % variants.length]!;
          const key = `${n}|${v.name}`;
          runs.set(key, [...(runs.get(key) ?? []), (await load(browser, v.url[n]!, n)).run]);
        }
      }
    }
    await browser.close();
    // Images on, as a reader's browser has them: everything the page asks of X's hosts with no consent given.
    browser = await launch(standIn.port, true);
    for (const n of SIZES) {
      consent[label(n)] = {};
      for (const v of variants) {
        const { xUrls } = await load(browser, v.url[n]!, n);
        consent[label(n)]![v.name] = { xHostRequestsBeforeConsent: xUrls.length, xHosts: [...new Set(xUrls.map((u) => new URL(u).hostname))].sort() };
      }
    }
    pluginErrors = withPlugin.pluginErrors();
  } finally {
    await browser?.close();
    await withPlugin?.stop();
    await withoutPlugin?.stop();
    await standIn?.close();
    await fake?.close();
  }

  const pages: Record<string, unknown> = {};
  for (const n of SIZES) {
    const peer = summarise(runs.get(`${n}|${PASTED}`)!);
    const rows: Record<string, unknown> = {};
    for (const v of variants) {
      const s = summarise(runs.get(`${n}|${v.name}`)!);
      rows[v.name] = v.name === PASTED ? { median: s } : { median: s, ratioToPasted: ratios(s, peer) };
    }
    pages[label(n)] = rows;
  }
  const result = {
    what: 'WordPress 6.1.9 post pages: the Perch plugin (blocks, and X\'s pasted markup it upgrades) against X\'s pasted markup on a WordPress without it; alternated load by load in one Chromium, fresh context each, no consent given; medians; images off',
    rounds: RUNS,
    sizes: SIZES,
    xStandIn: standIn!.describe(),
    measures: {
      bytes: 'gzip -9 of each response body (the loopback servers do not compress); otherHosts = every host but the WordPress site',
      rendered: 'ms from navigation start to the frame where the first post / every post in the first screen (1000×800) / every post shows as an embed (Perch: its shadow <article> with text; X: its iframe shown at its rendered height). For every post, the reader scrolls down a screen every 100 ms once the first screen is rendered (Perch loads a post as it comes within a screen of view; X\'s script loads all at once)',
      cls: 'layout shift before the reader\'s first scroll (clsFirstScreen) and over the whole visit, the scroll to the end included, until the page is quiet (cls)',
    },
    pages,
    consent: { what: 'one more load of each page with images on and no consent given: requests to X\'s hosts (twitter.com, x.com, twimg.com, t.co)', ...consent },
    pluginPhpErrors: pluginErrors,
    machine: { atStart: before, atEnd: machine(), note: 'on a shared 2-core machine a load average above the core count means the timings are taken under load' },
    benchSeconds: round((Date.now() - startedAt) / 1000),
  };
  console.log(JSON.stringify(result, null, 2));
}

await main();
