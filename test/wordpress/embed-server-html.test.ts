// With a Perch embed server as the data source, a real WordPress puts the server's static HTML
// (declarative shadow DOM) into its pages: the post reads without JavaScript, the loader adopts
// it, a post deleted upstream leaves the page once the server's freshness runs out, a site that
// makes content wait for consent gets no post content, and a server that is down leaves the
// element alone with no PHP error. perch-server runs as its own process over a real socket,
// against a fake X API on loopback.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { foreignHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startServerProcess, type Started } from '../support/processes.js';
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api.js';
import { startFakeMedia, type FakeMedia } from '../support/fake-media.js';

const POST = '1641086480675225601'; // @SamuelSusla, "If you are interested about View Flattening…"
const TO_DELETE = '1293593516040269825'; // @TwitterDev, "It’s finally here! 🥁 Say hello to the new #TwitterAPI."
/** A post whose text WordPress's content filters would change ("smart" quotes, dashes) if they reached it. */
const QUOTED = '1700000000000000001';
const QUOTED_TEXT = 'Say "hello" -- it\'s here... (c) WordPress';

let x: FakeXApi;
let media: FakeMedia;
let server: Started & { url: string };
let site: WordPress;
let browser: RecordingBrowser;
let page1: { id: number; url: string };
let deletedPage: { id: number; url: string };

/** The front-end HTML of `url`, fetched as a reader without a browser would. */
async function frontEnd(url: string): Promise<string> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  return res.text();
}

/** The rendered `<perch-tweet>` of `id` in `html` (its start tag to its end tag). */
function elementOf(html: string, id: string): string {
  const m = new RegExp(`<perch-tweet\\b[^>]*\\btweet-id="${id}"[^>]*>[\\s\\S]*?</perch-tweet>`).exec(html);
  assert.ok(m !== null, `no <perch-tweet tweet-id="${id}"> in the page`);
  return m[0];
}

/** Lets the server's freshness lifetime pass for the site's cached static HTML (the site's clock is not ours to move). */
async function expireStaticCache(): Promise<void> {
  await site.php(`global $wpdb; $wpdb->query( "UPDATE {$wpdb->options} SET option_value = '1' WHERE option_name LIKE '\\\\_transient\\\\_timeout\\\\_perch\\\\_render\\\\_%'" ); wp_cache_flush();`);
}

