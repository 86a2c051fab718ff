/**
 * The Hugo module (`cms/hugo`): the example site built offline by Debian's `hugo` against the
 * embed server on a loopback port, then opened in Chromium. Posts are in the HTML before any
 * script runs, hydrate without moving, the site's consent and under-13 settings reach the page,
 * and nothing is requested from another host. Needs `hugo` on the PATH and the build (`npm run build`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useExampleSite } from './support/example-site.ts';
import { assertHas, assertLacks, CARD_POST_ID, firstPostText, foreignRequests, POST_ID, ROOT, serveStatic, UNKNOWN_ID, visit } from './support/sites.ts';

const run = promisify(execFile);
const EXAMPLE = join(ROOT, 'cms/hugo/example');

const site = useExampleSite('hugo');

/** Build the example site with `params` layered over its own hugo.toml; answers the output folder and Hugo's log. */
async function buildSite(name: string, params: string): Promise<{ out: string; log: string }> {
  const out = join(site.work, name);
  const override = join(site.work, `${name}.toml`);
  writeFileSync(override, `[params.perch]\n${params}\n`);
  const { stdout, stderr } = await run('hugo', ['--source', EXAMPLE, '--destination', out, '--cacheDir', join(site.work, `${name}-cache`), '--config', `hugo.toml,${override}`, '--quiet=false'], { cwd: EXAMPLE });
  return { out, log: stdout + stderr };
}

test('perch-post and Hugo\'s own tweet shortcode put the rendered post in the HTML at build time', async () => {
  const { out } = await buildSite('plain', `server = "${site.server.url}"`);
  for (const page of ['posts/perch/index.html', 'posts/tweet/index.html']) {
    const html = readFileSync(join(out, page), 'utf8');
    assertHas(html, new RegExp(`<perch-tweet tweet-id="${POST_ID}"[^>]*><template [^>]*shadowrootmode="open"`), `${page} holds the server-rendered post`);
    assertLacks(html, /platform\.twitter\.com|twitter-tweet/, `${page} has neither X's script nor its blockquote`);
    assert.equal(html.match(/<meta name="perch:server"/g)?.length, 1, `${page} carries the page settings once`);
    assert.equal(html.match(/<script async src="[^"]*perch\.js"/g)?.length, 1, `${page} loads perch.js once`);
    assert.ok(html.includes(`<script async src="${site.server.url}/dist/cdn/perch.js"></script>`), 'perch.js comes from the publisher\'s embed server');
  }
  const perch = readFileSync(join(out, 'posts/perch/index.html'), 'utf8');
  assertHas(perch, new RegExp(`<perch-tweet tweet-id="${CARD_POST_ID}"[^>]*\\bhide-cards\\b`), 'hide-cards reaches the rendered post');
  assertHas(perch, /<perch-share-button url="https:\/\/example.com\/"[^>]*><a href="https:\/\/x.com\/intent\/post\?text=Perch&#43;renders/);
  assertHas(perch, /<perch-follow-button screen-name="NASA"><a href="https:\/\/x.com\/intent\/follow\?screen_name=NASA">/);
  const home = readFileSync(join(out, 'index.html'), 'utf8');
  assertLacks(home, /perch:|perch\.js/, 'a page without posts gets no Perch settings or script');
});

test('the post reads with JavaScript off, then hydrates with no layout shift and nothing from other hosts', async () => {
  const { out } = await buildSite('browser', `server = "${site.server.url}"`);
  const s = await site.open(out);

  const noJs = await visit(site.browser, `${s.url}/posts/perch/`, { javaScriptEnabled: false });
  try {
    assert.match(await firstPostText(noJs.page), /View Flattening/, 'the post is readable before and without any script');
  } finally {
    await noJs.close();
  }

  const v = await visit(site.browser, `${s.url}/posts/perch/`);
  try {
    assert.ok(v.adopted, 'the script adopted the post rendered at build time instead of drawing another');
    assert.equal(v.layoutShift, 0, 'hydration moved nothing');
    assert.deepEqual(foreignRequests(v.requests, [s.url, site.server.url]), [], 'only the site and its embed server are contacted');
    assert.ok(!v.requests.some((u) => u.includes('/v1/tweets')), 'no request for post data: the model came with the page');
    assert.deepEqual(v.policy, { mode: 'required', childDirected: false });
  } finally {
    await v.close();
  }
});

test('consent mode and child-directed set in [params.perch] reach the page', async () => {
  const { out } = await buildSite('child', `server = "${site.server.url}"\nconsent = "not-required"\nchildDirected = true\ntheme = "dark"`);
  const html = readFileSync(join(out, 'posts/tweet/index.html'), 'utf8');
  assertHas(html, /<meta name="perch:child-directed" content="on">/);
  assertHas(html, /<meta name="perch:consent" content="not-required">/);
  assertHas(html, new RegExp(`<perch-tweet tweet-id="${POST_ID}" theme="dark"`), 'the site theme is rendered into the post');
  const s = await site.open(out);
  const v = await visit(site.browser, `${s.url}/posts/tweet/`);
  try {
    assert.deepEqual(v.policy, { mode: 'not-required', childDirected: true });
    assert.deepEqual(await v.page.evaluate(() => document.cookie), '', 'nothing stored in under-13 mode');
    assert.deepEqual(foreignRequests(v.requests, [s.url, site.server.url]), []);
  } finally {
    await v.close();
  }
});

test('X\'s blockquote is written when the embed server cannot be reached or has no such post', async () => {
  const unknown = readFileSync(join((await buildSite('unknown', `server = "${site.server.url}"`)).out, 'posts/missing/index.html'), 'utf8');
  assertHas(unknown, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/someone/status/${UNKNOWN_ID}">`));

  const down = await serveStatic(site.work); // a port that is free once closed
  const deadUrl = down.url;
  await down.close();
  const { out, log } = await buildSite('offline', `server = "${deadUrl}"`);
  const html = readFileSync(join(out, 'posts/perch/index.html'), 'utf8');
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet"><p><a href="https://x.com/SamuelSusla/status/${POST_ID}">`));
  assertHas(html, new RegExp(`<blockquote class="twitter-tweet" data-cards="hidden">`));
  assertLacks(html, /<perch-tweet/);
  assertHas(log, /not rendered at build time/, 'the build says why');
});

test('static mode renders posts and loads no script', async () => {
  const { out } = await buildSite('static', `server = "${site.server.url}"\nstatic = true`);
  const html = readFileSync(join(out, 'posts/perch/index.html'), 'utf8');
  assertHas(html, /shadowrootmode="open"/);
  assertLacks(html, /<script async src=/);
});
