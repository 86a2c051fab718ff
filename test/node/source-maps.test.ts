// Every source map the build ships names sources that exist, relative to the map
// (a debugger opening the package's maps finds the TypeScript, not a path above it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

function maps(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js.map'))
    .map((e) => join(e.parentPath, e.name));
}

for (const folder of ['dist/npm', 'dist/cdn']) {
  test(`source maps in ${folder} point at files that exist`, () => {
    const found = maps(join(ROOT, folder));
    assert.ok(found.length > 10, `maps in ${folder}`);
    const missing: string[] = [];
    for (const map of found) {
      const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
      for (const source of sources) if (!existsSync(resolve(dirname(map), source))) missing.push(`${map.slice(ROOT.length + 1)} → ${source}`);
    }
    assert.deepEqual(missing.slice(0, 10), []);
  });
}