before(async () => {
  x = await startFakeXApi();
  x.addPost(
    { id: QUOTED, text: QUOTED_TEXT, author_id: '2244994945', created_at: '2026-11-01T10:00:00.000Z', lang: 'en', edit_history_tweet_ids: [QUOTED], public_metrics: { retweet_count: 1, reply_count: 0, like_count: 2, quote_count: 0 } },
    { users: [{ id: '2244994945', name: 'Developers', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1/dev_normal.jpg', verified_type: 'business', protected: false }] },
  );
  media = await startFakeMedia();
  server = await startServerProcess(['--upstream', 'x-api-v2', '--x-api-base-url', x.url, '--media-upstream-url', media.origin, '--fresh-seconds', '0', '--no-demo'], { X_BEARER_TOKEN: x.token });
  // The server loads its renderer on the first render: warm it, as a running server is.
  assert.equal((await fetch(`${server.url}/v1/render/tweet/${POST}`)).status, 200);
  site = await startWordPress({ constants: { PERCH_EMBED_SERVER: server.url } });
  page1 = await publishPost(site, 'Static', `<p>Before.</p>\n\n[tweet id="${POST}" cards="hidden" theme="dark"]\n\nhttps://x.com/XDevelopers/status/${QUOTED}\n\n<p>After.</p>`);
  deletedPage = await publishPost(site, 'Deleted later', `[tweet id="${TO_DELETE}"]`);
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
  await media?.close();
  await x?.close();
});

describe('static HTML from the embed server', () => {
  test('the page holds the post text inside a declarative shadow root, with the element\'s options', async () => {
    const html = await frontEnd(page1.url);
    const post = elementOf(html, POST);
    assert.match(post, /^<perch-tweet [^>]*\btheme="dark"[^>]*\bhide-cards\b[^>]*>\s*<template shadowroot(mode)?="open"/);
    const shadow = /<template [^>]*shadowrootmode="open"[^>]*>([\s\S]*?)<\/template>/.exec(post)?.[1] ?? '';
    assert.match(shadow, /If you are interested about View Flattening in React Native/);
    assert.match(post, /<script type="application\/json">\{[^<]*"id":"1641086480675225601"/, 'the post model is inline: the client needs no request');
    assert.doesNotMatch(html, /data-perch-static/, 'every mark was replaced');
    assert.deepEqual(site.pluginErrors(), []);
  });

  test('WordPress\'s content filters leave the post text exactly as X has it', async () => {
    const post = elementOf(await frontEnd(page1.url), QUOTED);
    const json = /<script type="application\/json">([^<]*)<\/script>/.exec(post)?.[1] ?? '';
    assert.equal((JSON.parse(json) as { text: { text: string } }).text.text, QUOTED_TEXT);
    const shadow = /<template [^>]*>([\s\S]*?)<\/template>/.exec(post)?.[1] ?? '';
    assert.match(shadow, /Say &quot;hello&quot; -- it(&#39;|')s here\.\.\. \(c\) WordPress|Say "hello" -- it(&#39;|')s here\.\.\. \(c\) WordPress/);
    assert.doesNotMatch(post, /&#8220;|&#8211;|&#8217;|&#8230;|&#169;|<p>|<br \/>/, 'no texturize, no autop inside the post');
  });

  test('the cached HTML lives no longer than the server\'s own freshness', async () => {
    const out = await site.php(`global $wpdb; echo wp_json_encode( array( 'now' => time(), 'timeouts' => $wpdb->get_col( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE '\\\\_transient\\\\_timeout\\\\_perch\\\\_render\\\\_%'" ) ) );`);
    const { now, timeouts } = JSON.parse(out) as { now: number; timeouts: string[] };
    const cc = (await fetch(`${server.url}/v1/render/tweet/${POST}`)).headers.get('cache-control') ?? '';
    const maxAge = Number(/max-age=(\d+)/.exec(cc)?.[1]);
    assert.ok(maxAge > 0 && maxAge < 86400, cc);
    assert.ok(timeouts.length >= 2, 'the rendered posts are cached');
    for (const t of timeouts) assert.ok(Number(t) <= now + maxAge, `kept until ${t}, past the server's max-age (${now} + ${maxAge})`);
  });

  test('in Chromium with JavaScript off the post is visible, in its own space', async () => {
    browser.requests.length = 0;
    const { page, context } = await browser.newPage({ javaScript: false });
    await page.goto(page1.url);
    const text = page.getByText('If you are interested about View Flattening', { exact: false });
    assert.equal(await text.isVisible(), true);
    const box = await page.locator(`perch-tweet[tweet-id="${POST}"]`).boundingBox();
    assert.ok(box !== null && box.height > 100, `the post takes its space: ${JSON.stringify(box)}`);
    await context.close();
    assert.deepEqual(foreignHosts(browser.requests), []);
  });

  test('with JavaScript the loader adopts the static post: one copy, no request for it, nothing from X', async () => {
    browser.requests.length = 0;
    const { page, context } = await browser.newPage();
    await page.goto(page1.url);
    await page.waitForFunction((id) => {
      const el = document.querySelector(`perch-tweet[tweet-id="${id}"]`);
      return el !== null && el.matches(':defined') && (el as unknown as { hasUpdated?: boolean }).hasUpdated === true;
    }, POST, { timeout: 20000 });
    const copies = await page.evaluate((id) => (document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.match(/View Flattening/g) ?? []).length, POST);
    assert.equal(copies, 1);
    await context.close();
    assert.deepEqual(browser.requests.filter((u) => u.startsWith(`${server.url}/v1/tweets`)), [], 'the inline model is used');
    assert.deepEqual(foreignHosts(browser.requests), []);
  });
});

describe('X\'s rules and failures', () => {
  test('a post deleted upstream leaves the page once the server\'s freshness has run out', async () => {
    assert.match(elementOf(await frontEnd(deletedPage.url), TO_DELETE), /finally here/);
    x.fail(TO_DELETE, 'not-found');
    let post = '';
    // The server revalidates when asked; its first answer may still be the cached post.
    for (let i = 0; i < 50; i++) {
      await expireStaticCache();
      post = elementOf(await frontEnd(deletedPage.url), TO_DELETE);
      if (!post.includes('finally here')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.doesNotMatch(post, /finally here/);
    assert.match(post, /<template [^>]*shadowrootmode="open"[\s\S]*part="tombstone"[^>]*data-reason="not-found"/, 'the deleted-post state, rendered');
    assert.deepEqual(site.pluginErrors(), []);
  });

  test('a site that makes content wait for consent gets the element and no post content', async () => {
    await site.php(`update_option( 'perch_settings', array( 'first_party_before_consent' => false ) );`);
    try {
      const html = await frontEnd(page1.url);
      assert.match(html, new RegExp(`<perch-tweet tweet-id="${POST}"[^>]*>`));
      assert.doesNotMatch(html, /shadowrootmode|View Flattening/);
    } finally {
      await site.php(`delete_option( 'perch_settings' );`);
    }
  });

  test('with the embed server stopped the page still renders the element, with no PHP error', async () => {
    await server.stop();
    await expireStaticCache();
    const html = await frontEnd(page1.url);
    assert.match(html, new RegExp(`<perch-tweet tweet-id="${POST}"[^>]*>\\s*<blockquote class="perch-fallback">`));
    assert.match(html, /<p>After\.<\/p>/, 'the rest of the page is there');
    assert.doesNotMatch(html, /shadowrootmode/);
    assert.deepEqual(site.pluginErrors(), []);
  });
});
