// Settings → Perch on a real WordPress: wp-config.php constants win and lock their field, the
// bearer token is never echoed back, submitted values are sanitised, and the page configuration
// follows. With PERCH_CHILD_DIRECTED the site is child-directed: the meta tags are on every page,
// requests carry dnt=true, no cookie is stored and "Always allow" is not offered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { foreignHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startServerProcess, type Started } from '../support/processes.js';

const TOKEN = 'AAAA-secret-bearer-token-never-shown';
const POST = '1641086480675225601';

let server: Started & { url: string };
let site: WordPress;
let browser: RecordingBrowser;
let cookieHeader = '';

before(async () => {
  server = await startServerProcess([]);
  site = await startWordPress({ constants: { PERCH_X_BEARER_TOKEN: TOKEN, PERCH_CHILD_DIRECTED: true, PERCH_EMBED_SERVER: server.url } });
  cookieHeader = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
});

async function settingsPage(): Promise<string> {
  const res = await fetch(`${site.url}/wp-admin/options-general.php?page=perch`, { headers: { cookie: cookieHeader } });
  assert.equal(res.status, 200);
  return res.text();
}

describe('the settings page', () => {
  test('fields set in wp-config.php are locked and name their constant; the token is never shown', async () => {
    const html = await settingsPage();
    assert.match(html, /<input type="checkbox" id="perch_child_directed" name="perch_settings\[child_directed\]" value="1" checked='checked' disabled='disabled'>/);
    assert.match(html, /Set by PERCH_CHILD_DIRECTED in wp-config\.php\./);
    assert.match(html, /Set by PERCH_EMBED_SERVER in wp-config\.php\./);
    assert.match(html, /<input type="password" id="perch_x_bearer_token" name="perch_settings\[x_bearer_token\]" value=""/);
    assert.equal(html.includes(TOKEN), false);
    assert.match(html, /<select id="perch_theme" name="perch_settings\[theme\]">/);
  });

  test('a save is sanitised: bad values are refused, locked fields cannot be changed', async () => {
    const form = await settingsPage();
    const nonce = /name="_wpnonce" value="([^"]+)"/.exec(form)?.[1] ?? '';
    assert.notEqual(nonce, '');
    const body = new URLSearchParams({
      option_page: 'perch',
      action: 'update',
      _wpnonce: nonce,
      _wp_http_referer: '/wp-admin/options-general.php?page=perch',
      'perch_settings[theme]': 'dark',
      'perch_settings[first_party_before_consent]': '1', // checked by default, so the browser sends it
      'perch_settings[consent_mode]': 'whatever',
      'perch_settings[impressions_threshold]': '-5',
      'perch_settings[alert_levels]': '100, 25, nope, 50',
      'perch_settings[alert_recipients]': 'ops@example.com, not-an-address',
      'perch_settings[x_bearer_token]': 'attacker-token',
    });
    const res = await fetch(`${site.url}/wp-admin/options.php`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieHeader, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    assert.equal(res.status, 302);
    const saved = JSON.parse(await site.php(`echo wp_json_encode( array_map( 'perch_setting', array_combine( $k = array_keys( perch_setting_definitions() ), $k ) ) );`)) as Record<string, unknown>;
    assert.equal(saved.theme, 'dark');
    assert.equal(saved.consent_mode, 'required');
    assert.equal(saved.impressions_threshold, 10000000);
    assert.equal(saved.alert_levels, '25,50,100');
    assert.equal(saved.alert_recipients, 'ops@example.com');
    assert.equal(saved.x_bearer_token, TOKEN);
    assert.equal(saved.child_directed, true);
    const stored = await site.php(`echo wp_json_encode( get_option( 'perch_settings' ) );`);
    assert.equal(stored.includes('attacker-token'), false);
  });
});

describe('a child-directed site', () => {
  test('every page carries the meta tags and the configuration', async () => {
    const html = await (await fetch(`${site.url}/`)).text();
    assert.match(html, /<meta name="twitter:dnt" content="on">/);
    assert.match(html, /<meta name="perch:child-directed" content="on">/);
    assert.match(html, /"childDirected":true/);
  });

  test('posts and their media are requested with dnt=true, nothing is stored, "Always allow" is not offered', async () => {
    const { url } = await publishPost(site, 'For children', `[tweet id="${POST}"]`);
    const html = await (await fetch(url)).text();
    // The embed server's static HTML (asked for with dnt=true) carries the opt-out on the element.
    assert.match(html, new RegExp(`<perch-tweet tweet-id="${POST}"[^>]* dnt[ >]`));
    browser.requests.length = 0;
    const { page, context } = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction((id) => document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST, { timeout: 20000 });
    const toServer = browser.requests.filter((u) => u.startsWith(`${server.url}/v1/`));
    assert.ok(toServer.length > 0, 'the post\'s media came through the embed server');
    for (const u of toServer) assert.equal(new URL(u).searchParams.get('dnt'), 'true', u);
    const policy = await page.evaluate(() => (window as unknown as { perch?: { policy(): { childDirected: boolean; stored: boolean } } }).perch?.policy());
    assert.equal(policy?.childDirected, true);
    const text = await page.evaluate(() => document.body.innerText + [...document.querySelectorAll('*')].map((e) => e.shadowRoot?.textContent ?? '').join(' '));
    assert.doesNotMatch(text, /Always allow/i);
    assert.deepEqual(await context.cookies(), []);
    assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
    await context.close();
    assert.deepEqual(foreignHosts(browser.requests), []);
  });
});
