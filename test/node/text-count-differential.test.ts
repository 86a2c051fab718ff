// The share buttons' count against X's reference library: `parseTweet` from twitter-text 3.1.0
// (a dev dependency only) on tens of thousands of generated texts mixing scripts, emoji (ZWJ
// sequences, skin tones, flags, keycaps, newer emoji X's list does not know), directional
// marks, invalid characters, hashtags, mentions and links of every kind. Weighted length and
// validity must agree on every one.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import test from 'node:test';
import fc from 'fast-check';
import { shareIntent } from '../../src/buttons/intent-url.ts';
import { findLinks, fitText, isValidPost, weightedLength } from '../../src/buttons/text-count.ts';

const require = createRequire(import.meta.url);
const { parseTweet } = require('twitter-text') as { parseTweet: (text: string) => { weightedLength: number; valid: boolean } };

const pick = (...items: string[]): fc.Arbitrary<string> => fc.constantFrom(...items);
const chars = (ranges: ReadonlyArray<readonly [number, number]>, max = 8): fc.Arbitrary<string> =>
  fc.array(fc.oneof(...ranges.map(([from, to]) => fc.integer({ min: from, max: to }))), { minLength: 1, maxLength: max }).map((cps) => String.fromCodePoint(...cps));

const latin = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/);
const scripts = fc.oneof(
  chars([[0xc0, 0x24f], [0x1e00, 0x1eff]]), // Latin with accents
  chars([[0x370, 0x3ff], [0x400, 0x4ff]]), // Greek, Cyrillic
  chars([[0x5d0, 0x5ea], [0x620, 0x64a], [0x6a9, 0x6cc]]), // Hebrew, Arabic, Persian
  chars([[0x4e00, 0x9fff], [0x3040, 0x30ff], [0xac00, 0xd7a3], [0x1100, 0x11ff]]), // CJK, kana, Hangul, jamo
  chars([[0xe01, 0xe3a], [0x905, 0x939], [0x10a0, 0x10ff], [0x1000, 0x109f]]), // Thai, Devanagari, Georgian, Myanmar (around U+1100)
  chars([[0x2000, 0x206f], [0x2100, 0x2bff], [0x3000, 0x303f], [0xff01, 0xff5e]]), // punctuation, symbols, full width
  chars([[0x300, 0x36f], [0x1ab0, 0x1aff]], 3), // combining marks (NFC changes some texts)
  chars([[0x20000, 0x2a6df], [0x1d400, 0x1d7ff], [0x10000, 0x1007f]], 3), // astral letters
  pick('e\u0301', 'A\u030A', '\u1100\u1161\u11a8', 'ﬁ', 'Ω', 'K', 'ſ', 'İ'),
);
const emoji = fc.oneof(
  pick('🎉', '😷', '👾', '🔥', '💩', '🐱', '☺', '☺️', '☺︎', '❤', '❤️', '✌', '✌🏽', '©', '©️', '™️', '♟️', '↔', '🅰', '🅰️', '🈯'),
  pick('👨‍👩‍👧‍👦', '👨‍👩‍👧', '👩‍❤️‍💋‍👨', '👨‍❤️‍👨', '👁‍🗨', '🏳️‍🌈', '🏴‍☠️', '👩🏾‍🔬', '👨‍🚀', '🧕🏾', '🏃‍♀️', '🏃🏻‍♂️', '🕵️‍♀️', '🕵🏿‍♂️', '⛹️‍♀️', '👯‍♂️'),
  pick('🧑‍🎄', '🧑🏽‍💻', '🫠', '🥲', '🏳️‍⚧️', '👩‍🦰', '👨🏿‍🦳', '🐻‍❄️', '❤️‍🔥', '😶‍🌫️', '🧔‍♀️', '🫶🏼'), // newer than X's emoji list
  pick('🇫🇷', '🇯🇵', '🇺🇸', '🇦🇨', '🇦🇦', '🇽🇰', '🇺', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '1⃣', '1️⃣', '#️⃣', '*⃣'),
  pick('\u200d', '\ufe0f', '\ufe0e', '🏻', '🏿', '\u{e0067}'),
  fc.integer({ min: 0x1f300, max: 0x1faff }).map((cp) => String.fromCodePoint(cp)),
  fc.tuple(fc.integer({ min: 0x1f466, max: 0x1f469 }), fc.integer({ min: 0x1f3fb, max: 0x1f3ff })).map(([a, b]) => String.fromCodePoint(a, b)),
);
const marks = pick('\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', '\u200b', '\u200c', '\u00a0', '\u3000');
const invalid = pick('\ufffe', '\ufeff', '\uffff', '\ud800', '\udc00', '\u0000', '\u0007', '\u007f');
const space = pick(' ', ' ', ' ', '\n', '\t', '  ', '\r\n');
const punctuation = pick('.', ',', '!', '?', ':', ';', '(', ')', '"', "'", '-', '_', '/', '…', '—', '“', '”', '@', '#', '$', '＠', '＃', '%', '&', '*', '+', '=', '[', ']', '|', '~');
const tagged = fc.tuple(pick('#', '@', '$', '＃', '＠'), fc.oneof(latin, scripts)).map(([sign, name]) => sign + name);

