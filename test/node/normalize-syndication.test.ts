import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { parsePostResult } from '../../src/data/validate-model.js';
import { PayloadError } from '../../src/data/errors.js';
import type { Post, PostResult } from '../../src/data/model.js';
import { plainPostText, segmentPostText } from '../../src/text/segments.js';

const DIR = 'fixtures/syndication';
const load = (file: string): unknown => JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8'));
const post = (file: string): Post => {
  const r = normalizeSyndication(load(file), { id: '1620000000000000001' });
  assert.equal(r.kind, 'post', file);
  return r as Post;
};
const slice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');

test('every fixture normalizes, and the result passes the model validator unchanged', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 13);
  for (const file of files) {
    const result: PostResult = normalizeSyndication(load(file), { id: '1620000000000000001' });
    const roundTrip = parsePostResult(JSON.parse(JSON.stringify(result)));
    assert.deepEqual(roundTrip, result, file);
  }
});

test('entity ranges count code points (a leading emoji does not shift them)', () => {
  const p = post('card-summary-large-image.json');
  assert.ok(p.text.text.startsWith('📰'));
  for (const e of p.text.entities) {
    const covered = slice(p.text.text, e.start, e.end);
    if (e.type === 'mention') assert.equal(covered, '@' + e.handle);
    if (e.type === 'url') assert.equal(covered, e.url);
  }
  assert.ok(p.text.entities.some((e) => e.type === 'mention' && e.handle === 'reactjs'));
});

test('hashtags, mentions and URLs become links; URLs show their display form and point to the expanded URL', () => {
  const q = post('quote-tweet.json');
  const segs = segmentPostText(q.text);
  assert.deepEqual(segs[0], { kind: 'hashtag', text: '#ReactNative', href: 'https://x.com/hashtag/ReactNative' });
  const photo = post('photo-entities.json');
  const url = segmentPostText(photo.text).find((s) => s.kind === 'url');
  assert.ok(url && url.kind === 'url');
  assert.ok(url.text.endsWith('…'));
  assert.ok(url.href.startsWith('https://github.com/'));
});

test('the trailing media link is dropped from the visible text', () => {
  const p = post('photo-entities.json');
  assert.ok(p.text.text.includes('https://t.co/rQd6FIwZ0U'));
  assert.ok(!plainPostText(p.text).includes('t.co'));
  assert.equal(p.media.length, 1);
  assert.equal(p.media[0]?.type, 'photo');
});

test('HTML entities are decoded to text and entity offsets follow', () => {
  const reply = post('synthetic-reply-with-parent.json');
  assert.ok(reply.text.text.includes('"stop video" & a visible'));
  assert.ok(!reply.text.text.includes('&amp;'));
  const mention = reply.text.entities.find((e) => e.type === 'mention');
  assert.ok(mention);
  assert.equal(slice(reply.text.text, mention.start, mention.end), '@ada_example');
  // The display range skips the leading reply mention, as X shows it.
  assert.equal(plainPostText(reply.text).startsWith('A keyboard shortcut'), true);
  assert.ok(plainPostText(reply.text).endsWith('👩‍💻'));
});

test('reply context and parent post', () => {
  const reply = post('synthetic-reply-with-parent.json');
  assert.deepEqual(reply.replyTo, { handle: 'ada_example', postId: '9000000000000000002' });
  assert.equal(reply.parent?.kind, 'post');
  assert.equal(reply.parent?.kind === 'post' && reply.parent.author.name, 'Ada Example');
});

test('quoted post with its own photo', () => {
  const q = post('quote-tweet.json');
  assert.equal(q.quoted?.kind, 'post');
  if (q.quoted?.kind !== 'post') return;
  assert.equal(q.quoted.id, '1641086480675225601');
  assert.equal(q.quoted.media[0]?.type, 'photo');
});

test('video: poster, aspect ratio, variants with type and bitrate, duration, views', () => {
  const v = post('video-variants.json');
  const video = v.media[0];
  assert.ok(video && video.type === 'video');
  assert.deepEqual(video.aspectRatio, [443, 273]);
  assert.equal(video.durationMs, 14510);
  assert.equal(video.variants.length, 4);
  assert.ok(video.variants.some((x) => x.contentType === 'application/x-mpegURL' && x.bitrate === undefined));
  assert.ok(video.variants.some((x) => x.contentType === 'video/mp4' && x.bitrate === 2176000));
  assert.equal(video.viewCount, 2655454);
  assert.equal(v.author.verified, 'blue');
});

