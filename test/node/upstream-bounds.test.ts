/**
 * No upstream amplification, against the local fake syndication host: every request to X is
 * counted, not-found answers are cached (and asked again after a short while), one client
 * cannot make the server look up unbounded made-up ids; and production upstreams never serve
 * the built-in timelines.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import type { TweetsResponse } from '../../src/data/api.js';

const T0 = Date.parse('2026-03-10T12:00:00Z');
let clock = T0;
let fake: FakeSyndication;
let server: RunningServer;

before(async () => {
  fake = await startFakeSyndication();
  server = await startServer({ port: 0, upstream: 'syndication', syndicationBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, now: () => clock, cache: { maxEntries: 10_000, maxBytes: 1e8, freshMs: 15 * 60_000, batchWindowMs: 1 } });
});
after(async () => {
  await server.close();
  await fake.close();
});

const madeUp = (from: number, n: number): string[] => Array.from({ length: n }, (_, i) => String(9_000_000 + from + i));

async function lookup(ids: string[], client: string): Promise<{ status: number; body: TweetsResponse }> {
  const res = await fetch(`${server.url}/v1/tweets?ids=${ids.join(',')}`, { headers: { 'x-forwarded-for': client } });
  return { status: res.status, body: (await res.json()) as TweetsResponse };
}

const calls = (): number => server.metrics.value('perch_upstream_calls_total', { upstream: 'syndication' });

test('100 made-up ids cost 100 requests to X, all counted; asked again they cost nothing until the not-found answers expire', async () => {
  const ids = madeUp(0, 100);
  const first = await lookup(ids, '198.51.100.1');
  assert.equal(first.status, 200);
  assert.ok(first.body.results.every((r) => r.kind === 'tombstone' && r.reason === 'not-found'));
  assert.equal(fake.calls.length, 100);
  assert.equal(calls(), 100);
  await lookup(ids, '198.51.100.2');
  assert.equal(fake.calls.length, 100, 'not-found answers are cached');
  // After 5 minutes a not-found answer is checked again (in the background; the tombstone is served meanwhile).
  clock = T0 + 6 * 60_000;
  const later = await fetch(`${server.url}/v1/tweets/${ids[0]}`, { headers: { 'x-forwarded-for': '198.51.100.2' } });
  assert.equal(later.status, 404);
  await later.arrayBuffer();
  for (let i = 0; i < 50 && fake.calls.length === 100; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(fake.calls.length, 101);
  clock = T0;
});

test('one client cannot make the server look up unbounded uncached ids: 429 once its budget is spent, others unaffected', async () => {
  const attacker = '203.0.113.66';
  for (let i = 0; i < 3; i++) {
    const r = await lookup(madeUp(1000 + i * 100, 100), attacker);
    assert.ok(r.body.results.every((x) => x.kind === 'tombstone'), `batch ${i} within the default burst of 300`);
  }
  const before = fake.calls.length;
  const refused = await lookup(madeUp(2000, 100), attacker);
  assert.equal(refused.status, 200);
  assert.ok(refused.body.results.every((x) => x.kind === 'unavailable' && x.error.code === 'too-many-lookups'));
  const single = await fetch(`${server.url}/v1/tweets/${madeUp(3000, 1)[0]}`, { headers: { 'x-forwarded-for': attacker } });
  assert.equal(single.status, 429);
  assert.ok(Number(single.headers.get('retry-after')) >= 1);
  await single.arrayBuffer();
  assert.equal(fake.calls.length, before, 'refused lookups never reach X');
  // What is cached is still served to that client, and another client is not affected.
  const cached = await lookup(madeUp(1000, 5), attacker);
  assert.ok(cached.body.results.every((x) => x.kind === 'tombstone'));
  const other = await lookup(madeUp(4000, 10), '203.0.113.67');
  assert.ok(other.body.results.every((x) => x.kind === 'tombstone'));
  assert.ok(server.metrics.value('perch_lookups_refused_total') >= 101);
});

test('with a production upstream, timeline routes answer 501 saying why, never the built-in timelines', async () => {
  for (const path of ['/v1/timelines/profile/TwitterDev', '/v1/timelines/profile/id/2244994945', '/v1/timelines/list/84839422', '/v1/timelines/list/XDevelopers/perch-demo']) {
    const r = await fetch(server.url + path);
    const body = (await r.json()) as { error: { code: string; message: string } };
    assert.equal(r.status, 501, path);
    assert.equal(body.error.code, 'timelines-unsupported');
    assert.match(body.error.message, /x-api-v2/);
  }
});
