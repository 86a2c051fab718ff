/**
 * The Eleventy plugin (`cms/eleventy`), installed from its packed tarball with perch-widgets' own,
 * builds the example site with Eleventy 3: posts are rendered at build time by perch-widgets'
 * renderer (from a data file, or from models fetched from the embed server), hydrate without
 * moving, carry the site's consent and under-13 settings, and load perch.js from the site itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useExampleSite } from './support/example-site.ts';
import { assertHas, assertLacks, CARD_POST_ID, firstPostText, foreignRequests, POST_ID, serveStatic, UNKNOWN_ID, visit } from './support/sites.ts';

const site = useExampleSite('eleventy');

test('the shortcode and a pasted post URL become posts in the HTML, with the page settings once', async () => {
  const { out } = await site.mainBuild();
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${POST_ID}"[^>]*><template [^>]*shadowrootmode="open"`), 'the shortcode\'s post is rendered');
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${CARD_POST_ID}"[^>]*><template [^>]*shadowrootmode="open"`), 'the pasted URL became the post');
  assertLacks(html, /<p>\s*https:\/\/x\.com\/mattcarrollcode/, 'the bare URL paragraph is gone');
  assert.equal(html.match(/<meta name="perch:consent"/g)?.length, 1, 'settings once per page');
  assertHas(html, /<head>[\s\S]*<meta name="perch:server" content="http:\/\/127\.0\.0\.1:\d+">[\s\S]*<\/head>/, 'the settings sit in <head>');
  assertHas(html, /<script async src="\/perch\/perch\.js"><\/script>/, 'perch.js from the site itself');
  assert.ok(existsSync(join(out, 'perch/perch.js')), 'perch-widgets\' script build is copied into the site');
  assertHas(html, /<perch-share-button url="https:\/\/example.com\/" text="Perch renders posts at build time"><a href=/);
  assertHas(html, /<perch-follow-button screen-name="NASA"><a href=/);
  assertLacks(readFileSync(join(out, 'posts/plain/index.html'), 'utf8'), /perch/, 'a page without posts gets nothing');
});

test('reads with JavaScript off, hydrates with no layout shift, nothing from other hosts', async () => {
  const { out } = await site.mainBuild();
  const s = await site.open(out);
  const noJs = await visit(site.browser, `${s.url}/`, { javaScriptEnabled: false });
  try {
    assert.match(await firstPostText(noJs.page), /View Flattening/);
  } finally {
    await noJs.close();
  }
  const v = await visit(site.browser, `${s.url}/`);
  try {
    assert.ok(v.adopted, 'the script adopted the build-time post');
    assert.equal(v.layoutShift, 0);
    assert.deepEqual(foreignRequests(v.requests, [s.url, site.server.url]), []);
    assert.ok(v.requests.some((u) => u.startsWith(`${s.url}/perch/perch.js`)), 'perch.js came from the site');
    assert.ok(!v.requests.some((u) => u.includes('/v1/tweets')), 'no request for post data');
    assert.deepEqual(v.policy, { mode: 'required', childDirected: false });
  } finally {
    await v.close();
  }
});

test('consent mode and child-directed reach the page', async () => {
  const { out } = await site.build('child', { PERCH_SERVER: site.server.url, PERCH_CONSENT: 'auto', PERCH_CHILD_DIRECTED: 'on' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, /<meta name="perch:child-directed" content="on">/);
  const s = await site.open(out);
  const v = await visit(site.browser, `${s.url}/`);
  try {
    assert.deepEqual(v.policy, { mode: 'auto', childDirected: true });
    assert.equal(await v.page.evaluate(() => document.cookie), '');
  } finally {
    await v.close();
  }
});

test('with the embed server down, the data file still renders; other posts fall back to X\'s blockquote', async () => {
  const down = await serveStatic(site.work);
  const dead = down.url;
  await down.close();
  const { out, log } = await site.build('offline', { PERCH_SERVER: dead });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${CARD_POST_ID}"[^>]*><template `), 'the post from the data file needs no server');
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/SamuelSusla/status/${POST_ID}">`));
  assertHas(log, /not rendered at build time/);
  const missing = readFileSync(join((await site.mainBuild()).out, 'posts/missing/index.html'), 'utf8');
  assertHas(missing, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/someone/status/${UNKNOWN_ID}">`));
});