const label = fc.oneof(latin, fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,12}[a-z0-9]$/), chars([[0xe0, 0xff], [0x430, 0x44f], [0x3042, 0x3093], [0x4e00, 0x4e50]], 6), pick('xn--bcher-kva', 'xn--', 'xn--ü', 'a'.repeat(63), 'b'.repeat(64), 'あ'.repeat(20), 'あ'.repeat(25), 'www', 'WWW', 'a_b', '-a', 'a-'));
const tld = pick('com', 'COM', 'co', 'org', 'net', 'museum', 'travel', 'uk', 'jp', 'io', 'xyz', 'onion', 'example', 'local', 'invalid', 'localhost', 'test', 'comm', 'co1', 'рф', 'рус', 'ру', 'pак', '中国', '中國', 'みんな', 'コム', 'پاکستان', '한국', 'xn--p1ai', 'xn--zzz', 'c', 'com-', 'museums');
const host = fc.oneof(
  fc.tuple(fc.array(label, { minLength: 0, maxLength: 3 }), tld).map(([labels, top]) => [...labels, top].join('.')),
  fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
  pick('[::1]', '[2001:db8::1]', 'localhost', 'user:pw@example.com', 'user@example.com', 'example.com.', 'a..com', '.com', 'ex ample.com', 't.co', 'T.CO', 'twitter.com', 'www.twitter.com', 'bit.ly', 'foobar.پاکستان'),
);
const scheme = pick('', '', 'http://', 'https://', 'HTTPS://', 'Http://', 'ftp://', 'mailto:', 'javascript:', '//', 'http:/', 'https:://', 'www.');
const pathPart = fc.oneof(latin, chars([[0x430, 0x44f], [0xe0, 0xff], [0x4e00, 0x4e10]], 4), pick('/', '/', '(', ')', '(a)', '((b))', '(c(d)e)', '%20', '-', '_', '~', '.', ',', '!', '*', "'", ';', ':', '=', '+', '$', '@', '#', '[', ']', '|', '&', '\u2013', '?', 'é'));
const link = fc
  .tuple(scheme, host, fc.option(fc.nat(99999), { nil: undefined }), fc.option(fc.array(pathPart, { maxLength: 8 }).map((p) => '/' + p.join('')), { nil: undefined }), fc.option(fc.array(fc.oneof(latin, pick('=', '&', '?', '%', '-', '_', '.', ',', '!', '(', ')', '#', '/')), { maxLength: 6 }).map((q) => '?' + q.join('')), { nil: undefined }), fc.option(fc.stringMatching(/^[a-zA-Z0-9]{1,45}$/), { nil: undefined }))
  .map(([s, h, port, path, query, slug]) => (h.toLowerCase() === 't.co' && slug !== undefined ? `${s}${h}/${slug}${query ?? ''}${path ?? ''}` : `${s}${h}${port === undefined ? '' : `:${port}`}${path ?? ''}${query ?? ''}`));

