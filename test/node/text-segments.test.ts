import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHtmlEntities, decodeWithOffsets } from '../../server/normalize/html-entities.js';
import { segmentPostText, safeHttpUrl } from '../../src/text/segments.js';
import type { PostText } from '../../src/data/model.js';

test('decodes the entities X escapes, leaves unknown ones as written, never produces markup from them', () => {
  assert.equal(decodeHtmlEntities('a &amp; b &lt;i&gt; &#x1F600; &#128512; &bogus;'), 'a & b <i> 😀 😀 &bogus;');
  assert.equal(decodeHtmlEntities('&#0; &#xD800;'), '&#0; &#xD800;');
});

test('offsets map through decoding in code points', () => {
  const d = decodeWithOffsets('😀 &amp; #tag');
  assert.equal(d.text, '😀 & #tag');
  assert.equal(d.offsets[8], 4); // '#' was code point 8, now 4
  assert.equal(d.offsets.length, Array.from('😀 &amp; #tag').length + 1);
});

test('segments keep ZWJ sequences, surrogate pairs and RTL text intact', () => {
  const text = '👨‍👩‍👧 مرحبا #وسم @a_b $TSLA';
  const points = Array.from(text);
  const find = (needle: string): [number, number] => {
    const i = points.join('').indexOf(needle);
    const start = Array.from(text.slice(0, i)).length;
    return [start, start + Array.from(needle).length];
  };
  const [hs, he] = find('#وسم');
  const [ms, me] = find('@a_b');
  const [cs, ce] = find('$TSLA');
  const pt: PostText = {
    text,
    displayRange: [0, points.length],
    entities: [
      { type: 'hashtag', start: hs, end: he, tag: 'وسم' },
      { type: 'mention', start: ms, end: me, handle: 'a_b' },
      { type: 'cashtag', start: cs, end: ce, symbol: 'TSLA' },
    ],
  };
  const segs = segmentPostText(pt);
  assert.equal(segs.map((s) => s.text).join(''), text);
  assert.deepEqual(segs.filter((s) => s.kind !== 'text').map((s) => s.kind), ['hashtag', 'mention', 'cashtag']);
  assert.equal(segs[0]?.text, '👨‍👩‍👧 مرحبا ');
});

test('a URL entity with a non-http expanded URL is shown as text, not linked', () => {
  const pt: PostText = { text: 'see t.co/x', displayRange: [0, 10], entities: [{ type: 'url', start: 4, end: 10, url: 'javascript:alert(1)', displayUrl: 'evil', expandedUrl: 'javascript:alert(1)' }] };
  const segs = segmentPostText(pt);
  assert.deepEqual(segs, [{ kind: 'text', text: 'see t.co/x' }]);
  assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
  assert.equal(safeHttpUrl('https://example.com/a b'), 'https://example.com/a%20b');
});

test('overlapping and out-of-range entities are ignored instead of corrupting the text', () => {
  const pt: PostText = {
    text: 'hello world',
    displayRange: [0, 11],
    entities: [
      { type: 'hashtag', start: 0, end: 5, tag: 'hello' },
      { type: 'hashtag', start: 3, end: 8, tag: 'lo wo' },
      { type: 'mention', start: 9, end: 40, handle: 'x' },
    ],
  };
  assert.equal(segmentPostText(pt).map((s) => s.text).join(''), 'hello world');
});
