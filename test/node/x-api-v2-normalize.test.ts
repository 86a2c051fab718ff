import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { normalizeXApiV2Lookup, normalizeXApiV2Timeline, tombstoneReasonForError } from '../../server/normalize/normalize-x-api-v2.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { parsePostResult } from '../../src/data/validate-model.js';
import type { Post, PostResult } from '../../src/data/model.js';
import { PayloadError } from '../../src/data/errors.js';
import { V2_TWINS } from '../support/fake-x-api.js';

/**
 * What a v2 post and its syndication twin disagree on, as `field: v2 ≠ syndication` lines,
 * over what both sources carry: text, entities, display range, author, media, quoted id,
 * and the counts both have.
 */
function compareTwins(v2: Post, syn: Post): string[] {
  const out: string[] = [];
  const same = (field: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${field}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  };
  same('id', v2.id, syn.id);
  same('url', v2.url, syn.url);
  same('createdAt', v2.createdAt, syn.createdAt);
  same('lang', v2.lang, syn.lang);
  same('text.text', v2.text.text, syn.text.text);
  same('text.displayRange', v2.text.displayRange, syn.text.displayRange);
  const count = Math.max(v2.text.entities.length, syn.text.entities.length);
  for (let i = 0; i < count; i++) same(`text.entities[${i}]`, v2.text.entities[i], syn.text.entities[i]);
  for (const key of ['id', 'name', 'handle', 'avatarUrl', 'avatarShape', 'verified', 'protected'] as const) same(`author.${key}`, v2.author[key], syn.author[key]);
  same('media.length', v2.media.length, syn.media.length);
  v2.media.forEach((m, i) => {
    const s = syn.media[i];
    if (s === undefined) return;
    for (const key of ['type', 'width', 'height', 'altText'] as const) same(`media[${i}].${key}`, m[key], s[key]);
    if (m.type === 'photo' && s.type === 'photo') same(`media[${i}].url`, m.url, s.url);
    if (m.type !== 'photo' && s.type !== 'photo') {
      for (const key of ['posterUrl', 'aspectRatio', 'durationMs', 'viewCount'] as const) same(`media[${i}].${key}`, m[key], s[key]);
      const sorted = (list: typeof m.variants): string[] => list.map((v) => `${v.contentType} ${v.bitrate ?? '-'} ${v.url}`).sort();
      same(`media[${i}].variants`, sorted(m.variants), sorted(s.variants));
    }
  });
  same('quoted.id', v2.quoted?.id, syn.quoted?.id);
  for (const key of ['replies', 'reposts', 'likes', 'quotes', 'views'] as const) {
    if (v2.counts[key] !== undefined && syn.counts[key] !== undefined) same(`counts.${key}`, v2.counts[key], syn.counts[key]);
  }
  same('edited', v2.edited, syn.edited);
  same('sensitive', v2.sensitive, syn.sensitive);
  return out;
}

const DIR = 'fixtures/x-api-v2';
const read = (file: string): unknown => JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8'));
const lookup = (file: string): Map<string, PostResult> => normalizeXApiV2Lookup(read(file), { now: Date.parse('2026-11-22T12:00:00Z') });
const post = (file: string, id: string): Post => {
  const r = lookup(file).get(id);
  assert.ok(r !== undefined && r.kind === 'post', `${file}: ${id} is a post`);
  return r;
};
const shown = (p: Post): string => Array.from(p.text.text).slice(...p.text.displayRange).join('');

test('every recorded v2 lookup body normalizes, and every result passes the model validator', () => {
  const files = readdirSync(DIR).filter((f) => f.startsWith('tweet') && f.endsWith('.json'));
  assert.ok(files.length >= 14);
  let posts = 0;
  for (const file of files) {
    const results = lookup(file);
    assert.ok(results.size > 0, `${file} gave results`);
    for (const [id, r] of results) {
      assert.equal(r.id, id);
      assert.deepEqual(parsePostResult(JSON.parse(JSON.stringify(r))), r, `${file}: ${id} round-trips through the validator`);
      if (r.kind === 'post') posts++;
    }
  }
  assert.ok(posts >= 14);
});

