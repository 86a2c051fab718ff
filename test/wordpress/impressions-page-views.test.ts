// Real page views reach the impressions admin page: a post with a Perch post block is opened in
// Chromium (consent given), scrolled into view until it is viewable, and each fresh page load
// is one impression on Dashboard → X impressions and in the dashboard widget. A batch the
// browser sends again (its first answer lost) counts once. With consent denied nothing counts when
// the post stays behind the notice, or when the publisher counts only after consent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { foreignHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';

const POST = '1641086480675225601';
const PAGE_VIEWS = 3;

let fake: FakeSyndication;
let site: WordPress;
let browser: RecordingBrowser;
let postUrl = '';
let cookie = '';

interface Sent {
  events: Array<{ seq: number; type: string; id: string; kind: string }>;
  pageView: string;
}
interface Ack {
  accepted: number;
  duplicates: number;
}

before(async () => {
  fake = await startFakeSyndication();
  site = await startWordPress({ constants: { PERCH_SYNDICATION_URL: fake.url } });
  browser = await startBrowser();
  // A screen of text first: the post is only viewable once the reader scrolls down to it.
  const spacer = '<!-- wp:paragraph --><p style="height:2400px">Before the post.</p><!-- /wp:paragraph -->';
  ({ url: postUrl } = await publishPost(site, 'Counted', `${spacer}\n\n<!-- wp:perch/post {"url":"https://x.com/SamuelSusla/status/${POST}"} /-->`));
  cookie = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await fake?.close();
});

async function admin(path: string): Promise<string> {
  const res = await fetch(`${site.url}/wp-admin/${path}`, { headers: { cookie } });
  assert.equal(res.status, 200, path);
  return res.text();
}

/** Today's count on the impressions page. */
async function todayOnPage(): Promise<number> {
  const html = await admin('index.php?page=perch-impressions');
  const m = /Today \(UTC\): ([\d,]+) impressions/.exec(html);
  assert.ok(m, 'the page states today\'s total');
  return Number(m[1]?.replace(/,/g, ''));
}

function isCollector(url: string): boolean {
  return new URL(url).pathname.endsWith('/perch/v1/impressions');
}

/** A fresh browser context carrying the reader's remembered consent choice. */
async function reader(choice: 'v1.content' | 'v1.denied'): Promise<{ page: Page; context: BrowserContext }> {
  return browser.newPage({ cookies: [{ name: 'perch_consent', value: choice, url: site.url }] });
}

async function openAndScroll(page: Page): Promise<void> {
  await page.goto(postUrl);
  // The post loads as it nears the viewport: the reader scrolls down to it.
  await page.locator('perch-tweet').scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST, { timeout: 60000 });
  // Rendered, the post is taller than the space it had: bring all of it into view.
  await page.evaluate(() => document.querySelector('perch-tweet')?.scrollIntoView({ block: 'center' }));
}

/** What the browser sent the collector and what WordPress answered. */
interface Exchange {
  sent: Sent;
  status: number;
  ack: Ack | undefined;
}

/**
 * Passes the page's collector requests on to WordPress and reports each exchange (the page
 * never reads the answer's body, so it is read here, on the way back). `answer` may replace
 * the answer the page gets.
 */
async function tapCollector(context: BrowserContext, seen: (exchange: Exchange) => void, answer?: (exchange: Exchange) => { status: number } | undefined): Promise<void> {
  await context.route(
    (u) => isCollector(u.href),
    async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      const exchange: Exchange = { sent: JSON.parse(route.request().postData() ?? '{}') as Sent, status: response.status(), ack: response.status() === 200 ? (JSON.parse(body) as Ack) : undefined };
      const replaced = answer?.(exchange);
      await (replaced !== undefined ? route.fulfill({ status: replaced.status, body: '' }) : route.fulfill({ response, body }));
      seen(exchange);
    },
  );
}

/**
 * Resolves once the collector acknowledged both the post's `rendered` and its `viewable`
 * impression for this page view, with every exchange.
 */
