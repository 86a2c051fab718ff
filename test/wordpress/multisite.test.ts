// The plugin network-activated on a subdirectory multisite: each site's collector keeps its own
// totals, Network Admin → X impressions shows the whole network's total with a row per site,
// the alert levels apply to the network's total (X's threshold is per publisher, not per site),
// and uninstalling cleans every site.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startWordPress, type NetworkSite, type WordPress } from './harness.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';

const POST = '1641086480675225601';

let fake: FakeSyndication;
let site: WordPress;
let main: NetworkSite;
let second: NetworkSite;
let cookie = '';

before(async () => {
  fake = await startFakeSyndication();
  site = await startWordPress({ multisite: { sites: ['site2'] }, constants: { PERCH_SYNDICATION_URL: fake.url } });
  [main, second] = site.sites as [NetworkSite, NetworkSite];
  cookie = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
});

after(async () => {
  await site?.stop();
  await fake?.close();
});

async function get(url: string): Promise<string> {
  const res = await fetch(url, { headers: { cookie } });
  assert.equal(res.status, 200, url);
  return res.text();
}

/** Sends `n` rendered impressions of the post, as one page view, to a site's own collector. */
async function pageView(to: NetworkSite, n: number): Promise<{ accepted: number }> {
  const now = Date.now();
  const res = await fetch(`${to.url}/wp-json/perch/v1/impressions`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({
      v: 1,
      pageView: randomBytes(18).toString('base64url'),
      site: new URL(to.url).origin,
      path: new URL(to.url).pathname + '/',
      events: Array.from({ length: n }, (_, i) => ({ seq: i, kind: 'post', type: 'rendered', id: POST, ts: now })),
    }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as { accepted: number };
}

test('each site counts on its own collector; the network page adds them up', async () => {
  for (const s of [main, second]) {
    // A site counts only posts it has served: each answers the post first, as for a visitor.
    const res = await fetch(`${s.url}/wp-json/perch/v1/tweets/${POST}`);
    assert.equal(res.status, 200, `${s.url}: ${await res.clone().text()}`);
  }
  assert.equal((await pageView(main, 3)).accepted, 3);
  assert.equal((await pageView(second, 1)).accepted, 1);
  assert.equal((await pageView(second, 1)).accepted, 1);

  assert.match(await get(`${main.url}/wp-admin/index.php?page=perch-impressions`), /Today \(UTC\): 3 impressions/);
  const own = await get(`${second.url}/wp-admin/index.php?page=perch-impressions`);
  assert.match(own, /Today \(UTC\): 2 impressions/);
  assert.match(own, /threshold applies to the whole network: 5 impressions today/);

  const network = await get(`${site.url}/wp-admin/network/index.php?page=perch-impressions`);
  assert.match(network, /Today \(UTC\): 5 impressions/);
  assert.match(network, new RegExp(`<tr data-site="${main.id}"><td><a [^>]+>[^<]+</a></td><td>3</td></tr>`));
  assert.match(network, new RegExp(`<tr data-site="${second.id}"><td><a [^>]+>Site site2</a></td><td>2</td></tr>`));
  assert.match(network, /<th class="perch-network-total">5<\/th>/);
  assert.match(await get(`${site.url}/wp-admin/network/`), /Today: 5 impressions/, 'the network dashboard widget');
  assert.deepEqual(site.pluginErrors(), []);
});

test('an alert fires on the network total though neither site alone reaches the level', async () => {
  // Threshold 8 (the main site's setting holds for the network): 3 and 2 are each under 50%, 5 is over.
  await site.php(`update_option( 'perch_settings', array( 'impressions_threshold' => 8, 'alert_levels' => '50,100', 'alert_recipients' => 'network-ops@example.com' ) );
    switch_to_blog( ${second.id} ); update_option( 'perch_settings', array( 'impressions_threshold' => 8, 'alert_levels' => '50,100' ) ); restore_current_blog();`);
  // Late in the UTC day the projection is the count so far, whatever time the test runs.
  const check = (blog: number): string => `switch_to_blog( ${blog} );
    $mails = array();
    add_filter( 'pre_wp_mail', function ( $r, $atts ) use ( &$mails ) { $mails[] = array( $atts['to'], $atts['subject'], $atts['message'] ); return true; }, 10, 2 );
    $now = strtotime( gmdate( 'Y-m-d' ) . ' 23:59:59 UTC' );
    $own = perch_impressions_projection( $now );
    echo wp_json_encode( array( 'levels' => perch_check_alerts( $now ), 'mails' => $mails, 'own' => $own['fraction'] ) );`;
  const first = JSON.parse(await site.php(check(second.id))) as { levels: number[]; mails: Array<[string, string, string]>; own: number };
  assert.ok(first.own < 0.5, `the site alone is under the level (${first.own})`);
  assert.deepEqual(first.levels, [50]);
  assert.equal(first.mails.length, 1);
  assert.equal(first.mails[0]?.[0], 'network-ops@example.com');
  assert.match(first.mails[0]?.[1] ?? '', /X embeds on the network: 50% of the daily impressions threshold/);
  assert.match(first.mails[0]?.[2] ?? '', /all sites of this network were shown 5 times today/);
  assert.match(first.mails[0]?.[2] ?? '', /\/wp-admin\/network\/index\.php\?page=perch-impressions/);
  // The other site's cron sees the level already mailed for the network today.
  const again = JSON.parse(await site.php(check(main.id))) as { levels: number[]; mails: unknown[] };
  assert.deepEqual([again.levels, again.mails], [[], []]);
  // The network page judges the total against the network's threshold.
  assert.match(await get(`${site.url}/wp-admin/network/index.php?page=perch-impressions`), /Today \(UTC\): 5 impressions, projected [\d,]+ by the end of the day — [\d.,]+% of the 8 daily threshold/);
});

test('uninstalling from the network removes every site\'s tables and options, and the network\'s', async () => {
  await site.php(`deactivate_plugins( 'perch/perch.php', false, true ); uninstall_plugin( 'perch/perch.php' );`);
  const left = JSON.parse(
    await site.php(`global $wpdb;
      $options = array();
      foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $id ) {
        switch_to_blog( $id );
        foreach ( $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%perch%' AND option_name NOT IN ('active_plugins', 'uninstall_plugins', 'recently_activated')" ) as $o ) { $options[] = "$id:$o"; }
        restore_current_blog();
      }
      echo wp_json_encode( array(
        'options' => $options,
        'network' => $wpdb->get_col( "SELECT meta_key FROM {$wpdb->sitemeta} WHERE meta_key LIKE '%perch%' AND meta_key NOT IN ('active_sitewide_plugins')" ),
        'tables' => $wpdb->get_col( "SHOW TABLES LIKE '%perch%'" ),
      ) );`),
  ) as { options: string[]; network: string[]; tables: string[] };
  assert.deepEqual(left, { options: [], network: [], tables: [] });
});
