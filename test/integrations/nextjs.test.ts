/**
 * The Next.js server component (`cms/nextjs`), installed from its packed tarball with perch-widgets'
 * own, in the example App Router site built (static export) by Next.js 15: posts rendered on the
 * server into the HTML, adopted on the client without moving, the site's consent and under-13
 * metadata in <head> once, perch-widgets' React wrappers for the buttons, nothing from other hosts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useExampleSite } from './support/example-site.ts';
import { assertHas, assertLacks, CARD_POST_ID, firstPostText, foreignRequests, POST_ID, UNKNOWN_ID, visit } from './support/sites.ts';

const site = useExampleSite('nextjs');

test('PerchPost puts the server-rendered post in the HTML; the layout\'s metadata the settings, once', async () => {
  const { out } = await site.mainBuild();
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${POST_ID}"[^>]*><template [^>]*shadowrootmode="open"`));
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${CARD_POST_ID}"[^>]*\\bhide-cards\\b[^>]*><template `), 'hideCards reaches the rendered post');
  assert.equal(html.match(/<meta name="perch:consent"/g)?.length, 1);
  assertHas(html, /<head>[\s\S]*<meta name="perch:server" content="http:\/\/127\.0\.0\.1:\d+"\/?>[\s\S]*<\/head>/);
  assertHas(html, /<perch-share-button[^>]*>/, 'the React wrapper renders the share button on the server');
  assertHas(html, /<perch-follow-button[^>]*>/);
  assertLacks(html, /<script[^>]+src="https?:/, 'no script from another host');
  const assets = readdirSync(join(out, '_next/static/chunks'));
  assert.ok(assets.some((f) => f.endsWith('.js')), 'the widgets\' code is in the site\'s own assets');
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
    assert.ok(v.adopted, 'the client adopted the server-rendered post');
    assert.equal(v.layoutShift, 0);
    assert.deepEqual(foreignRequests(v.requests, [s.url, site.server.url]), []);
    assert.ok(!v.requests.some((u) => u.includes('/v1/tweets')), 'no request for post data');
    assert.ok(await v.page.evaluate(() => customElements.get('perch-share-button') !== undefined), 'the buttons are defined too');
  } finally {
    await v.close();
  }
});

test('consent mode and child-directed reach the page', async () => {
  const { out } = await site.build('child', { PERCH_SERVER: site.server.url, PERCH_CONSENT: 'not-required', PERCH_CHILD_DIRECTED: 'on' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, /<meta name="perch:child-directed" content="on"\/?>/);
  assertHas(html, /<meta name="perch:consent" content="not-required"\/?>/);
  const s = await site.open(out);
  const v = await visit(site.browser, `${s.url}/`);
  try {
    assert.equal(await v.page.evaluate(() => document.cookie), '');
    assert.deepEqual(foreignRequests(v.requests, [s.url, site.server.url]), []);
  } finally {
    await v.close();
  }
});

test('a post the embed server does not have is written as X\'s blockquote', async () => {
  const { out } = await site.mainBuild();
  const html = readFileSync(join(out, 'missing/index.html'), 'utf8');
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/someone/status/${UNKNOWN_ID}">`));
});
