// X's own conformance cases (twitter-text's validate.yml, extract.yml and tlds.yml, kept in
// fixtures/twitter-text/ with their Apache-2.0 licence): the share buttons' count must give
// X's weighted length, validity and links for every one of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import test from 'node:test';
import { buildTextCountTables } from '../../scripts/make-text-count-tables.mjs';
import { findLinks, isValidPost, weightedLength } from '../../src/buttons/text-count.ts';

interface WeightedCase {
  group: string;
  description: string;
  text: string;
  weightedLength: number;
  valid: boolean;
}
interface LinkCase {
  group: string;
  description: string;
  text: string;
  expected: string[];
}
const cases = JSON.parse(readFileSync('fixtures/twitter-text/conformance.json', 'utf8')) as { weighted: WeightedCase[]; links: LinkCase[] };

test('weighted length and validity: every v3 (discounted emoji) and directional-marker case of validate.yml', () => {
  assert.equal(cases.weighted.length, 24);
  for (const c of cases.weighted) {
    assert.equal(weightedLength(c.text), c.weightedLength, `${c.group}: ${c.description}`);
    assert.equal(isValidPost(c.text), c.valid, `${c.group}: ${c.description} (valid)`);
  }
});

test('links: every URL case of extract.yml and every top-level domain of tlds.yml', () => {
  assert.ok(cases.links.length > 1600);
  for (const c of cases.links) {
    const found = findLinks(c.text).map((l) => c.text.slice(l.start, l.start + l.length));
    assert.deepEqual(found, c.expected, `${c.group}: ${c.description}`);
  }
});

test('a link weighs 23 whatever its length; what X does not link counts character by character', () => {
  assert.equal(weightedLength(`https://example.com/${'x'.repeat(200)}`), 23);
  assert.equal(weightedLength('test.museum'), 23, 'any top-level domain X knows, not only common ones');
  assert.equal(weightedLength('see example.com.'), 4 + 23 + 1, 'the full stop after a bare domain is not part of it');
  // Hosts X 3.1.0 does not link: bare IP addresses, user info, bracketed IPv6, other schemes'
  // hosts after "//", and reserved names such as .example.
  assert.equal(weightedLength('http://192.168.0.1/x'), 20);
  assert.equal(weightedLength('http://user:pw@example.com/'), 27);
  assert.equal(weightedLength('http://[::1]/x'), 14);
  assert.equal(weightedLength('ftp://example.com/file'), 22);
  assert.equal(weightedLength('https://news.example/a'), 22);
});

test('directional marks weigh 2; U+FFFE, U+FEFF and U+FFFF make a post invalid', () => {
  assert.equal(weightedLength('\u200Eab\u200F'), 6);
  assert.equal(isValidPost('\u200Eab\u200F'), true);
  assert.equal(isValidPost('ab\uFEFF'), false);
  assert.equal(isValidPost(''), false);
  assert.equal(isValidPost('a'.repeat(280)), true);
  assert.equal(isValidPost('a'.repeat(281)), false);
});

test('src/buttons/text-count-tables.ts is generated from the installed twitter-text (run `node scripts/make-text-count-tables.mjs`)', () => {
  const require = createRequire(import.meta.url);
  assert.equal((require('twitter-text/package.json') as { version: string }).version, '3.1.0');
  assert.equal(readFileSync('src/buttons/text-count-tables.ts', 'utf8'), buildTextCountTables());
});
