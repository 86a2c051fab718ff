/**
 * Fuzz suite (fast-check): tens of thousands of generated syndication and X API v2 payloads,
 * post models and impression batches. Each one either becomes a model that renders in Node's
 * static renderer, or is refused with the typed error of its boundary (PayloadError,
 * BatchError); nothing else is thrown and no case takes long. Counts are printed.
 * `PERCH_FUZZ_SCALE` (default 1) multiplies the number of runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { PayloadError } from '../../src/data/errors.js';
import type { PostResult } from '../../src/data/model.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { normalizeXApiV2Lookup } from '../../server/normalize/normalize-x-api-v2.js';
import { parsePostResult } from '../../src/data/validate-model.js';
import { renderTweetHtml } from '../../src/render/render-tweet.js';
import { BatchError, parseBatchJson, validateBatch } from '../../server/impressions/validate-batch.js';

const SCALE = Number(process.env.PERCH_FUZZ_SCALE ?? '1');
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** Longest a single case may take (a hang or a blow-up shows here). */
const MAX_CASE_MS = 2_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const SYNDICATION = readdirSync('fixtures/syndication').filter((f) => f.endsWith('.json')).map((f) => readJson(`fixtures/syndication/${f}`));
const X_API = readdirSync('fixtures/x-api-v2').filter((f) => f.endsWith('.json')).map((f) => readJson(`fixtures/x-api-v2/${f}`));

/** Values that have broken parsers and renderers before: hostile URLs, odd numbers, odd shapes. */
const nasty = fc.constantFrom<Json>(
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:image/svg+xml,<svg onload=alert(1)>',
  'https://evil.example/a.jpg',
  'http://pbs.twimg.com/x.jpg',
  'https://pbs.twimg.com:444/x.jpg',
  '//pbs.twimg.com/x.jpg',
  '</script><script>alert(1)</script>',
  '\u2028\u2029',
  '\ud800',
  '',
  ' ',
  '9'.repeat(60),
  '-1',
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER,
  null,
  true,
  {},
  [],
  [null],
  { __proto__: null },
);
const replacement: fc.Arbitrary<Json> = fc.oneof({ weight: 2, arbitrary: nasty }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> });

/** Every path (keys and indices) inside `value`. */
function paths(value: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) (out.push([...prefix, k]), paths(v, [...prefix, k], out));
  return out;
}

interface Mutation {
  at: number;
  op: 'set' | 'delete' | 'duplicate';
  value: Json;
}

/** `base` (deep-copied) with each mutation applied at the path its index picks. */
function mutate(base: Json, mutations: Mutation[]): Json {
  const copy = structuredClone(base);
  for (const m of mutations) {
    const all = paths(copy);
    if (all.length === 0) return structuredClone(m.value);
    const path = all[m.at % all.length] ?? [];
    let parent: Json = copy;
    for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
    const last = path[path.length - 1] as string | number;
    const holder = parent as Record<string | number, Json>;
    if (m.op === 'delete') {
      if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
      else delete holder[last];
    } else if (m.op === 'duplicate' && Array.isArray(parent) && typeof last === 'number') parent.push(structuredClone(parent[last] ?? null));
    else holder[last] = structuredClone(m.value); // generated values are shared between runs: never alias them
  }
  return copy;
}

const mutations = fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom<Mutation['op']>('set', 'set', 'set', 'delete', 'duplicate'), value: replacement }), { minLength: 1, maxLength: 4 });

/** Tally of what happened, printed at the end of each property. */
class Tally {
  accepted = 0;
  refused = 0;
  rendered = 0;
  slowestMs = 0;
  constructor(readonly name: string) {}
  print(): void {
    process.stdout.write(`# fuzz ${this.name}: ${this.accepted + this.refused} cases, ${this.accepted} accepted (${this.rendered} rendered), ${this.refused} refused with the typed error, slowest ${this.slowestMs.toFixed(1)} ms\n`);
  }
}

/** Run `body`, refusing anything but `expected` errors, timing it. Returns its value, or undefined when refused. */
async function guarded<T>(tally: Tally, expected: new (...args: never[]) => Error, body: () => T | Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  try {
    const value = await body();
    tally.accepted++;
    return value;
  } catch (error) {
    if (!(error instanceof expected)) throw error;
    tally.refused++;
    return undefined;
  } finally {
    const ms = performance.now() - started;
    tally.slowestMs = Math.max(tally.slowestMs, ms);
    assert.ok(ms < MAX_CASE_MS, `a case took ${Math.round(ms)} ms`);
  }
}

