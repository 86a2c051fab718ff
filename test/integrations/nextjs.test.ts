/**
 * The Next.js server component (`cms/nextjs`), installed from its packed tarball with perch-widgets'
 * own, in the example App Router site built (static export) by Next.js 15: posts rendered on the
 * server into the HTML, adopted on the client without moving, the site's consent and under-13
 * metadata in <head> once, perch-widgets' React wrappers for the buttons, nothing from other hosts.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
  return { out, log: await buildSite('nextjs', app, out, env) };
}

let main: Promise<{ out: string; log: string }> | undefined;
/** The example built against the running embed server, once for the tests that only read it. */
const mainBuild = (): Promise<{ out: string; log: string }> => (main ??= build('main', { PERCH_SERVER: server.url }));

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'perch-next-'));
  app = await prepare('nextjs', work);
  server = await embedServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of sites) await s.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('PerchPost puts the server-rendered post in the HTML; the layout\'s metadata the settings, once', async () => {
  const { out } = await mainBuild();
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
    assert.ok(v.adopted, 'the client adopted the server-rendered post');
    assert.equal(v.layoutShift, 0);
    assert.deepEqual(foreignRequests(v.requests, [s.url, server.url]), []);
    assert.ok(!v.requests.some((u) => u.includes('/v1/tweets')), 'no request for post data');
    assert.ok(await v.page.evaluate(() => customElements.get('perch-share-button') !== undefined), 'the buttons are defined too');
  } finally {
    await v.close();
  }
});

test('consent mode and child-directed reach the page', async () => {
  const { out } = await build('child', { PERCH_SERVER: server.url, PERCH_CONSENT: 'not-required', PERCH_CHILD_DIRECTED: 'on' });
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  assertHas(html, /<meta name="perch:child-directed" content="on"\/?>/);
  assertHas(html, /<meta name="perch:consent" content="not-required"\/?>/);
  const s = await serveStatic(out);
  sites.push(s);
  const v = await visit(browser, `${s.url}/`);
  try {
    assert.equal(await v.page.evaluate(() => document.cookie), '');
    assert.deepEqual(foreignRequests(v.requests, [s.url, server.url]), []);
  } finally {
    await v.close();
  }
});

test('a post the embed server does not have is written as X\'s blockquote', async () => {
  const { out } = await mainBuild();
  const html = readFileSync(join(out, 'missing/index.html'), 'utf8');
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/someone/status/${UNKNOWN_ID}">`));
});
