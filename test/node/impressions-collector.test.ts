import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Router } from '../../server/http/router.js';
import { registerImpressions, type RegisteredImpressions } from '../../server/impressions/index.js';
import { LmdbImpressionStore } from '../../server/impressions/lmdb-store.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { runReport } from '../../server/report-cli.js';
import { asAck, makeBatch, pageViewId, postBatch, postEvents } from '../support/impression-client.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

// The collector over real sockets, with the embedded (LMDB) store and a controllable clock.
const NOON = Date.parse('2026-03-10T12:00:00.000Z');
let clock = NOON;
let dir: string;
let server: RouterServer;
let impressions: RegisteredImpressions;
const metrics = new Metrics();

interface Summary {
  days: Array<{ day: string; rendered: number; viewable: number; byKind: Record<string, { rendered: number; viewable: number }>; bySite: Array<{ site: string; rendered: number }> }>;
  top: Array<{ kind: string; id: string; rendered: number; viewable: number }>;
}

async function summary(from = '2026-03-08', to = '2026-03-12'): Promise<Summary> {
  const res = await fetch(`${server.url}/v1/impressions/summary?from=${from}&to=${to}`, { headers: { authorization: 'Bearer admin-secret' } });
  assert.equal(res.status, 200);
  return (await res.json()) as Summary;
}

async function grandTotal(): Promise<number> {
  return (await summary()).days.reduce((n, d) => n + d.rendered + d.viewable, 0);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-imp-'));
  const router = new Router();
  impressions = await registerImpressions(router, { store: 'memory', dataDir: dir, adminToken: 'admin-secret', metrics, log: createLogger('silent'), now: () => clock });
  server = await serveRouter(router);
});
after(async () => {
  await server?.close();
  await impressions?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a valid beacon batch is acknowledged after commit and counted per day, site, kind and type', async () => {
  const pv = pageViewId();
  const r = await postBatch(server.url, makeBatch(pv, [...postEvents(0, 4, NOON - 1000), { seq: 4, kind: 'timeline', type: 'rendered', id: 'profile:XDevelopers', ts: NOON }]));
  assert.deepEqual(asAck(r), { accepted: 5, duplicates: 0 });
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  const s = await summary();
  const day = s.days.find((d) => d.day === '2026-03-10');
  assert.deepEqual(day?.byKind, { post: { rendered: 2, viewable: 2 }, timeline: { rendered: 1, viewable: 0 } });
  assert.deepEqual(day?.bySite, [{ site: 'https://news.example', rendered: 3, viewable: 2 }]);
  assert.equal(metrics.value('perch_impressions_total', { kind: 'post', type: 'rendered' }), 2);
  assert.equal(metrics.value('perch_impressions_total', { kind: 'timeline', type: 'rendered' }), 1);
});

test('a retried batch is counted once, and a partly new batch counts only the new events', async () => {
  const before = await grandTotal();
  const pv = pageViewId();
  const batch = makeBatch(pv, postEvents(0, 6, NOON));
  assert.deepEqual(asAck(await postBatch(server.url, batch)), { accepted: 6, duplicates: 0 });
  assert.deepEqual(asAck(await postBatch(server.url, batch, 'application/json')), { accepted: 0, duplicates: 6 });
  assert.deepEqual(asAck(await postBatch(server.url, makeBatch(pv, postEvents(4, 4, NOON)))), { accepted: 2, duplicates: 2 });
  // Concurrent retries of one batch: still once.
  const pv2 = pageViewId();
  const twice = makeBatch(pv2, postEvents(0, 10, NOON));
  const acks = (await Promise.all(Array.from({ length: 8 }, () => postBatch(server.url, twice)))).map(asAck);
  assert.equal(acks.reduce((n, a) => n + a.accepted, 0), 10);
  assert.equal(await grandTotal(), before + 8 + 10);
  assert.ok(metrics.value('perch_impression_duplicates_total') >= 6 + 2 + 70);
});

