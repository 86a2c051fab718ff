import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, canonicalJson, goldenFixtures, goldenOf } from '../../scripts/make-wordpress-golden.js';

// The WordPress plugin's PHP normalizers must make the same post model as the TypeScript ones.

test('the golden files are what the TypeScript normalizers make of every fixture', () => {
  for (const [dir, file] of goldenFixtures()) {
    assert.equal(readFileSync(join(GOLDEN_DIR, dir, file), 'utf8'), canonicalJson(goldenOf(dir, file)), `${dir}/${file} is stale: run node --import tsx scripts/make-wordpress-golden.ts`);
  }
});

test('the PHP normalizers make the golden model of every fixture, byte for byte after key ordering', () => {
  const out = execFileSync('php', ['cms/wordpress/tests/bin/normalize-fixtures.php', process.cwd()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const php = JSON.parse(out) as Record<string, unknown>;
  const fixtures = goldenFixtures();
  assert.deepEqual(Object.keys(php).sort(), fixtures.map(([d, f]) => `${d}/${f}`).sort(), 'every fixture was normalized');
  for (const [dir, file] of fixtures) {
    assert.equal(canonicalJson(php[`${dir}/${file}`]), readFileSync(join(GOLDEN_DIR, dir, file), 'utf8'), `${dir}/${file}`);
  }
});

test('the PHP normalizers keep an empty object an object and an empty list a list', () => {
  // A post with no counts and no entities: `counts: {}` and `entities: []` must survive PHP's arrays.
  const body = { __typename: 'Tweet', id_str: '20', text: 'just setting up my twttr', created_at: '2006-03-21T20:50:14.000Z', user: { id_str: '12', name: 'jack', screen_name: 'jack', profile_image_url_https: 'https://pbs.twimg.com/profile_images/1/jack_normal.jpg' } };
  const script = `define('PERCH_CLI', true); require 'cms/wordpress/includes/data/load.php'; echo json_encode(Perch_Normalize_Syndication::normalize(Perch_Json::decode(stream_get_contents(STDIN)), '20'), JSON_UNESCAPED_SLASHES);`;
  const out = execFileSync('php', ['-r', script], { input: JSON.stringify(body), encoding: 'utf8' });
  assert.match(out, /"counts":\{\}/);
  assert.match(out, /"entities":\[\]/);
  assert.match(out, /"media":\[\]/);
});
