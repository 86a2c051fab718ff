// The admin side on a real WordPress: the impressions page (chart, projection, top posts) and
// dashboard widget read the collector's daily totals, Site Health reports the threshold state,
// and uninstalling leaves nothing behind (options, post meta, transients, tables, cron events).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { php, publishPost, startWordPress, type WordPress } from './harness.js';

const POST = '1641086480675225601';

let site: WordPress;
let cookie = '';

before(async () => {
  site = await startWordPress();
  cookie = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
});

after(async () => {
  await site?.stop();
});

async function admin(path: string): Promise<string> {
  const res = await fetch(`${site.url}/wp-admin/${path}`, { headers: { cookie } });
  assert.equal(res.status, 200, path);
  return res.text();
}

test('with no collector table yet the page says so instead of failing', async () => {
  await site.php(`global $wpdb; $wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}perch_impressions" );`);
  const html = await admin('index.php?page=perch-impressions');
  assert.match(html, /No impressions recorded yet\./);
  assert.match(html, /Today \(UTC\): 0 impressions/);
  assert.deepEqual(site.pluginErrors(), []);
});

test('the page, the widget and Site Health read the daily totals', async () => {
  await site.php(`global $wpdb;
    $t = $wpdb->prefix . 'perch_impressions';
    $wpdb->query( "CREATE TABLE IF NOT EXISTS $t ( day date NOT NULL, kind varchar(16) NOT NULL, type varchar(16) NOT NULL, post_id varchar(64) NOT NULL, count bigint unsigned NOT NULL DEFAULT 0, PRIMARY KEY (day, kind, type, post_id) )" );
    $today = gmdate( 'Y-m-d' ); $yesterday = gmdate( 'Y-m-d', time() - DAY_IN_SECONDS );
    foreach ( array( array( $today, 'post', 'rendered', ${php(POST)}, 7000 ), array( $today, 'post', 'viewable', ${php(POST)}, 5000 ), array( $today, 'post', 'rendered', '20', 500 ), array( $yesterday, 'post', 'rendered', '20', 90000 ) ) as $r ) {
      $wpdb->insert( $t, array( 'day' => $r[0], 'kind' => $r[1], 'type' => $r[2], 'post_id' => $r[3], 'count' => $r[4] ) );
    }
    update_option( 'perch_settings', array( 'impressions_threshold' => 10000, 'alert_levels' => '50,80,100' ) );`);
  const page = await admin('index.php?page=perch-impressions');
  assert.match(page, /Today \(UTC\): 7,500 impressions, projected [\d,]+ by the end of the day/);
  assert.match(page, /<svg class="perch-impressions-chart"/);
  assert.equal((page.match(/<rect /g) ?? []).length, 30);
  const top = /<table class="widefat striped perch-top">.*?<\/table>/s.exec(page)?.[0] ?? '';
  assert.ok(top.indexOf('>20<') < top.indexOf(`>${POST}<`), 'most shown first');
  assert.match(top, /<td>90,500<\/td>/);
  assert.match(await admin('index.php'), /Today: 7,500 impressions/);
  const health = JSON.parse(await site.php(`echo wp_json_encode( array( perch_health_threshold()['status'], perch_health_endpoint()['status'], perch_health_consent()['status'] ) );`)) as string[];
  assert.equal(health[0], 'critical', 'at least 7,500 today against 10,000 projects over the threshold');
  assert.equal(health[2], 'recommended');
});

test('crossing alert levels sends one e-mail per run, none again the same day; the check is on WP-Cron', async () => {
  const run = `$mails = array();
    add_filter( 'pre_wp_mail', function ( $r, $atts ) use ( &$mails ) { $mails[] = array( $atts['to'], $atts['subject'] ); return true; }, 10, 2 );
    $levels = perch_check_alerts();
    echo wp_json_encode( array( 'levels' => $levels, 'mails' => $mails, 'scheduled' => (bool) wp_next_scheduled( 'perch_impressions_alerts' ) ) );`;
  await site.php(`$s = get_option( 'perch_settings' ); $s['alert_recipients'] = 'ops@example.com'; update_option( 'perch_settings', $s );`);
  const first = JSON.parse(await site.php(run)) as { levels: number[]; mails: Array<[string, string]>; scheduled: boolean };
  assert.deepEqual(first.levels, [50, 80, 100]);
  assert.equal(first.mails.length, 1);
  assert.equal(first.mails[0]?.[0], 'ops@example.com');
  assert.match(first.mails[0]?.[1] ?? '', /X embeds: 100% of the daily impressions threshold/);
  assert.equal(first.scheduled, true);
  const again = JSON.parse(await site.php(run)) as { levels: number[]; mails: unknown[] };
  assert.deepEqual(again, { levels: [], mails: [], scheduled: true });
});

test('uninstalling removes options, post meta, transients, tables and cron events', async () => {
  const { id } = await publishPost(site, 'Kids', '<p>x</p>');
  await site.php(`update_post_meta( ${id}, 'perch_child_directed', '1' );
    set_transient( 'perch_plain_123', array( 'kind' => 'post' ), 3600 );
    wp_schedule_event( time() + 3600, 'hourly', 'perch_revalidate_posts' );
    deactivate_plugins( 'perch/perch.php' );
    uninstall_plugin( 'perch/perch.php' );`);
  const left = JSON.parse(
    await site.php(`global $wpdb;
      $cron = array();
      foreach ( _get_cron_array() ?: array() as $events ) { foreach ( array_keys( $events ) as $h ) { if ( str_starts_with( $h, 'perch_' ) ) { $cron[] = $h; } } }
      echo wp_json_encode( array(
        'options' => $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%perch%' AND option_name NOT IN ('active_plugins', 'uninstall_plugins', 'recently_activated')" ),
        'meta' => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE 'perch%'" ),
        'tables' => $wpdb->get_col( "SHOW TABLES LIKE '%perch%'" ),
        'cron' => $cron,
      ) );`),
  ) as { options: string[]; meta: number; tables: string[]; cron: string[] };
  assert.deepEqual(left, { options: [], meta: 0, tables: [], cron: [] });
});