test('bad batches get a 4xx JSON error naming the problem and change no total', async () => {
  const before = await grandTotal();
  const good = () => makeBatch(pageViewId(), postEvents(0, 2, NOON));
  const withEvent = (patch: Record<string, unknown>) => ({ ...good(), events: [{ ...postEvents(0, 1, NOON)[0], ...patch }] });
  const cases: Array<[string, unknown, number, string, string?]> = [
    ['malformed JSON', '{"v":1,"pageView":', 400, 'malformed-json'],
    ['not an object', '[1,2]', 400, 'wrong-type'],
    ['wrong version', { ...good(), v: 2 }, 400, 'unsupported-version', 'v'],
    ['short page view id', { ...good(), pageView: 'abc' }, 400, 'invalid-page-view', 'pageView'],
    ['site is not an origin', { ...good(), site: 'https://news.example/path' }, 400, 'invalid-site', 'site'],
    ['site with markup', { ...good(), site: 'https://<script>alert(1)</script>' }, 400, 'invalid-site', 'site'],
    ['path without slash', { ...good(), path: 'article' }, 400, 'invalid-path', 'path'],
    ['events not an array', { ...good(), events: {} }, 400, 'wrong-type', 'events'],
    ['empty events', { ...good(), events: [] }, 400, 'no-events', 'events'],
    ['unknown top-level field', { ...good(), ip: '1.2.3.4' }, 400, 'unknown-field', 'ip'],
    ['unknown event field', withEvent({ userAgent: 'x' }), 400, 'unknown-field', 'events[0].userAgent'],
    ['seq is a string', withEvent({ seq: '1' }), 400, 'invalid-seq', 'events[0].seq'],
    ['negative seq', withEvent({ seq: -1 }), 400, 'invalid-seq', 'events[0].seq'],
    ['unknown kind', withEvent({ kind: 'moment' }), 400, 'invalid-kind', 'events[0].kind'],
    ['unknown type', withEvent({ type: 'clicked' }), 400, 'invalid-type', 'events[0].type'],
    ['post id not digits', withEvent({ id: '12a' }), 400, 'invalid-id', 'events[0].id'],
    ['ts is a string', withEvent({ ts: String(NOON) }), 400, 'wrong-type', 'events[0].ts'],
    ['ts 11 minutes ahead', withEvent({ ts: NOON + 11 * 60_000 }), 400, 'future-timestamp', 'events[0].ts'],
    ['ts 49 hours old', withEvent({ ts: NOON - 49 * 3_600_000 }), 400, 'stale-timestamp', 'events[0].ts'],
    ['seq repeated in the batch', { ...good(), events: [...postEvents(0, 2, NOON), ...postEvents(1, 1, NOON)] }, 400, 'duplicate-seq', 'events[2].seq'],
    ['501 events', { ...good(), events: postEvents(0, 501, NOON) }, 413, 'too-many-events', 'events'],
  ];
  for (const [name, body, status, code, param] of cases) {
    const r = await postBatch(server.url, body);
    assert.equal(r.status, status, name);
    const err = (r.json as { error: { code: string; message: string; param?: string } }).error;
    assert.equal(err.code, code, name);
    assert.ok(err.message.length > 0, name);
    if (param !== undefined) assert.equal(err.param, param, name);
  }
  // A valid batch with one bad event is refused whole.
  const mixed = { ...good(), events: [...postEvents(0, 3, NOON), { seq: 3, kind: 'post', type: 'rendered', id: '1', ts: NOON + 3_600_000 }] };
  assert.equal((await postBatch(server.url, mixed)).status, 400);
  // Oversized body (70 KB), wrong content type.
  const big = JSON.stringify({ ...good(), path: '/' + 'a'.repeat(70 * 1024) });
  const r413 = await postBatch(server.url, big);
  assert.equal(r413.status, 413);
  assert.equal((r413.json as { error: { code: string } }).error.code, 'body-too-large');
  assert.equal((await postBatch(server.url, good(), 'application/x-www-form-urlencoded')).status, 415);
  assert.equal(await grandTotal(), before);
  assert.equal(metrics.value('perch_impression_rejected_total', { reason: 'invalid-kind' }), 1);
  assert.equal(metrics.value('perch_impression_rejected_total', { reason: 'body-too-large' }), 1);
});

test('the edge of the accepted time window is inclusive: 10 minutes ahead and 48 hours back are counted', async () => {
  const r = await postBatch(server.url, makeBatch(pageViewId(), [{ seq: 0, kind: 'post', type: 'rendered', id: '5', ts: NOON + 10 * 60_000 }, { seq: 1, kind: 'post', type: 'rendered', id: '5', ts: NOON - 48 * 3_600_000 }]));
  assert.deepEqual(asAck(r), { accepted: 2, duplicates: 0 });
  assert.equal((await summary()).days.find((d) => d.day === '2026-03-08')?.rendered, 1);
});

test('days are UTC days: events a second apart across midnight land on two days', async () => {
  clock = Date.parse('2026-03-11T00:00:01.000Z');
  const s0 = await summary();
  const d10 = s0.days.find((d) => d.day === '2026-03-10')?.rendered ?? 0;
  const evening = Date.parse('2026-03-10T23:59:59.999Z');
  const r = await postBatch(server.url, makeBatch(pageViewId(), [{ seq: 0, kind: 'post', type: 'rendered', id: '7', ts: evening }, { seq: 1, kind: 'post', type: 'rendered', id: '7', ts: evening + 1 }, { seq: 2, kind: 'post', type: 'rendered', id: '7', ts: evening + 2 }]));
  assert.deepEqual(asAck(r), { accepted: 3, duplicates: 0 });
  const s = await summary();
  assert.equal(s.days.find((d) => d.day === '2026-03-10')?.rendered, d10 + 1);
  assert.equal(s.days.find((d) => d.day === '2026-03-11')?.rendered, 2);
  clock = NOON;
});

