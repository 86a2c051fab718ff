/**
 * The conformance suite of the embed server's HTTP API against the plugin's built-in endpoint on a
 * real WordPress (installed from the zip), then what only this implementation has to show: the
 * 24-hour rule on its transient cache, the endpoint without pretty permalinks, impressions in the
 * plugin's table, and a bearer token that never comes back out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWordPress, php, type WordPress } from './harness.js';
import { conformanceSuite } from '../contract/conformance.js';

const POST = '1641086480675225601';
let site: WordPress;

conformanceSuite(
  {
    name: 'wordpress',
    async start(up) {
      site = await startWordPress({
        constants: { PERCH_X_BEARER_TOKEN: up.token, PERCH_X_API_URL: up.xApiBase, PERCH_MEDIA_UPSTREAM_URL: up.mediaOrigin, PERCH_FRESH_SECONDS: 0, PERCH_TIMELINE_CACHE_SECONDS: 0 },
      });
      return { baseUrl: `${site.url}/wp-json/perch`, stop: () => site.stop() };
    },
  },
  (env) => {
    /** Put an answer for `id` in the endpoint's cache as if X had confirmed it `hoursAgo` hours ago. */
    const cacheAged = (id: string, hoursAgo: number): Promise<string> =>
      site.php(`$p = array( 'kind' => 'post', 'version' => 1, 'id' => ${php(id)}, 'url' => 'https://x.com/old/status/${id}', 'author' => array( 'id' => '1', 'name' => 'Old', 'handle' => 'old', 'avatarUrl' => 'https://pbs.twimg.com/a.jpg', 'avatarShape' => 'circle', 'verified' => 'none' ), 'createdAt' => '2020-01-01T00:00:00.000Z', 'text' => array( 'text' => 'cached copy', 'displayRange' => array( 0, 11 ), 'entities' => array() ), 'media' => array(), 'counts' => new stdClass(), 'edited' => false, 'sensitive' => false );
        set_transient( 'perch_post_${id}', array( 'post' => $p, 'checkedAt' => perch_now_ms() - ${hoursAgo} * 3600000 ), DAY_IN_SECONDS ); echo 'ok';`);

    test('wordpress: while X fails, a cached answer under 24 hours old stands in; an older one is never served', async () => {
      const x = env.x();
      const recent = '1275828087666679809';
      const old = '1263145271946551300';
      await cacheAged(recent, 23);
      await cacheAged(old, 25);
      x.setMode({ kind: 'server-error' });
      try {
        const res = await fetch(`${env.server().baseUrl}/v1/tweets?ids=${recent},${old}`);
        const body = (await res.json()) as { results: Array<{ kind: string; id: string; text?: { text: string } }> };
        assert.equal(body.results[0]?.kind, 'post');
        assert.equal(body.results[0]?.text?.text, 'cached copy');
        assert.equal(body.results[1]?.kind, 'unavailable', 'a copy last confirmed 25 hours ago is not served');
        assert.equal(res.headers.get('cache-control'), 'no-store');
      } finally {
        x.setMode({ kind: 'normal' });
      }
      const fresh = (await (await fetch(`${env.server().baseUrl}/v1/tweets/${old}`)).json()) as { kind: string; text: { text: string } };
      assert.equal(fresh.kind, 'post');
      assert.notEqual(fresh.text.text, 'cached copy', 'X is asked again once it answers');
    });

    test('wordpress: counted impressions land in the daily totals table', async () => {
      const before = Number(await site.php(`global $wpdb; echo (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count),0) FROM {$wpdb->prefix}perch_impressions WHERE post_id = %s AND kind = 'post' AND type = 'rendered' AND day = %s", ${php(POST)}, gmdate( 'Y-m-d' ) ) );`));
      const batch = { v: 1, pageView: `table${Date.now()}`.padEnd(24, 'x'), site: 'https://news.example', path: '/', events: [{ seq: 0, kind: 'post', type: 'rendered', id: POST, ts: Date.now() }] };
      const res = await fetch(`${env.server().baseUrl}/v1/impressions`, { method: 'POST', body: JSON.stringify(batch) });
      assert.deepEqual(await res.json(), { accepted: 1, duplicates: 0 });
      const after = Number(await site.php(`global $wpdb; echo (int) $wpdb->get_var( $wpdb->prepare( "SELECT COALESCE(SUM(count),0) FROM {$wpdb->prefix}perch_impressions WHERE post_id = %s AND kind = 'post' AND type = 'rendered' AND day = %s", ${php(POST)}, gmdate( 'Y-m-d' ) ) );`));
      assert.equal(after, before + 1);
    });

    test('wordpress: without pretty permalinks the endpoint answers through index.php and ?rest_route=', async () => {
      await site.php(`update_option( 'permalink_structure', '' ); flush_rewrite_rules( false ); echo 'ok';`);
      try {
        const base = (await site.php(`echo perch_rest_base_url();`)).trim();
        assert.equal(base, `${site.url}/index.php/wp-json/perch`);
        assert.equal((await site.php(`echo perch_server_url();`)).trim(), base, 'the page configuration gives widgets this base');
        for (const url of [`${base}/v1/tweets/${POST}`, `${site.url}/wp-json/perch/v1/tweets/${POST}`, `${site.url}/?rest_route=/perch/v1/tweets/${POST}`]) {
          const res = await fetch(url);
          assert.equal(res.status, 200, url);
          assert.equal(((await res.json()) as { id: string }).id, POST, url);
        }
      } finally {
        await site.php(`update_option( 'permalink_structure', '/%postname%/' ); flush_rewrite_rules( false ); echo 'ok';`);
      }
    });

    test('wordpress: the bearer token never comes back out, in answers or logs', async () => {
      const token = env.x().token;
      const answers = await Promise.all([`/v1/tweets/${POST}`, '/v1/tweets?ids=1,2', '/v1/timelines/profile/XDevelopers', '/v1/nothing'].map(async (p) => (await fetch(env.server().baseUrl + p)).text()));
      for (const text of [...answers, site.errors()]) assert.ok(!text.includes(token), 'the token leaked');
      const calls = env.x().calls;
      assert.ok(calls.length > 0 && calls.every((c) => c.authorized), 'every call to X carried the token');
    });

    test('wordpress: the hourly WP-Cron job checks cached posts with X again', async () => {
      const id = '1576994746135764992';
      assert.equal((await fetch(`${env.server().baseUrl}/v1/tweets/${id}`)).status, 200);
      const x = env.x();
      const before = x.lookups().length;
      x.fail(id, 'not-authorized');
      await site.php(`do_action( 'perch_revalidate_posts' ); echo 'ok';`);
      assert.ok(x.lookups().length > before, 'X was asked');
      const cached = JSON.parse(await site.php(`echo wp_json_encode( get_transient( 'perch_post_${id}' )['post'] );`)) as { kind: string; reason?: string };
      assert.deepEqual([cached.kind, cached.reason], ['tombstone', 'protected'], 'the cache holds what X says now');
    });

    test('wordpress: the endpoint code logged no PHP error, warning or notice', () => {
      const ours = site.errors().split('\n').filter((line) => /perch\/includes\/(rest|data)\//.test(line));
      assert.deepEqual(ours, []);
    });
  },
);