async function collected(context: BrowserContext): Promise<() => Promise<Exchange[]>> {
  const seen: Exchange[] = [];
  let done: (all: Exchange[]) => void = () => undefined;
  const all = new Promise<Exchange[]>((resolveAll) => (done = resolveAll));
  await tapCollector(context, (exchange) => {
    seen.push(exchange);
    const types = new Set(seen.filter((s) => s.ack !== undefined).flatMap((s) => s.sent.events.filter((e) => e.id === POST).map((e) => e.type)));
    if (types.has('rendered') && types.has('viewable')) done(seen);
  });
  return () => all;
}

test(`${PAGE_VIEWS} page views of a post show as ${PAGE_VIEWS} impressions today, on the page, in the widget and among the top posts`, { timeout: 300000 }, async () => {
  assert.equal(await todayOnPage(), 0);
  browser.requests.length = 0;
  for (let i = 0; i < PAGE_VIEWS; i++) {
    const { page, context } = await reader('v1.content');
    const done = await collected(context);
    await openAndScroll(page);
    const exchanges = await done();
    assert.ok(exchanges.every((x) => x.ack?.duplicates === 0), `a fresh page view repeats nothing: ${JSON.stringify(exchanges)}`);
    await context.close();
  }
  assert.deepEqual(foreignHosts(browser.requests), [], 'counting asks nothing of other hosts');
  assert.equal(await todayOnPage(), PAGE_VIEWS);
  const page = await admin('index.php?page=perch-impressions');
  const top = /<table class="widefat striped perch-top">.*?<\/table>/s.exec(page)?.[0] ?? '';
  assert.match(top, new RegExp(`status/${POST}"[^>]*>${POST}</a></td><td>${PAGE_VIEWS}</td>`), 'the post leads the top posts with its count');
  assert.match(await admin('index.php'), new RegExp(`Today: ${PAGE_VIEWS} impressions`));
  assert.deepEqual(site.pluginErrors(), []);
});

test('a batch the browser sends again after losing the answer counts once', { timeout: 120000 }, async () => {
  const before = await todayOnPage();
  const { page, context } = await reader('v1.content');
  let lost = 0;
  let retry: (x: Exchange) => void = () => undefined;
  const retried = new Promise<Exchange>((resolveRetry) => (retry = resolveRetry));
  // The first batch reaches WordPress, but the browser is told it failed: it sends the same batch again.
  await tapCollector(
    context,
    (x) => {
      if (lost > 1) retry(x);
    },
    () => (++lost === 1 ? { status: 503 } : undefined),
  );
  await openAndScroll(page);
  const { sent, ack } = await retried;
  assert.ok(ack !== undefined && ack.duplicates >= 1, `the resent events are recognised: ${JSON.stringify(ack)}`);
  assert.ok(sent.events.some((e) => e.type === 'rendered'), 'the rendered impression was among them');
  await context.close();
  assert.equal(await todayOnPage(), before + 1, 'one page view, one impression');
});

test('with consent denied no impression is recorded', { timeout: 240000 }, async () => {
  const start = await todayOnPage();
  // The publisher shows nothing before consent: the reader said no, the post stays behind the notice.
  await site.php(`update_option( 'perch_settings', array( 'first_party_before_consent' => false ) );`);
  const hidden = await reader('v1.denied');
  await hidden.page.goto(postUrl);
  await hidden.page.locator('perch-tweet').scrollIntoViewIfNeeded();
  await hidden.page.waitForFunction(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('[part="consent"]') != null, undefined, { timeout: 60000 });
  // Leaving the page hands anything queued to the browser (pagehide); nothing may be queued.
  await hidden.page.goto('about:blank');
  // The publisher shows posts from the site before consent but counts only after it: shown, not counted.
  await site.php(`update_option( 'perch_settings', array( 'first_party_before_consent' => true, 'impressions' => 'after-consent' ) );`);
  const shown = await reader('v1.denied');
  await openAndScroll(shown.page);
  await shown.page.goto('about:blank');
  // A reader who consents, under the same settings, is counted: the only new impression.
  const control = await reader('v1.content');
  const done = await collected(control.context);
  await openAndScroll(control.page);
  await done();
  await Promise.all([hidden.context.close(), shown.context.close(), control.context.close()]);
  assert.equal(await todayOnPage(), start + 1);
});
