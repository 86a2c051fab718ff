// Consent through the WP Consent API on a real WordPress: the plugin registers with the API and
// declares its cookie; in the browser, marketing consent denied keeps every post behind the
// placeholder with nothing requested (posts-before-consent turned off), and granting it through
// the API loads the post at once. The privacy-policy guide carries the plugin's suggested text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { publishPost, startWordPress, type WordPress } from './harness.js';
import { foreignHosts, startBrowser, type RecordingBrowser } from './browser.js';
import { startServerProcess, type Started } from '../support/processes.js';

const POST = '1641086480675225601';

let server: Started & { url: string };
let site: WordPress;
let browser: RecordingBrowser;

before(async () => {
  server = await startServerProcess([]);
  site = await startWordPress({
    constants: { PERCH_EMBED_SERVER: server.url, PERCH_FIRST_PARTY_BEFORE_CONSENT: false },
    extraPlugins: { 'wp-consent-api': join(import.meta.dirname, 'plugins/wp-consent-api') },
  });
  browser = await startBrowser();
});

after(async () => {
  await browser?.close();
  await site?.stop();
  await server?.stop();
});

test('the plugin registers with the WP Consent API and declares perch_consent', async () => {
  const out = JSON.parse(await site.php(`echo wp_json_encode( array( 'cookie' => $GLOBALS['wp_consent_api_cookies']['perch_consent'] ?? null, 'registered' => apply_filters( 'wp_consent_api_registered_perch/perch.php', false ) ) );`)) as { cookie: { category: string } | null; registered: boolean };
  assert.equal(out.registered, true);
  assert.equal(out.cookie?.category, 'functional');
});

test('marketing consent denied: the placeholder shows and nothing is requested; granted: the post loads', async () => {
  const { url } = await publishPost(site, 'Consent', `[tweet id="${POST}"]`);
  browser.requests.length = 0;
  const { page, context } = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('[part="consent"]') != null, undefined, { timeout: 20000 });
  // The placeholder shows while the Consent API's answer is pending, and stays once it says no.
  await page.waitForFunction(() => (window as unknown as { perch?: { policy(): { content: { decidedBy: string } } } }).perch?.policy().content.decidedBy === 'wp-consent');
  const policy = await page.evaluate(() => (window as unknown as { perch: { policy(): { content: { granted: boolean; decidedBy: string } } } }).perch.policy());
  assert.deepEqual(policy.content, { granted: false, decidedBy: 'wp-consent' });
  assert.equal(await page.evaluate(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('[part="consent"]') != null), true);
  assert.deepEqual(browser.requests.filter((u) => u.startsWith(server.url)), [], 'nothing asked of the embed server');
  assert.deepEqual(foreignHosts(browser.requests), []);

  await page.evaluate(() => (window as unknown as { wp_set_consent(c: string, v: string): void }).wp_set_consent('marketing', 'allow'));
  await page.waitForFunction((id) => document.querySelector(`perch-tweet[tweet-id="${id}"]`)?.shadowRoot?.textContent?.includes('View Flattening') === true, POST, { timeout: 20000 });
  assert.deepEqual((await context.cookies()).map((c) => c.name), ['wp_consent_marketing'], 'Perch stores nothing of its own');
  await context.close();
  assert.deepEqual(foreignHosts(browser.requests), []);
});

test('the privacy-policy guide offers the plugin\'s text', async () => {
  const cookie = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const html = await (await fetch(`${site.url}/wp-admin/privacy-policy-guide.php`, { headers: { cookie } })).text();
  assert.match(html, /Embedded content from X \(Twitter\)/);
  assert.match(html, /perch_consent/);
});
