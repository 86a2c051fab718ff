// A page of Perch blocks on a real WordPress does not move while it loads: the plugin prints the
// reservation stylesheet in <head> before its scripts and puts each cached post's height on its
// element, so the async loader arriving after first paint, and the posts rendering, shift nothing
// a reader sees in the first screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { startBrowser, type RecordingBrowser } from './browser.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import { articleBody, perchBlock, recordedPosts } from '../../bench/wordpress/pages.js';

const POSTS = 10;
/** Google's "good" Cumulative Layout Shift. */
const GOOD_CLS = 0.1;

let fake: FakeSyndication;
let site: WordPress;
let browser: RecordingBrowser;
let url: string;

before(async () => {
  fake = await startFakeSyndication();
  site = await startWordPress({ constants: { PERCH_SYNDICATION_URL: fake.url } });
  browser = await startBrowser();
  const recorded = recordedPosts();
  const posts = Array.from({ length: POSTS }, (_, i) => recorded[i % recorded.length]!);
  ({ url } = await publishPost(site, 'Ten posts', articleBody(posts, perchBlock)));
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await fake?.close();
});

/** Layout shift (no input) from navigation start until every post in the first screen has rendered with its images. */
async function firstScreenShift(page: Page): Promise<{ cls: number; rendered: number }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.goto(url);
  const rendered = await page.waitForFunction(
    () => {
      const inView = [...document.querySelectorAll('perch-tweet')].filter((el) => el.getBoundingClientRect().top < innerHeight);
      const done = inView.every((el) => {
        const article = el.shadowRoot?.querySelector('article');
        if (article == null || (article.textContent ?? '').trim() === '') return false;
        return [...el.shadowRoot!.querySelectorAll('img')].every((img) => img.complete);
      });
      return inView.length > 0 && done ? inView.length : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  // Two frames more, so a shift caused by the last render is reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
  return { cls, rendered: (await rendered.jsonValue()) as number };
}

test('the reservation stylesheet is in <head> before Perch\'s scripts, and each post carries its reserved height', async () => {
  const html = await (await fetch(url)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  const link = /<link [^>]*href=['"]([^'"]*\/perch\/assets\/perch-reserve\.css[^'"]*)['"]/.exec(head);
  assert.ok(link !== null, 'perch-reserve.css is linked in <head>');
  const loader = head.search(/<script [^>]*\bid=['"]perch-js/);
  assert.ok(loader > 0 && link.index < loader, 'the stylesheet comes before Perch\'s scripts');
  assert.match(link[0], /rel=['"]stylesheet['"]/);
  const css = await (await fetch(new URL(link[1]!.replace(/&#0?38;/g, '&'), url))).text();
  assert.match(css, /perch-tweet:not\(:defined\)\{display:block;[^}]*min-height:var\(--perch-reserve-height/);
  const reserved = [...html.matchAll(/<perch-tweet\b[^>]*style="--perch-reserve-height:(\d+)px"/g)].map((m) => Number(m[1]));
  assert.equal(reserved.length, POSTS);
});

test('a page of ten Perch blocks, the site\'s cache cold: the first screen shifts less than a "good" CLS', async (t) => {
  const { page, context } = await browser.newPage();
  try {
    const { cls, rendered } = await firstScreenShift(page);
    t.diagnostic(`first-screen CLS, cache cold: ${cls.toFixed(4)}`);
    assert.ok(rendered >= 1);
    assert.ok(cls < GOOD_CLS, `first-screen CLS ${cls.toFixed(4)}`);
  } finally {
    await context.close();
  }
});

test('the same page once the site holds the posts: each reserved height is close to the rendered post, and the first screen does not move', async (t) => {
  const { page, context } = await browser.newPage();
  try {
    const { cls } = await firstScreenShift(page);
    const heights = await page.evaluate(() =>
      [...document.querySelectorAll('perch-tweet')].map((el) => [parseFloat((el as HTMLElement).style.getPropertyValue('--perch-reserve-height')), el.getBoundingClientRect().height] as const),
    );
    t.diagnostic(`first-screen CLS, cache warm: ${cls.toFixed(4)}; reserved/rendered: ${heights.slice(0, 2).map(([r, a]) => `${r}/${Math.round(a)}`).join(', ')}`);
    const rendered = heights.slice(0, 2);
    for (const [reserved, actual] of rendered) assert.ok(Math.abs(reserved - actual) <= 0.1 * actual, `reserved ${reserved} px for a post of ${actual} px`);
    assert.ok(cls < 0.02, `first-screen CLS ${cls.toFixed(4)}`);
  } finally {
    await context.close();
  }
});