test('timeline bodies normalize with their pagination token; the supplied author is used when not expanded', () => {
  const author = { id: '2244994945', name: 'Developers', handle: 'XDevelopers', avatarUrl: 'https://pbs.twimg.com/a_normal.jpg', avatarShape: 'circle' as const, verified: 'business' as const };
  const page = normalizeXApiV2Timeline(read('user-tweets-timeline-public-metrics.json'), { author });
  assert.equal(page.posts.length, 5);
  assert.equal(page.nextToken, '7140dibdnow9c7btw3w3itbygz8uu5pbs45oy6erjc2ls');
  assert.equal(page.posts[0]?.author.handle, 'XDevelopers');
  assert.ok(page.posts.every((p) => p.counts.likes !== undefined));
  const quotes = normalizeXApiV2Timeline(read('quote-tweets-users-expansion.json'));
  assert.equal(quotes.posts.length, 15);
  assert.ok(quotes.posts.every((p) => p.author.handle !== 'i'), 'authors come from includes.users');
});

test('video: poster, every variant (bit_rate → bitrate), duration, views, aspect ratio; the trailing media link is outside the display range', () => {
  const p = post('tweets-lookup-video-variants-full-expansions.json', '1558553189766631429');
  const video = p.media[0];
  assert.ok(video !== undefined && video.type === 'video');
  assert.equal(video.posterUrl, 'https://pbs.twimg.com/ext_tw_video_thumb/1558552952549277696/pu/img/7VaQu-AvReI8RHkv.jpg');
  assert.equal(video.variants.length, 4);
  assert.deepEqual(video.variants.map((v) => v.bitrate), [256000, undefined, 2176000, 832000]);
  assert.equal(video.durationMs, 71292);
  assert.equal(video.viewCount, 19059);
  assert.deepEqual(video.aspectRatio, [16, 9]);
  assert.equal(shown(p), "She's GOING with it! 🐍", 'emoji counted as one code point; media link hidden');
  assert.equal(p.text.entities[0]?.type, 'media');
  assert.deepEqual(p.counts, { replies: 3, reposts: 13, likes: 93, quotes: 7 });
  assert.equal(p.author.name, 'Igor Brigadir 🇺🇦 @igor@mastodon.social');
  assert.equal(p.createdAt, '2022-08-13T20:36:51.000Z');
});

test('photo alt text, edit history → edited, two url entities', () => {
  const p = post('tweets-lookup-photo-alt-text-edit-history.json', '1576994746135764992');
  assert.deepEqual(p.media, [{ type: 'photo', url: 'https://pbs.twimg.com/media/FeKcHsVaUAEYpU_.jpg', width: 1536, height: 2048, altText: 'selfie of me with memoji' }]);
  assert.equal(p.edited, true);
  assert.equal(p.author.verified, 'legacy');
  assert.equal(shown(p), 'i miss y’all so much haha,,, https://t.co/glJ0r9uh9F');
});

test('quote + reply: quoted post, parent post and "replying to" come from includes; leading reply mentions are hidden', () => {
  const p = post('tweets-lookup-quote-and-reply.json', '1576995594388000768');
  assert.equal(p.quoted?.id, '1576994746135764992');
  assert.equal(p.quoted?.kind, 'post');
  assert.equal(p.parent?.id, '1576994789110992896');
  assert.deepEqual(p.replyTo, { handle: 'wongmjane', postId: '1576994789110992896' });
  assert.ok(shown(p).startsWith('Test'), shown(p));
  const mention = p.text.entities.find((e) => e.type === 'mention');
  assert.ok(mention?.type === 'mention' && mention.id === '337119125');
});

