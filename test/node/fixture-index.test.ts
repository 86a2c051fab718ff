import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain JS build script without types
import { buildFixtureIndex } from '../../scripts/make-fixture-index.mjs';

test('fixtures/index.json lists every fixture (run `node scripts/make-fixture-index.mjs` after adding one)', () => {
  const committed: unknown = JSON.parse(readFileSync('fixtures/index.json', 'utf8'));
  assert.deepEqual(committed, buildFixtureIndex());
});

test('recorded fixtures are unchanged copies of the shared recordings; synthetic ones say so in their name', () => {
  const index = buildFixtureIndex() as { posts: Array<{ file: string; id: string; synthetic: boolean }> };
  for (const p of index.posts) {
    if (p.synthetic) {
      assert.match(p.id, /^9/, `${p.file}: synthetic ids start with 9 so they never collide with real posts`);
      continue;
    }
    const shared = `../shared/fixtures/syndication/${p.file}`;
    let original: string;
    try {
      original = readFileSync(shared, 'utf8');
    } catch {
      continue; // the shared folder is not part of a clone; the check runs where it exists
    }
    assert.equal(readFileSync(`fixtures/syndication/${p.file}`, 'utf8'), original, p.file);
  }
});
