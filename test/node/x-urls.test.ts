// Which post, profile or list an X link names: one parser for pasted markup, twttr.widgets,
// the buttons' page defaults and the oEmbed endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xPostUrl, xProfileUrl, xTimelineUrl } from '../../src/data/x-urls.js';

test('post links: handle and id, from every form X uses', () => {
  assert.deepEqual(xPostUrl('https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw'), { id: '20', handle: 'jack' });
  assert.deepEqual(xPostUrl('https://mobile.twitter.com/i/web/status/123'), { id: '123', handle: undefined });
  assert.deepEqual(xPostUrl('https://x.com/jack/statuses/55/photo/1#top'), { id: '55', handle: 'jack' });
  assert.deepEqual(xPostUrl('http://www.x.com/jack/status/55/video/1/'), { id: '55', handle: 'jack' });
});

test('post links elsewhere, with a port or credentials, or not to a post, name nothing', () => {
  for (const href of [
    'https://evil.example/jack/status/20',
    'https://x.com.evil.example/jack/status/20',
    'https://x.com:8443/jack/status/20',
    'https://user@x.com/jack/status/20',
    'javascript://x.com/jack/status/20',
    'https://x.com/jack',
    'https://x.com/jack/status/20/likes',
    'not a url',
  ]) {
    assert.equal(xPostUrl(href), undefined, href);
  }
});

test('profile links give the screen name; other paths give nothing', () => {
  assert.equal(xProfileUrl('https://x.com/TwitterDev'), 'TwitterDev');
  assert.equal(xProfileUrl('https://twitter.com/TwitterDev/?lang=en'), 'TwitterDev');
  assert.equal(xProfileUrl('https://twitter.com/TwitterDev/status/1'), undefined);
  assert.equal(xProfileUrl('https://example.com/TwitterDev'), undefined);
});

test('timeline links: a profile, a list by owner and slug, a list by id', () => {
  assert.deepEqual(xTimelineUrl('https://twitter.com/TwitterDev'), { type: 'profile', screenName: 'TwitterDev' });
  assert.deepEqual(xTimelineUrl('https://twitter.com/TwitterDev/lists/national-parks?ref_src=x'), { type: 'list', ownerScreenName: 'TwitterDev', slug: 'national-parks' });
  assert.deepEqual(xTimelineUrl('https://x.com/i/lists/1234567890'), { type: 'list', listId: '1234567890' });
  assert.equal(xTimelineUrl('https://x.com/TwitterDev/status/20'), undefined);
  assert.equal(xTimelineUrl('https://example.com/TwitterDev'), undefined);
});