test('a reply whose parent X could not find gets a tombstone parent; Cyrillic text keeps its offsets', () => {
  const p = post('tweets-lookup-reply-parent-not-found-withheld-user.json', '506695756406095872');
  assert.deepEqual(p.parent, { kind: 'tombstone', version: 1, id: '506694458445152256', reason: 'not-found' });
  assert.equal(p.replyTo?.handle, 'ddeleteddddddd');
  const mention = p.text.entities.find((e) => e.type === 'mention');
  assert.ok(mention !== undefined);
  assert.equal(Array.from(p.text.text).slice(mention.start, mention.end).join(''), '@Barsyaka1');
  assert.ok(shown(p).startsWith('Отлично'));
});

test('cashtags, hashtags and links: every entity covers exactly its text; annotations are ignored', () => {
  const p = post('tweets-lookup-cashtags-hashtags-annotations-photo.json', '1611077073803841538');
  const points = Array.from(p.text.text);
  const cash = p.text.entities.filter((e) => e.type === 'cashtag');
  const tags = p.text.entities.filter((e) => e.type === 'hashtag');
  assert.equal(cash.length, 11);
  assert.equal(tags.length, 4);
  for (const e of p.text.entities) {
    const slice = points.slice(e.start, e.end).join('');
    if (e.type === 'cashtag') assert.equal(slice.toLowerCase(), `$${e.symbol}`.toLowerCase());
    if (e.type === 'hashtag') assert.equal(slice, `#${e.tag}`);
    if (e.type === 'url' || e.type === 'media') assert.equal(slice, e.url);
  }
  for (let i = 1; i < p.text.entities.length; i++) assert.ok((p.text.entities[i - 1]?.end ?? 0) <= (p.text.entities[i]?.start ?? 0), 'sorted, no overlap');
  assert.equal(p.media[0]?.type, 'photo');
});

test('poll from includes.polls; link preview from an unwound url entity becomes the card', () => {
  const poll = post('tweet-by-id-poll.json', '1199786642791452673').poll;
  assert.deepEqual(poll, { options: [{ label: '“C Sharp”', votes: 795 }, { label: '“C Hashtag”', votes: 156 }], totalVotes: 951, status: 'closed', endsAt: '2019-11-28T20:26:41.000Z' });
  const card = post('tweet-by-id-url-entity-unwound.json', '1275828087666679809').card;
  assert.ok(card !== undefined);
  assert.ok(card.title !== undefined && card.title.length > 0);
  assert.ok(card.image === undefined || card.image.url.startsWith('https://'));
});

test('partial errors become tombstones; an id missing from a lookup is not invented', () => {
  const partial = lookup('tweets-lookup-partial-error.json');
  assert.deepEqual(partial.get('1276230436478386177'), { kind: 'tombstone', version: 1, id: '1276230436478386177', reason: 'not-found' });
  assert.equal(partial.get('20')?.kind, 'post');
  assert.equal(lookup('tweet-by-id-not-found.json').get('1276230436478386177')?.kind, 'tombstone');
  assert.equal(tombstoneReasonForError({ title: 'Authorization Error', detail: 'Sorry, you are not authorized to see the Tweet with ids: [1].', type: 'https://api.twitter.com/2/problems/not-authorized-for-resource' }), 'protected');
  assert.equal(tombstoneReasonForError({ title: 'Forbidden', detail: 'User has been suspended: [1].', type: 'https://api.twitter.com/2/problems/resource-not-found' }), 'suspended');
  assert.equal(tombstoneReasonForError({ title: 'Not Found Error', detail: 'Could not find tweet with ids: [1].', type: 'https://api.twitter.com/2/problems/resource-not-found' }), 'not-found');
  assert.equal(tombstoneReasonForError({ title: 'Forbidden', detail: 'This Tweet is withheld in your country.' }), 'withheld');
});