test('GIF, four photos with alt text, poll, long post', () => {
  const gif = post('synthetic-animated-gif.json').media[0];
  assert.ok(gif && gif.type === 'gif');
  const four = post('synthetic-four-photos.json');
  assert.equal(four.media.length, 4);
  assert.ok(four.media.every((m) => m.type === 'photo' && (m.altText ?? '') !== ''));
  const poll = post('synthetic-poll-card.json').poll;
  assert.ok(poll);
  assert.deepEqual(poll.options.map((o) => o.votes), [412, 688, 97]);
  assert.equal(poll.totalVotes, 1197);
  assert.equal(poll.status, 'closed');
  const long = post('synthetic-long-post.json');
  assert.ok(long.longText);
  assert.ok(Array.from(long.longText.text).length > 280);
  const tag = long.longText.entities.find((e) => e.type === 'hashtag');
  assert.ok(tag && slice(long.longText.text, tag.start, tag.end) === '#performance');
});

test('link cards: title, domain, image with alt text; affiliation badge', () => {
  const c = post('card-summary-large-image-alt-text.json').card;
  assert.ok(c);
  assert.equal(c.kind, 'summary_large_image');
  assert.ok(c.image?.altText);
  assert.equal(post('card-summary-large-image.json').card?.domain, 'react.dev');
  assert.equal(post('card-audiospace.json').card?.kind, 'audiospace');
  const a = post('plain-text-affiliate-badge.json').author;
  assert.equal(a.affiliation?.label, 'Bun');
});

test('the recorded tombstone says why, under the id that was asked for', () => {
  const t = normalizeSyndication(load('tombstone-deleted.json'), { id: '1620000000000000001' });
  assert.deepEqual([t.kind, t.id, t.kind === 'tombstone' && t.reason], ['tombstone', '1620000000000000001', 'deleted']);
  assert.throws(() => normalizeSyndication(load('tombstone-deleted.json')), PayloadError);
});

test('malformed payloads give a typed error naming the path, never a half post', () => {
  const good = load('quote-tweet.json') as Record<string, unknown>;
  const cases: Array<[unknown, RegExp]> = [
    [null, /^\$: /],
    ['<html>', /^\$: /],
    [{ ...good, id_str: 'abc' }, /\$\.id_str/],
    [{ ...good, user: undefined }, /\$\.user/],
    [{ ...good, text: 42 }, /\$\.text/],
    [{ ...good, created_at: 'yesterday' }, /created_at/],
    [{ ...good, entities: { hashtags: [{ indices: [0, 9999], text: 'x' }] } }, /hashtags\[0\]\.indices/],
    [{ ...good, entities: { hashtags: [{ indices: [5, 2], text: 'x' }] } }, /indices/],
    [{ ...good, mediaDetails: [{ type: 'hologram', original_info: { width: 1, height: 1 }, media_url_https: 'https://pbs.twimg.com/x' }] }, /unsupported media type/],
    [{ ...good, __typename: 'TweetUnavailable' }, /__typename/],
  ];
  for (const [payload, pattern] of cases) {
    assert.throws(() => normalizeSyndication(payload), (e: unknown) => e instanceof PayloadError && pattern.test(e.message), String(pattern));
  }
});

test('the model validator rejects unsafe or inconsistent objects', () => {
  const p = post('quote-tweet.json');
  const bad = (mutate: (o: Record<string, unknown>) => void): unknown => {
    const o = JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    mutate(o);
    return o;
  };
  assert.throws(() => parsePostResult(bad((o) => (o.version = 99))), /version/);
  assert.throws(() => parsePostResult(bad((o) => (o.url = 'javascript:alert(1)'))), /url/);
  assert.throws(() => parsePostResult(bad((o) => ((o.author as Record<string, unknown>).avatarUrl = 'data:text/html,x'))), /avatarUrl/);
  assert.throws(() => parsePostResult(bad((o) => ((o.text as Record<string, unknown>).displayRange = [0, 5000]))), /displayRange/);
  assert.throws(() => parsePostResult({ kind: 'tombstone', version: 1, id: '1', reason: 'vanished' }), /reason/);
});