test('cross-origin: OPTIONS is answered and errors carry CORS headers too', async () => {
  const opt = await fetch(`${server.url}/v1/impressions`, { method: 'OPTIONS', headers: { origin: 'https://news.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  assert.equal(opt.status, 204);
  assert.equal(opt.headers.get('access-control-allow-origin'), '*');
  assert.match(opt.headers.get('access-control-allow-methods') ?? '', /POST/);
  const bad = await postBatch(server.url, '{');
  assert.equal(bad.headers.get('access-control-allow-origin'), '*');
});

test('the summary needs the admin token and checks its dates', async () => {
  assert.equal((await fetch(`${server.url}/v1/impressions/summary`)).status, 401);
  assert.equal((await fetch(`${server.url}/v1/impressions/summary?token=wrong`)).status, 401);
  assert.equal((await fetch(`${server.url}/v1/impressions/summary?token=admin-secret`)).status, 200);
  const bad = await fetch(`${server.url}/v1/impressions/summary?from=2026-02-30&to=2026-03-01`, { headers: { authorization: 'Bearer admin-secret' } });
  assert.equal(bad.status, 400);
  assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'from');
  const s = await summary();
  assert.equal(s.top[0]?.kind, 'post');
  assert.ok((s.top[0]?.rendered ?? 0) >= (s.top[1]?.rendered ?? 0));
});

test('report CLI prints daily totals as CSV and JSON, and refuses bad arguments', async () => {
  const out: string[] = [];
  const err: string[] = [];
  const expected = (await summary('2026-03-09', '2026-03-11')).days;
  assert.equal(await runReport(['--from', '2026-03-09', '--to', '2026-03-11', '--format', 'csv', '--data-dir', dir], (s) => out.push(s), (s) => err.push(s)), 0);
  const lines = out.join('').trim().split('\n');
  assert.equal(lines[0], 'date,site,rendered,viewable,post_rendered,post_viewable,timeline_rendered,timeline_viewable,threshold');
  const d10 = expected.find((d) => d.day === '2026-03-10');
  assert.ok(d10 !== undefined);
  assert.ok(lines.includes(`2026-03-10,*,${d10.rendered},${d10.viewable},${d10.byKind.post?.rendered},${d10.byKind.post?.viewable},${d10.byKind.timeline?.rendered},${d10.byKind.timeline?.viewable},10000000`), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('2026-03-09,*,0,0,')));
  out.length = 0;
  assert.equal(await runReport(['--from', '2026-03-09', '--to', '2026-03-11', '--format', 'json', '--data-dir', dir], (s) => out.push(s), (s) => err.push(s)), 0);
  const json = JSON.parse(out.join('')) as { days: Array<{ day: string; rendered: number }> };
  assert.deepEqual(json.days.map((d) => [d.day, d.rendered]), expected.map((d) => [d.day, d.rendered]));
  assert.equal(await runReport(['--from', 'yesterday', '--data-dir', dir], () => undefined, (s) => err.push(s)), 2);
  assert.match(err.join(''), /--from/);
  assert.equal(await runReport(['--format', 'xml', '--data-dir', dir], () => undefined, (s) => err.push(s)), 2);
  assert.equal(await runReport(['--data-dir', join(dir, 'nothing-here')], () => undefined, (s) => err.push(s)), 1);
});

test('LMDB keeps totals and dedupe state across a reopen', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'perch-imp-reopen-'));
  try {
    const pv = pageViewId();
    const batch = makeBatch(pv, postEvents(0, 20, NOON));
    const a = LmdbImpressionStore.open(scratch);
    assert.equal((await a.ingest(batch, NOON)).accepted, 20);
    const rowsBefore = await a.rows('2026-03-10', '2026-03-10');
    await a.close();
    const b = LmdbImpressionStore.open(scratch);
    assert.deepEqual(await b.rows('2026-03-10', '2026-03-10'), rowsBefore);
    assert.equal(await b.renderedTotal('2026-03-10'), 10);
    assert.deepEqual(await b.ingest(batch, NOON).then((r) => [r.accepted, r.duplicates]), [0, 20]);
    // After the retry window the page view is forgotten by the sweep.
    const later = LmdbImpressionStore.open(join(scratch, 'later'), { now: () => NOON + 49 * 3_600_000, sweepEveryMs: 0 });
    await later.ingest(batch, NOON);
    assert.equal(await later.sweep(), 1);
    await later.close();
    await b.close();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
