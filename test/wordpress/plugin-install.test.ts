// The built zip installs into an empty WordPress — Debian's 6.1.9 and 6.5.5 from
// @wp-playground/wordpress-builds — activates without a PHP error, and a page then carries
// Perch's configuration and its loader from the plugin's own folder. Blocks get the newest block
// API the core knows (feature-detected: 2 on 6.1, 3 on 6.5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEBIAN_CORE, PLAYGROUND_65_ZIP, publishPost, startWordPress, unpackCore, type WordPress } from './harness.js';

const CORES: Array<{ version: string; core: () => Promise<{ dir: string; remove(): void }>; apiVersion: number }> = [
  { version: '6.1.9', core: async () => ({ dir: DEBIAN_CORE, remove: () => undefined }), apiVersion: 2 },
  { version: '6.5.5', core: () => unpackCore(PLAYGROUND_65_ZIP), apiVersion: 3 },
];

for (const { version, core, apiVersion } of CORES) {
  describe(`WordPress ${version}`, () => {
    let site: WordPress;
    let unpacked: { dir: string; remove(): void };

    before(async () => {
      unpacked = await core();
      site = await startWordPress({ core: unpacked.dir });
    });

    after(async () => {
      await site?.stop();
      unpacked?.remove();
    });

    test('the plugin is active and a page loads without PHP errors', async () => {
      assert.equal(await site.php(`echo get_bloginfo( 'version' );`), version);
      assert.equal(await site.php(`echo is_plugin_active( 'perch/perch.php' ) ? 'yes' : 'no';`), 'yes');
      const res = await fetch(`${site.url}/`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /<meta name="perch:server" content="http:\/\/127\.0\.0\.1:\d+\/wp-json\/perch">/);
      assert.deepEqual(site.pluginErrors(), []);
    });

    test('the loader comes from the plugin folder, async, and nothing from X is on the page', async () => {
      const { url } = await publishPost(site, 'Hello', '[tweet id="20"]\n\n<!-- wp:perch/follow {"screenName":"jack"} /-->');
      const html = await (await fetch(url)).text();
      assert.match(html, /<script async [^>]*src=["']http:\/\/127\.0\.0\.1:\d+\/wp-content\/plugins\/perch\/assets\/perch\.js\?ver=[\d.]+["']/);
      assert.match(html, /<perch-tweet tweet-id="20"[ >]/);
      assert.match(html, /<perch-follow-button screen-name="jack"><\/perch-follow-button>/);
      assert.doesNotMatch(html, /platform\.twitter\.com|twimg\.com/);
      assert.equal((await fetch(new URL('/wp-content/plugins/perch/assets/perch.js', site.url))).status, 200);
      assert.deepEqual(site.pluginErrors(), []);
    });

    test(`blocks are registered with block API ${apiVersion}`, async () => {
      const out = JSON.parse(await site.php(`echo wp_json_encode( array_map( fn( $n ) => WP_Block_Type_Registry::get_instance()->get_registered( "perch/$n" )->api_version ?? null, array( 'post', 'timeline', 'video', 'share', 'follow', 'mention', 'hashtag', 'consent-settings' ) ) );`)) as Array<number | string | null>;
      assert.deepEqual(out.map(Number), Array(8).fill(apiVersion));
    });
  });
}
