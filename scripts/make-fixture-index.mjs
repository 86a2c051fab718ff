// Writes fixtures/index.json: every syndication fixture with the post id it answers for.
// Run after adding a fixture: `node scripts/make-fixture-index.mjs` (a node test checks it is current).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** The id the tombstone fixture answers for (a tombstone payload carries no id). */
export const TOMBSTONE_FIXTURE_ID = '1620000000000000001';

export function buildFixtureIndex(dir = 'fixtures/syndication') {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const posts = files.map((file) => {
    const body = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8'));
    const id = typeof body.id_str === 'string' ? body.id_str : TOMBSTONE_FIXTURE_ID;
    return { file, id, synthetic: file.startsWith('synthetic-') };
  });
  return { files, posts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync('fixtures/index.json', JSON.stringify(buildFixtureIndex(), null, 2) + '\n');
}
