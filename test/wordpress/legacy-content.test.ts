// Content written for X's retired plugin and X's own embed code keeps working on a real
// WordPress with the plugin installed from its zip: the old shortcodes, pasted blockquotes with
// X's script tag (the script is removed, nothing is requested from X), and feeds and REST
// content get a plain quotation with no custom elements and no script.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { foreignHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startServerProcess, type Started } from '../support/processes.js';

const POST = '1641086480675225601'; // @SamuelSusla, "If you are interested about View Flattening…"
const OTHER = '2023357708301455483'; // @jarredsumner
const VIDEO = '1684218600456876032';

const SHORTCODES = `
[tweet id="${POST}" conversation="none" cards="hidden" theme="dark" width="400" align="center"]

[tweet https://twitter.com/jarredsumner/status/${OTHER}]

[twitter_video id="${VIDEO}"]

[twitter_profile screen_name="TwitterDev" limit="3" chrome="noheader nofooter" aria_polite="assertive"]

[twitter_list screen_name="TwitterDev" slug="perch-demo" limit="2"]

[twitter_follow screen_name="TwitterDev" show_screen_name="false" size="large"]

[twitter_share text="Read this" url="https://news.example/story" hashtags="news,perch" via="ExampleNews" related="TwitterDev"]
`;

const PASTED = `<p>Before the post.</p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">If you are interested about View Flattening in React Native, I wrote a blog post about it</p>&mdash; sammy (@SamuelSusla) <a href="https://twitter.com/SamuelSusla/status/${POST}?ref_src=twsrc%5Etfw">March 29, 2023</a></blockquote> <script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<p>Between posts.</p>
<blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">Underdocumented</p>&mdash; Jarred Sumner (@jarredsumner) <a href="https://twitter.com/jarredsumner/status/${OTHER}">2026</a></blockquote>
<script async src="//platform.twitter.com/widgets.js" charset="utf-8"></script>`;

// A classic-editor URL on its own line, an x.com one, and a block editor embed block from before the plugin.
const URLS = `<p>Classic:</p>

https://twitter.com/SamuelSusla/status/${POST}

https://x.com/jarredsumner/status/${OTHER}?s=20

<!-- wp:embed {"url":"https://twitter.com/SamuelSusla/status/${POST}","type":"rich","providerNameSlug":"twitter","responsive":true,"align":"center"} -->
<figure class="wp-block-embed aligncenter is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
https://twitter.com/SamuelSusla/status/${POST}
</div><figcaption class="wp-element-caption">A caption</figcaption></figure>
<!-- /wp:embed -->`;

/**
 * The attributes of each `<perch-tweet>` start tag for `id` in `html`. With an embed server the
 * page carries its static HTML, whose `server` and `style` are the renderer's own: left out.
 */
