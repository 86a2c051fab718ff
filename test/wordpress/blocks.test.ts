// Perch's blocks on a real WordPress 6.1.9: each block renders its element on the front end with
// the attributes set in the editor, and the editor's preview (the block renderer) is the same markup.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishPost, startWordPress, type WordPress } from './harness.js';

const POST = '1641086480675225601';

const BLOCKS: Array<[string, Record<string, unknown>, RegExp]> = [
  ['post', { url: `https://x.com/SamuelSusla/status/${POST}`, hideCards: true, hideThread: true, theme: 'dark', width: 400 }, new RegExp(`<perch-tweet tweet-id="${POST}" width="400" hide-cards hide-thread theme="dark"[ >]`)],
  ['timeline', { url: 'https://x.com/TwitterDev/lists/perch-demo', tweetLimit: 3, liveRegion: 'assertive' }, /<perch-timeline owner-screen-name="TwitterDev" slug="perch-demo" tweet-limit="3" live-region="assertive"><a /],
  ['video', { tweetId: '1684218600456876032', autoplay: 'in-view' }, /<perch-video tweet-id="1684218600456876032" autoplay="in-view">/],
  ['share', { text: 'Read this', hashtags: 'news,perch', size: 'large' }, /<perch-share-button text="Read this" hashtags="news,perch" size="large"><\/perch-share-button>/],
  ['follow', { screenName: '@TwitterDev', hideScreenName: true }, /<perch-follow-button screen-name="TwitterDev" hide-screen-name><\/perch-follow-button>/],
  ['mention', { screenName: 'TwitterDev', text: 'Hello' }, /<perch-mention-button screen-name="TwitterDev" text="Hello"><\/perch-mention-button>/],
  ['hashtag', { hashtag: '#perch', url: 'https://news.example/' }, /<perch-hashtag-button hashtag="perch" url="https:\/\/news\.example\/"><\/perch-hashtag-button>/],
  ['consent-settings', {}, /<perch-consent-settings><\/perch-consent-settings>/],
];

let site: WordPress;
let cookie = '';

before(async () => {
  site = await startWordPress();
  cookie = (await site.loginCookies()).map((c) => `${c.name}=${c.value}`).join('; ');
});

after(async () => {
  await site?.stop();
});

test('every block renders its element with the editor\'s attributes', async () => {
  const content = BLOCKS.map(([name, attrs]) => `<!-- wp:perch/${name} ${JSON.stringify(attrs)} /-->`).join('\n\n');
  const { url } = await publishPost(site, 'Blocks', content);
  const html = await (await fetch(url)).text();
  for (const [name, , expected] of BLOCKS) assert.match(html, expected, name);
  assert.deepEqual(site.pluginErrors(), []);
});

test('the editor preview is the front end\'s markup', async () => {
  const nonceHtml = await (await fetch(`${site.url}/wp-admin/post-new.php`, { headers: { cookie } })).text();
  const nonce = /wpApiSettings = \{[^}]*"nonce":"([0-9a-f]+)"/.exec(nonceHtml)?.[1] ?? /wp\.apiFetch\.createNonceMiddleware\( "([0-9a-f]+)" \)/.exec(nonceHtml)?.[1] ?? '';
  assert.notEqual(nonce, '', 'REST nonce found in the editor page');
  for (const [name, attrs, expected] of BLOCKS) {
    const query = new URLSearchParams({ context: 'edit' });
    for (const [k, v] of Object.entries(attrs)) query.set(`attributes[${k}]`, String(v));
    const res = await fetch(`${site.url}/wp-json/wp/v2/block-renderer/perch/${name}?${query.toString()}`, { headers: { cookie, 'x-wp-nonce': nonce } });
    assert.equal(res.status, 200, `${name}: ${await res.clone().text()}`);
    const { rendered } = (await res.json()) as { rendered: string };
    assert.match(rendered, expected, name);
  }
});

test('the editor page loads the blocks\' script and Perch\'s loader from the plugin', async () => {
  const html = await (await fetch(`${site.url}/wp-admin/post-new.php`, { headers: { cookie } })).text();
  assert.match(html, /wp-content\/plugins\/perch\/blocks\/editor\.js/);
  assert.match(html, /wp-content\/plugins\/perch\/assets\/perch\.js/);
  assert.match(html, /perch\\?\/post/);
});