/** Render a sample of the accepted models (Lit SSR costs milliseconds a post): it must not throw, link no script URL, load no off-host media. */
async function renders(tally: Tally, result: PostResult, sample: boolean): Promise<void> {
  if (!sample) return;
  const html = await renderTweetHtml(result, { server: 'https://embed.example' });
  tally.rendered++;
  assert.doesNotMatch(html, /(src|href|poster)="\s*(javascript|data):/i);
  // Links may go to any http(s) site; media loads only from X's media hosts through the server.
  assert.doesNotMatch(html, /(src|srcset|poster)="[^"]*evil\.example/i);
}

test('syndication payloads: normalized and rendered, or refused with PayloadError', async () => {
  const tally = new Tally('syndication');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: SYNDICATION.length - 1 }), mutations, fc.nat({ max: 9 }), async (which, muts, dice) => {
      const payload = mutate(SYNDICATION[which] ?? null, muts);
      const id = typeof payload === 'object' && payload !== null && !Array.isArray(payload) && typeof payload.id_str === 'string' ? payload.id_str : '20';
      const result = await guarded(tally, PayloadError, () => normalizeSyndication(payload, { id }));
      if (result !== undefined) await renders(tally, result, dice === 0);
    }),
    { numRuns: runs(10_000) },
  );
  // Whole random values too, not only near-misses of real payloads.
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (payload) => {
      await guarded(tally, PayloadError, () => normalizeSyndication(payload, { id: '20' }));
    }),
    { numRuns: runs(2_000) },
  );
  tally.print();
  assert.ok(tally.accepted > 0 && tally.refused > 0);
});

test('X API v2 payloads: normalized and rendered, or refused with PayloadError', async () => {
  const tally = new Tally('x-api-v2');
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: X_API.length - 1 }), mutations, fc.nat({ max: 9 }), async (which, muts, dice) => {
      const body = mutate(X_API[which] ?? null, muts);
      const results = await guarded(tally, PayloadError, () => normalizeXApiV2Lookup(body));
      if (results !== undefined) for (const r of results.values()) await renders(tally, r, dice === 0);
    }),
    { numRuns: runs(10_000) },
  );
  tally.print();
  assert.ok(tally.accepted > 0 && tally.refused > 0);
});

test('post models: validated and rendered, or refused with PayloadError; the renderer never throws whatever it is given', async () => {
  const tally = new Tally('post models');
  const models: Json[] = SYNDICATION.flatMap((p) => {
    try {
      return [JSON.parse(JSON.stringify(normalizeSyndication(p, { id: '20' }))) as Json];
    } catch {
      return [];
    }
  });
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: models.length - 1 }), mutations, fc.nat({ max: 4 }), async (which, muts, dice) => {
      const model = mutate(models[which] ?? null, muts);
      await guarded(tally, PayloadError, () => parsePostResult(model));
      // Given to the renderer unchecked (as a cache might hold it): it renders something, never throws.
      if (dice === 0) await renders(tally, model as unknown as PostResult, true);
    }),
    { numRuns: runs(8_000) },
  );
  tally.print();
  assert.ok(tally.accepted > 0 && tally.refused > 0);
});

test('impression batches: accepted or refused with BatchError', async () => {
  const tally = new Tally('impression batches');
  const now = Date.parse('2026-03-10T12:00:00Z');
  const base: Json = {
    v: 1,
    pageView: 'AbCdEfGhIjKlMnOpQrStUv',
    site: 'https://news.example',
    path: '/article/1',
    events: [
      { seq: 0, kind: 'post', type: 'rendered', id: '1641086480675225601', ts: now },
      { seq: 1, kind: 'timeline', type: 'viewable', id: 'profile:TwitterDev', ts: now },
    ],
  };
  await fc.assert(
    fc.asyncProperty(fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom<Mutation['op']>('set', 'delete', 'duplicate'), value: replacement }), { maxLength: 2 }), fc.boolean(), async (muts, asText) => {
      const batch = mutate(base, muts);
      await guarded(tally, BatchError, () => validateBatch(asText ? parseBatchJson(JSON.stringify(batch)) : batch, now));
    }),
    { numRuns: runs(8_000) },
  );
  await fc.assert(
    fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
      await guarded(tally, BatchError, () => validateBatch(parseBatchJson(text), now));
    }),
    { numRuns: runs(2_000) },
  );
  tally.print();
  assert.ok(tally.accepted > 0 && tally.refused > 0);
});