function tweetAttributes(html: string, id: string): Array<Record<string, string>> {
  const found: Array<Record<string, string>> = [];
  for (const tag of html.matchAll(/<perch-tweet\b([^>]*)>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (tag[1] ?? '').matchAll(/([\w-]+)(?:="([^"]*)")?/g)) if (a[1] !== 'server' && a[1] !== 'style') attrs[a[1] ?? ''] = a[2] ?? '';
    if (attrs['tweet-id'] === id) found.push(attrs);
  }
  return found;
}

let server: Started & { url: string };
let site: WordPress;
let browser: RecordingBrowser;
let shortcodesPage: { id: number; url: string };
let urlsPost: { id: number; url: string };
let pastedPost: { id: number; url: string };

before(async () => {
  server = await startServerProcess([]); // built-in fixture data, no network
  site = await startWordPress({ constants: { PERCH_EMBED_SERVER: server.url } });
  shortcodesPage = await publishPost(site, 'Shortcodes', SHORTCODES, 'page');
  pastedPost = await publishPost(site, 'Pasted', PASTED);
  urlsPost = await publishPost(site, 'URLs', URLS);
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
});

describe('the retired plugin\'s shortcodes', () => {
  test('map onto Perch elements with the project\'s attributes', async () => {
    const html = await (await fetch(shortcodesPage.url)).text();
    assert.deepEqual(tweetAttributes(html, POST), [{ 'tweet-id': POST, width: '400', align: 'center', 'hide-cards': '', 'hide-thread': '', theme: 'dark' }]);
    // The site's default theme is written on posts rendered by the embed server (readers without JavaScript get it too).
    assert.deepEqual(tweetAttributes(html, OTHER), [{ 'tweet-id': OTHER, theme: 'light' }]);
    assert.match(html, new RegExp(`<perch-video tweet-id="${VIDEO}">`));
    assert.match(html, /<perch-timeline screen-name="TwitterDev" tweet-limit="3" chrome="noheader nofooter" live-region="assertive">/);
    assert.match(html, /<perch-timeline owner-screen-name="TwitterDev" slug="perch-demo" tweet-limit="2">/);
    assert.match(html, /<perch-follow-button screen-name="TwitterDev" hide-screen-name size="large"><\/perch-follow-button>/);
    assert.match(html, /<perch-share-button text="Read this" url="https:\/\/news\.example\/story" hashtags="news,perch" via="ExampleNews" related="TwitterDev"><\/perch-share-button>/);
    assert.doesNotMatch(html, /\[(tweet|twitter_)/);
  });

  test('render in Chromium from the site\'s embed server, with nothing requested from X', async () => {
    browser.requests.length = 0;
    const { page, context } = await browser.newPage();
    await page.goto(shortcodesPage.url);
    await page.waitForFunction((id) => document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST, { timeout: 20000 });
    await page.waitForFunction(() => document.querySelector('perch-follow-button')?.shadowRoot?.querySelector('a[href*="intent/follow"]') != null, undefined, { timeout: 20000 });
    const shareHref = await page.evaluate(() => document.querySelector('perch-share-button')?.shadowRoot?.querySelector('a')?.getAttribute('href') ?? '');
    assert.match(shareHref, /hashtags=news(,|%2C)perch&via=ExampleNews/);
    await context.close();
    assert.deepEqual(foreignHosts(browser.requests), []);
  });
});

describe('X\'s pasted blockquotes with its script tag', () => {
  test('the page carries the blockquotes and no widgets.js tag', async () => {
    const html = await (await fetch(pastedPost.url)).text();
    assert.equal((html.match(/<blockquote class="twitter-tweet"/g) ?? []).length, 2);
    assert.doesNotMatch(html, /widgets\.js/);
  });

  test('Perch upgrades them in Chromium and nothing is requested from platform.twitter.com', async () => {
    browser.requests.length = 0;
    const { page, context } = await browser.newPage();
    await page.goto(pastedPost.url);
    await page.waitForFunction((id) => [...document.querySelectorAll('perch-tweet')].some((el) => el.getAttribute('tweet-id') === id && el.shadowRoot?.textContent?.includes('View Flattening') === true), POST, { timeout: 20000 });
    await context.close();
    assert.deepEqual(foreignHosts(browser.requests), []);
    assert.equal(browser.requests.some((u) => u.includes('widgets.js')), false);
  });
});

describe('pasted post URLs', () => {
  test('twitter.com and x.com URLs on their own line and old embed blocks become Perch posts', async () => {
    const html = await (await fetch(urlsPost.url)).text();
    assert.equal(tweetAttributes(html, POST).length, 2);
    assert.equal(tweetAttributes(html, OTHER).length, 1);
    assert.match(html, /<figure class="wp-block-embed is-type-rich is-provider-x wp-block-perch-embed aligncenter"><div class="wp-block-embed__wrapper"><perch-tweet [^>]+>.*<\/perch-tweet><\/div><figcaption class="wp-element-caption">A caption<\/figcaption><\/figure>/s);
    assert.doesNotMatch(html, /<p>https:\/\/(x|twitter)\.com/);
  });
});

describe('feeds and REST content', () => {
  test('the feed has plain quotations with text, author and link, and no custom element or script', async () => {
    const feed = await (await fetch(`${site.url}/feed/`)).text();
    const pasted = await (await fetch(`${site.url}/feed/?p=${pastedPost.id}`)).text();
    assert.match(feed, /<item>/);
    for (const xml of [feed, pasted]) {
      assert.doesNotMatch(xml, /perch-(tweet|timeline|video|follow|share)/);
      assert.doesNotMatch(xml, /&lt;script|<script/);
    }
    assert.match(feed, /View Flattening/);
    assert.match(feed, /SamuelSusla/);
  });

  test('REST content.rendered of a page of shortcodes is plain', async () => {
    const res = await fetch(`${site.url}/wp-json/wp/v2/pages/${shortcodesPage.id}`);
    const body = (await res.json()) as { content: { rendered: string } };
    assert.doesNotMatch(body.content.rendered, /<perch-|<script/);
    assert.match(body.content.rendered, /<blockquote class="perch-post"><p>If you are interested about View Flattening/);
    assert.match(body.content.rendered, /SamuelSusla\/status\/1641086480675225601/);
  });
});
