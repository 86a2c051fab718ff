import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api.js';

const PHOTO = '1641086480675225601';
const EVIL = '1700000000000000001';
const PUBLIC = 'https://embed.example.com';

let fake: FakeXApi;
let server: RunningServer;

before(async () => {
  fake = await startFakeXApi();
  fake.addPost(
    {
      id: EVIL,
      text: 'Tom &amp; Jerry say &lt;script&gt;alert("x")&lt;/script&gt; \'hi\'\nsecond line https://t.co/abc #tag',
      author_id: '66',
      created_at: '2024-02-03T10:00:00.000Z',
      lang: 'en',
      edit_history_tweet_ids: [EVIL],
      entities: {
        urls: [{ start: 77, end: 93, url: 'https://t.co/abc', expanded_url: 'https://example.com/?a=1&b=<2>', display_url: 'example.com/?a=1&b=<2>' }],
        hashtags: [{ start: 94, end: 98, tag: 'tag' }],
      },
    },
    { users: [{ id: '66', name: 'Evil <b>"Name"</b> & Co', username: 'evil_co', profile_image_url: 'https://pbs.twimg.com/profile_images/1/e_normal.jpg' }] },
  );
  server = await startServer({ port: 0, upstream: 'x-api-v2', bearerToken: fake.token, xApiBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, publicUrl: PUBLIC });
});
after(async () => {
  await server.close();
  await fake.close();
});

interface Oembed {
  type: string;
  version: string;
  html: string;
  width: number;
  height: number;
  url: string;
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  error: { code: string; message: string; param?: string };
}
const oembed = async (query: string): Promise<{ status: number; body: Oembed; headers: Headers }> => {
  const res = await fetch(`${server.url}/oembed?${query}`);
  return { status: res.status, body: (await res.json()) as Oembed, headers: res.headers };
};
const forUrl = (url: string, extra = ''): Promise<{ status: number; body: Oembed; headers: Headers }> => oembed(`url=${encodeURIComponent(url)}${extra}`);

