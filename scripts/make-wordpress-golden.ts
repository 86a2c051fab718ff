/**
 * Golden post models for the WordPress plugin's PHP normalizers: every fixture in fixtures/syndication
 * and fixtures/x-api-v2 normalized by the TypeScript normalizers, written with sorted keys to
 * cms/wordpress/tests/golden/. `--check` only compares (exit 1 when a file is missing or stale).
 *
 *   node --import tsx scripts/make-wordpress-golden.ts [--check]
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeSyndication } from '../server/normalize/normalize-syndication.js';
import { normalizeXApiV2Lookup, normalizeXApiV2Timeline } from '../server/normalize/normalize-x-api-v2.js';

/** The clock v2 poll status is computed at (the PHP side uses the same). */
export const GOLDEN_NOW = Date.parse('2026-01-01T00:00:00Z');
export const GOLDEN_DIR = 'cms/wordpress/tests/golden';

/** JSON with object keys sorted at every level, two-space indented, newline at the end. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/** What the normalizers make of one fixture (`dir` is `syndication` or `x-api-v2`). */
export function goldenOf(dir: string, file: string): unknown {
  const body: unknown = JSON.parse(readFileSync(join('fixtures', dir, file), 'utf8'));
  if (dir === 'syndication') {
    const index = JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { posts: Array<{ file: string; id: string }> };
    return normalizeSyndication(body, { id: index.posts.find((p) => p.file === file)?.id ?? '' });
  }
  if (file.startsWith('user-tweets-timeline')) return JSON.parse(JSON.stringify(normalizeXApiV2Timeline(body, { now: GOLDEN_NOW })));
  return { results: [...normalizeXApiV2Lookup(body, { now: GOLDEN_NOW }).values()] };
}

/** Every fixture that has a golden file: [dir, file]. */
export function goldenFixtures(): Array<[string, string]> {
  return ['syndication', 'x-api-v2'].flatMap((dir) => readdirSync(join('fixtures', dir)).filter((f) => f.endsWith('.json')).sort().map((f): [string, string] => [dir, f]));
}

if (process.argv[1]?.endsWith('make-wordpress-golden.ts')) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [dir, file] of goldenFixtures()) {
    const path = join(GOLDEN_DIR, dir, file);
    const text = canonicalJson(goldenOf(dir, file));
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        process.stderr.write(`stale: ${path}\n`);
        stale++;
      }
      continue;
    }
    mkdirSync(join(GOLDEN_DIR, dir), { recursive: true });
    writeFileSync(path, text);
  }
  if (stale > 0) process.exit(1);
}
