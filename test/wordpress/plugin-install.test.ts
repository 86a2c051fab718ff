// The built zip installs into an empty WordPress 6.1.9 (Debian), activates without a fatal
// error, and a page then carries Perch's configuration and loader from the plugin's own folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishPost, startWordPress, type WordPress } from './harness.js';

let site: WordPress;

before(async () => {
  site = await startWordPress();
});

after(async () => {
  await site?.stop();
});

test('the plugin is active and a page loads without PHP errors', async () => {
  const active = await site.php(`echo is_plugin_active( 'perch/perch.php' ) ? 'yes' : 'no';`);
  assert.equal(active, 'yes');
  const res = await fetch(`${site.url}/`);
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /<meta name="perch:server" content="http:\/\/127\.0\.0\.1:\d+\/wp-json\/perch">/);
  assert.deepEqual(site.pluginErrors(), []);
});

test('the loader comes from the plugin folder, async, and nothing from X is on the page', async () => {
  const { url } = await publishPost(site, 'Hello', '<p>Hi</p>');
  const html = await (await fetch(url)).text();
  assert.match(html, /<script async [^>]*src=["']http:\/\/127\.0\.0\.1:\d+\/wp-content\/plugins\/perch\/assets\/perch\.js\?ver=[\d.]+["']/);
  assert.doesNotMatch(html, /twitter\.com|twimg\.com|x\.com\/widgets/);
  const js = await fetch(new URL('/wp-content/plugins/perch/assets/perch.js', site.url));
  assert.equal(js.status, 200);
});