const piece = fc.oneof(
  { arbitrary: latin, weight: 6 },
  { arbitrary: scripts, weight: 5 },
  { arbitrary: emoji, weight: 4 },
  { arbitrary: marks, weight: 2 },
  { arbitrary: invalid, weight: 1 },
  { arbitrary: space, weight: 6 },
  { arbitrary: punctuation, weight: 4 },
  { arbitrary: tagged, weight: 2 },
  { arbitrary: link, weight: 4 },
);
/** A text of up to 40 pieces, sometimes joined without spaces so pieces run into each other. */
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
/** Mostly links, each after a space, a mark, punctuation or nothing. */
const linkText = fc.array(fc.tuple(fc.oneof(space, marks, punctuation, latin, emoji, pick('')), link), { minLength: 1, maxLength: 6 }).map((parts) => parts.flat().join(''));

/** Whether the button accepts `url` (an invalid one shows an error instead of a link). */
const parses = (url: string): boolean => {
  try {
    return new URL(url).protocol.startsWith('http');
  } catch {
    return false;
  }
};

const reference = (t: string): { weightedLength: number; valid: boolean } => {
  const r = parseTweet(t);
  return { weightedLength: r.weightedLength, valid: r.valid };
};
const ours = (t: string): { weightedLength: number; valid: boolean } => ({ weightedLength: weightedLength(t), valid: isValidPost(t) });

test('weighted length and validity agree with twitter-text 3.1.0 on 30,000 generated texts', () => {
  fc.assert(fc.property(text, (t) => assert.deepEqual(ours(t), reference(t), JSON.stringify(t))), { numRuns: 30_000, seed: 20 });
});

test('weighted length and validity agree with twitter-text 3.1.0 on 20,000 generated link-heavy texts', () => {
  fc.assert(fc.property(linkText, (t) => assert.deepEqual(ours(t), reference(t), JSON.stringify(t))), { numRuns: 20_000, seed: 21 });
});

test('long texts near and over 280 agree too (2,000 texts of up to 400 pieces)', () => {
  const long = fc.array(piece, { minLength: 40, maxLength: 400 }).map((pieces) => pieces.join(''));
  fc.assert(fc.property(long, (t) => assert.deepEqual(ours(t), reference(t), JSON.stringify(t))), { numRuns: 2_000, seed: 22 });
});

test('a shortened text fits its budget by X’s own count, keeps the start of the text and ends with “…”', () => {
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 280 }), (t, budget) => {
      const fitted = fitText(t, budget);
      const normalized = t.normalize('NFC');
      if (!fitted.truncated) {
        assert.equal(fitted.text, normalized);
        assert.ok(parseTweet(normalized).weightedLength <= budget);
        return;
      }
      assert.ok(parseTweet(normalized).weightedLength > budget, 'only a text that does not fit is shortened');
      if (fitted.text === '') return;
      assert.ok(fitted.text.endsWith('…'));
      const cut = fitted.text.length - 1;
      assert.ok(normalized.startsWith(fitted.text.slice(0, cut)), 'the kept part is the start of the text');
      assert.ok(!findLinks(normalized).some((l) => cut > l.start && cut < l.start + l.length), 'never cut inside a link');
      assert.ok(!/^[\ud800-\udbff][\udc00-\udfff]$/.test(normalized.slice(cut - 1, cut + 1)), 'never cut a surrogate pair');
      assert.ok(parseTweet(fitted.text).weightedLength <= budget, `${JSON.stringify(fitted.text)} fits ${budget}`);
    }),
    { numRuns: 5_000, seed: 23 },
  );
});

test('a share intent’s prefilled post weighs at most 280 by X’s own count, and its reported weight is X’s', () => {
  const url = fc.oneof(pick('https://news.example.com/a', 'https://news.example/a', 'http://localhost:8080/x', 'https://t.co/abc'), link.filter((l) => /^https?:\/\//i.test(l) && parses(l)));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 200 }).map((p) => p.join('')), url, fc.boolean(), (t, u, withVia) => {
      const intent = shareIntent({ text: t, url: u, hashtags: 'perch,news', via: withVia ? 'perchnews' : undefined });
      const params = new URL(intent.url).searchParams;
      const post = [params.get('text') ?? '', params.get('url') ?? '', '#perch #news', withVia ? 'via @perchnews' : ''].filter((s) => s !== '').join(' ');
      assert.equal(intent.weightedLength, parseTweet(post).weightedLength, JSON.stringify(post));
      assert.ok(intent.weightedLength <= 280);
    }),
    { numRuns: 2_000, seed: 24 },
  );
});
