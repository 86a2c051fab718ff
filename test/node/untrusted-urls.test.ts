/**
 * A post whose URLs are hostile (a `javascript:` avatar, photos off X's media hosts, a link to
 * `javascript:`) is made safe at the normalizer, renders statically without error, and its
 * oEmbed fallback links what the widget links.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeXApi, type FakeXApi } from '../support/fake-x-api.js';
import { renderTweetHtml } from '../../src/render/render-tweet.js';
import { DEFAULT_AVATAR_URL } from '../../src/data/safe-urls.js';
import type { Post, PostResult } from '../../src/data/model.js';

const HOSTILE = '1700000000000000077';
let fake: FakeXApi;
let server: RunningServer;

before(async () => {
  fake = await startFakeXApi();
  fake.addPost(
    {
      id: HOSTILE,
      text: 'Buy $PRCH now https://t.co/bad and https://t.co/good',
      author_id: '77',
      created_at: '2024-02-03T10:00:00.000Z',
      lang: 'en',
      edit_history_tweet_ids: [HOSTILE],
      attachments: { media_keys: ['3_1', '3_2', '3_3'] },
      entities: {
        cashtags: [{ start: 4, end: 9, tag: 'PRCH' }],
        urls: [
          { start: 14, end: 30, url: 'https://t.co/bad', expanded_url: 'javascript:alert(1)', display_url: 'javascript:alert(1)' },
          { start: 35, end: 52, url: 'https://t.co/good', expanded_url: 'https://example.com/story', display_url: 'example.com/story' },
        ],
      },
    },
    {
      users: [{ id: '77', name: 'Mallory', username: 'mallory', profile_image_url: 'javascript:alert(document.domain)' }],
      media: [
        { media_key: '3_1', type: 'photo', url: 'javascript:alert(2)', width: 600, height: 400 },
        { media_key: '3_2', type: 'photo', url: 'https://evil.example/tracker.jpg', width: 600, height: 400 },
        { media_key: '3_3', type: 'photo', url: 'https://pbs.twimg.com/media/ok.jpg', width: 600, height: 400 },
      ],
    },
  );
  server = await startServer({ port: 0, upstream: 'x-api-v2', bearerToken: fake.token, xApiBaseUrl: fake.url, logLevel: 'silent', serveDemo: false });
});
after(async () => {
  await server.close();
  await fake.close();
});

test('the normalizer drops non-http(s) and off-host media URLs and unsafe links', async () => {
  const res = await fetch(`${server.url}/v1/tweets/${HOSTILE}`);
  const text = await res.text();
  assert.equal(res.status, 200);
  assert.doesNotMatch(text, /javascript:|evil\.example/);
  const post = JSON.parse(text) as Post;
  assert.equal(post.author.avatarUrl, DEFAULT_AVATAR_URL);
  assert.deepEqual(post.media.map((m) => m.type === 'photo' && m.url), ['https://pbs.twimg.com/media/ok.jpg']);
  const bad = post.text.entities.find((e) => e.type === 'url' && e.url === 'https://t.co/bad');
  assert.equal(bad?.type === 'url' && bad.expandedUrl, 'https://t.co/bad');
});

test('/v1/render/tweet/:id renders the hostile post without a 500 and without its hostile URLs', async () => {
  const res = await fetch(`${server.url}/v1/render/tweet/${HOSTILE}`);
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /Mallory/);
  assert.doesNotMatch(html, /javascript:|evil\.example/);
});

test('static rendering never throws, whatever the model holds: a bad model renders as a tombstone', async () => {
  const good = (await (await fetch(`${server.url}/v1/tweets/${HOSTILE}`)).json()) as Post;
  const hostile = { ...good, author: { ...good.author, avatarUrl: 'javascript:alert(1)' } };
  const out = await renderTweetHtml(hostile);
  assert.doesNotMatch(out, /javascript:/);
  for (const broken of [{ kind: 'post', version: 1, id: '5' }, { ...good, media: [{ type: 'photo', url: 'data:image/svg+xml,<svg>', width: 0, height: 0 }] }, { ...good, counts: { likes: -1 } }]) {
    const html = await renderTweetHtml(broken as unknown as PostResult);
    assert.match(html, /<perch-tweet /);
    assert.doesNotMatch(html, /data:image|<svg>/);
  }
});

test('the oEmbed fallback links the entities the widget links: cashtags, and links by their display form', async () => {
  const res = await fetch(`${server.url}/oembed?url=${encodeURIComponent(`https://x.com/mallory/status/${HOSTILE}`)}`);
  const { html } = (await res.json()) as { html: string };
  assert.match(html, /<a href="https:\/\/twitter\.com\/search\?q=%24PRCH&amp;src=ctag&amp;ref_src=twsrc%5Etfw">\$PRCH<\/a>/);
  assert.match(html, /<a href="https:\/\/t\.co\/good">example\.com\/story<\/a>/);
  assert.match(html, /<a href="https:\/\/t\.co\/bad">https:\/\/t\.co\/bad<\/a>/);
  assert.doesNotMatch(html, /javascript:/);
});