test('HTML entities in v2 text are decoded and entity offsets follow', () => {
  const body = { data: [{ id: '1', text: 'a &amp; b &lt;script&gt; #tag', author_id: '9', entities: { hashtags: [{ start: 25, end: 29, tag: 'tag' }] } }], includes: { users: [{ id: '9', name: 'A &amp; B', username: 'ab' }] } };
  const p = normalizeXApiV2Lookup(body).get('1');
  assert.ok(p?.kind === 'post');
  assert.equal(p.text.text, 'a & b <script> #tag');
  assert.equal(p.author.name, 'A & B');
  const tag = p.text.entities[0];
  assert.ok(tag !== undefined);
  assert.equal(Array.from(p.text.text).slice(tag.start, tag.end).join(''), '#tag');
});

test('bodies that do not fit throw a PayloadError naming the path', () => {
  const cases: Array<[unknown, RegExp]> = [
    ['nope', /^\$: expected an object/],
    [{ data: [{ id: 'x1', text: 'a' }] }, /\$\.data\[0\]\.id/],
    [{ data: [{ id: '1' }] }, /\$\.data\[0\]\.text/],
    [{ data: [{ id: '1', text: 'ab', entities: { hashtags: [{ start: 0, end: 99, tag: 'x' }] } }] }, /hashtags\[0\]\.end/],
    [{ data: [{ id: '1', text: 'a', created_at: 'yesterday' }] }, /created_at/],
    [{ data: [{ id: '1', text: 'a', author_id: '2' }], includes: { users: [{ id: '2', name: 'n', username: 'bad name' }] } }, /username/],
  ];
  for (const [body, pattern] of cases) {
    assert.throws(() => normalizeXApiV2Lookup(body), (e: unknown) => e instanceof PayloadError && pattern.test(e.message), JSON.stringify(body).slice(0, 80));
  }
});

for (const twin of V2_TWINS) {
  test(`twin ${twin.syndicationFile}: v2 and syndication agree on text, entities, display range, author, media, quoted id and shared counts`, () => {
    const fromV2 = normalizeXApiV2Lookup(twin.v2).get(twin.id);
    const fromSyndication = normalizeSyndication(JSON.parse(readFileSync(`fixtures/syndication/${twin.syndicationFile}`, 'utf8')));
    assert.ok(fromV2?.kind === 'post' && fromSyndication.kind === 'post');
    assert.deepEqual(compareTwins(fromV2, fromSyndication), []);
  });
}

test('the twin comparison names the field that differs', () => {
  const twin = V2_TWINS[0];
  assert.ok(twin !== undefined);
  const fromV2 = normalizeXApiV2Lookup(twin.v2).get(twin.id);
  const fromSyndication = normalizeSyndication(JSON.parse(readFileSync(`fixtures/syndication/${twin.syndicationFile}`, 'utf8')));
  assert.ok(fromV2?.kind === 'post' && fromSyndication.kind === 'post');
  const changed: Post = { ...fromV2, counts: { ...fromV2.counts, likes: 1 }, text: { ...fromV2.text, displayRange: [0, 3] }, author: { ...fromV2.author, handle: 'someone' } };
  assert.deepEqual(compareTwins(changed, fromSyndication).map((d) => d.split(':')[0]), ['text.displayRange', 'author.handle', 'counts.likes']);
});

test('a long chain of referenced posts is cut at two levels instead of failing the body', () => {
  const chain = Array.from({ length: 6 }, (_, i) => ({ id: String(100 + i), text: `post ${i}`, referenced_tweets: [{ type: 'quoted', id: String(101 + i) }] }));
  const body = { data: [chain[0]], includes: { tweets: chain.slice(1) } };
  const p = normalizeXApiV2Lookup(body).get('100');
  assert.ok(p?.kind === 'post' && p.quoted?.kind === 'post');
  assert.equal(p.quoted.id, '101');
  assert.equal(p.quoted.quoted?.id, '102');
  assert.equal(p.quoted.quoted?.kind === 'post' ? p.quoted.quoted.quoted : 'none', undefined);
});
