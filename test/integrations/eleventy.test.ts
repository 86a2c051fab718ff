/**
 * The Eleventy plugin (`cms/eleventy`), installed from its packed tarball with perch-widgets' own,
 * builds the example site with Eleventy 3: posts are rendered at build time by perch-widgets'
 * renderer (from a data file, or from models fetched from the embed server), hydrate without
 * moving, carry the site's consent and under-13 settings, and load perch.js from the site itself.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildSite, prepare } from './support/builders.ts';
import { assertHas, assertLacks, CARD_POST_ID, embedServer, firstPostText, foreignRequests, launchChromium, POST_ID, serveStatic, UNKNOWN_ID, visit, type RunningServer, type StaticSite } from './support/sites.ts';


let work = '';
let app = '';
let server: RunningServer;
let browser: Browser;
const sites: StaticSite[] = [];

/** Build the example with the packed package into `work/name`; answers the output folder and the tool's log. */
async function build(name: string, env: Record<string, string>): Promise<{ out: string; log: string }> {
  const out = join(work, name);
  return { out, log: await buildSite('eleventy', app, out, env) };
}

let main: Promise<{ out: string; log: string }> | undefined;
/** The example built against the running embed server, once for the tests that only read it. */
const mainBuild = (): Promise<{ out: string; log: string }> => (main ??= build('main', { PERCH_SERVER: server.url }));

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'perch-eleventy-'));
  app = await prepare('eleventy', work);
  server = await embedServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of sites) await s.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('the shortcode and a pasted post URL become posts in the HTML, with the page settings once', async () => {
  const { out } = await mainBuild();
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
  const { out } = await mainBuild();
  const s = await serveStatic(out);
  sites.push(s);
  const noJs = await visit(browser, `${s.url}/`, { javaScriptEnabled: false });
  try {
    assert.match(await firstPostText(noJs.page), /View Flattening/);
  } finally {
    await noJs.close();
  }
  const v = await visit(browser, `${s.url}/`);
  try {
    assert.ok(v.adopted, 'the script adopted the build-time post');
    assert.equal(v.layoutShift, 0);
    assert.deepEqual(foreignRequests(v.requests, [s.url, server.url]), []);
    assert.ok(v.requests.some((u) => u.startsWith(`${s.url}/perch/perch.js`)), 'perch.js came from the site');
    assert.ok(!v.requests.some((u) => u.includes('/v1/tweets')), 'no request for post data');
    assert.deepEqual(v.policy, { mode: 'required', childDirected: false });
  } finally {
    await v.close();
  }
});

test('consent mode and child-directed reach the page', async () => {
  const { out } = await build('child', { PERCH_SERVER: server.url, PERCH_CONSENT: 'auto', PERCH_CHILD_DIRECTED: 'on' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, /<meta name="perch:child-directed" content="on">/);
  const s = await serveStatic(out);
  sites.push(s);
  const v = await visit(browser, `${s.url}/`);
  try {
    assert.deepEqual(v.policy, { mode: 'auto', childDirected: true });
    assert.equal(await v.page.evaluate(() => document.cookie), '');
  } finally {
    await v.close();
  }
});

test('with the embed server down, the data file still renders; other posts fall back to X\'s blockquote', async () => {
  const down = await serveStatic(work);
  const dead = down.url;
  await down.close();
  const { out, log } = await build('offline', { PERCH_SERVER: dead });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${CARD_POST_ID}"[^>]*><template `), 'the post from the data file needs no server');
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/SamuelSusla/status/${POST_ID}">`));
  assertHas(log, /not rendered at build time/);
  const missing = readFileSync(join((await mainBuild()).out, 'posts/missing/index.html'), 'utf8');
  assertHas(missing, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/someone/status/${UNKNOWN_ID}">`));
});