test('answers a rich oEmbed response for an x.com post URL', async () => {
  const { status, body, headers } = await forUrl(`https://x.com/SamuelSusla/status/${PHOTO}`);
  assert.equal(status, 200);
  assert.match(headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(headers.get('x-content-type-options'), 'nosniff');
  const { html, height, ...rest } = body;
  // X answers null; Perch estimates the post's height (a photo post with two paragraphs, 550 px wide).
  assert.ok(height > 450 && height < 900, `height ${height}`);
  assert.deepEqual(rest, {
    type: 'rich',
    version: '1.0',
    width: 550,
    url: `https://twitter.com/SamuelSusla/status/${PHOTO}`,
    author_name: 'sammy',
    author_url: 'https://twitter.com/SamuelSusla',
    provider_name: 'X',
    provider_url: 'https://x.com',
    cache_age: 86400,
  });
  assert.match(html, new RegExp(`^<perch-tweet tweet-id="${PHOTO}" style="--perch-reserve-auto:${height}px"><blockquote class="twitter-tweet"><p lang="en" dir="auto">If you are interested about View Flattening in React Native, I wrote a short post about it: <a href="https://t.co/4G6RAMfrHy">github.com/reactwg/react-…</a><br><br>Let me know what you think!</p>&mdash; sammy \\(@SamuelSusla\\) <a href="https://twitter.com/SamuelSusla/status/${PHOTO}\\?ref_src=twsrc%5Etfw">March 29, 2023</a></blockquote></perch-tweet>`));
  assert.ok(html.endsWith(`\n<script async src="${PUBLIC}/dist/cdn/perch.js" charset="utf-8"></script>\n`));
});

test('accepts twitter.com, www., mobile., trailing ?ref_src, /photo/1 and http links to the same post', async () => {
  for (const url of [
    `https://twitter.com/SamuelSusla/status/${PHOTO}`,
    `https://www.twitter.com/SamuelSusla/status/${PHOTO}?ref_src=twsrc%5Etfw`,
    `https://mobile.twitter.com/SamuelSusla/status/${PHOTO}`,
    `https://mobile.x.com/SamuelSusla/status/${PHOTO}/photo/1`,
    `https://www.x.com/i/web/status/${PHOTO}`,
    `http://x.com/SamuelSusla/statuses/${PHOTO}`,
  ]) {
    const r = await forUrl(url);
    assert.equal(r.status, 200, url);
    assert.ok(r.body.html.startsWith(`<perch-tweet tweet-id="${PHOTO}"`), url);
  }
});

test("X's parameters map to <perch-tweet> attributes; maxwidth is clamped to 250–550", async () => {
  const url = `https://x.com/SamuelSusla/status/${PHOTO}`;
  const r = await forUrl(url, '&maxwidth=325&hide_media=true&hide_thread=1&align=center&lang=fr&theme=dark&dnt=true&omit_script=true');
  assert.equal(r.status, 200);
  assert.equal(r.body.width, 325);
  const open = /^<perch-tweet[^>]*>/.exec(r.body.html)?.[0] ?? '';
  assert.equal(open, `<perch-tweet tweet-id="${PHOTO}" theme="dark" align="center" lang="fr" width="325" dnt hide-cards hide-thread style="--perch-reserve-auto:${r.body.height}px">`);
  // Narrower means more lines of text and a smaller photo: the reserved height follows the width.
  assert.notEqual(r.body.height, (await forUrl(url)).body.height);
  assert.match(r.body.html, /<blockquote class="twitter-tweet" data-theme="dark" data-dnt="true" data-cards="hidden" data-conversation="none" data-align="center" data-width="325">/);
  assert.match(r.body.html, /29 mars 2023/, 'date in the requested language');
  assert.ok(!r.body.html.includes('<script'), 'omit_script leaves the script out');
  assert.equal((await forUrl(url, '&maxwidth=100')).body.width, 250);
  assert.equal((await forUrl(url, '&maxwidth=9000')).body.width, 550);
  assert.ok(!(await forUrl(url, '&align=none')).body.html.includes('align='));
  assert.ok(!(await forUrl(url, '&hide_media=false&hide_thread=0')).body.html.includes('cards='));
});

test('post text, author name and links are HTML-escaped', async () => {
  const r = await forUrl(`https://x.com/evil_co/status/${EVIL}`);
  assert.equal(r.status, 200);
  const html = r.body.html;
  assert.ok(!html.includes('<script>alert'), 'no markup from the text');
  assert.ok(!html.includes('<b>'), 'no markup from the name');
  assert.match(html, /Tom &amp; Jerry say &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &#39;hi&#39;<br>second line <a href="https:\/\/t\.co\/abc">example\.com\/\?a=1&amp;b=&lt;2&gt;<\/a> <a href="https:\/\/twitter\.com\/hashtag\/tag\?src=hash&amp;ref_src=twsrc%5Etfw">#tag<\/a><\/p>/);
  assert.match(html, /&mdash; Evil &lt;b&gt;&quot;Name&quot;&lt;\/b&gt; &amp; Co \(@evil_co\)/);
  assert.equal(r.body.author_name, 'Evil <b>"Name"</b> & Co', 'JSON fields carry the plain name');
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'only Perch’s own script tag');
});

test('bad, foreign and unknown URLs get JSON errors naming the problem', async () => {
  const cases: Array<[string, number, string]> = [
    ['', 400, 'missing-url'],
    ['url=not%20a%20url', 400, 'invalid-url'],
    [`url=${encodeURIComponent('javascript:alert(1)')}`, 400, 'invalid-url'],
    [`url=${encodeURIComponent(`https://evil.example/SamuelSusla/status/${PHOTO}`)}`, 404, 'unsupported-url'],
    [`url=${encodeURIComponent(`https://x.com.evil.example/u/status/${PHOTO}`)}`, 404, 'unsupported-url'],
    [`url=${encodeURIComponent(`https://user@x.com/u/status/${PHOTO}`)}`, 404, 'unsupported-url'],
    [`url=${encodeURIComponent('https://x.com/SamuelSusla')}`, 404, 'unsupported-url'],
    [`url=${encodeURIComponent('https://x.com/u/status/12ab')}`, 404, 'unsupported-url'],
    [`url=${encodeURIComponent('https://x.com/u/status/1276230436478386177')}`, 404, 'not-found'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&maxwidth=wide`, 400, 'invalid-maxwidth'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&theme=pink`, 400, 'invalid-theme'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&align=middle`, 400, 'invalid-align'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&lang=${encodeURIComponent('<x>')}`, 400, 'invalid-lang'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&dnt=maybe`, 400, 'invalid-dnt'],
    [`url=${encodeURIComponent(`https://x.com/u/status/${PHOTO}`)}&format=xml`, 501, 'format-not-implemented'],
  ];
  for (const [query, status, code] of cases) {
    const r = await oembed(query);
    assert.equal(r.status, status, query);
    assert.equal(r.body.error.code, code, query);
    assert.ok(r.body.error.message.length > 10, query);
    assert.equal(r.headers.get('cache-control'), 'no-store', query);
  }
});

test('a post X says is protected is not embedded (403 naming the reason)', async () => {
  fake.fail('1576994746135764992', 'not-authorized');
  const r = await forUrl('https://x.com/wongmjane/status/1576994746135764992');
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'post-protected');
});

test('with the built-in data (no credentials) oEmbed works too, and the script points at the listening URL', async () => {
  const local = await startServer({ port: 0, logLevel: 'silent', serveDemo: false });
  try {
    const res = await fetch(`${local.url}/oembed?url=${encodeURIComponent('https://twitter.com/i/status/9000000000000000001')}`);
    const body = (await res.json()) as Oembed;
    assert.equal(res.status, 200);
    assert.match(body.html, /A keyboard shortcut for &quot;stop video&quot; &amp; a visible focus ring/);
    assert.ok(body.html.includes(`<script async src="${local.url}/dist/cdn/perch.js"`));
  } finally {
    await local.close();
  }
});
