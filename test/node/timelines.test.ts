// The timeline routes over real sockets: a tiny HTTP harness around a Router, with the
// same error handling as server/index.ts, serving the fixture timelines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Router } from '../../server/http/router.js';
import { HttpError, sendError, type RequestContext } from '../../server/http/context.js';
import { registerTimelineRoutes } from '../../server/timelines/timeline-routes.js';
import { decodeCursor, encodeCursor } from '../../server/timelines/cursor.js';
import { parseTimelinePage, type TimelinePage } from '../../src/data/timeline.js';
import type { ErrorResponse } from '../../src/data/api.js';

let clock = Date.parse('2026-11-22T12:00:00Z');
let server: Server;
let base = '';

before(async () => {
  const router = new Router();
  registerTimelineRoutes(router, { rootDir: resolve(import.meta.dirname, '../..'), now: () => clock });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const ctx: RequestContext = { req, res, method: req.method ?? 'GET', url, params: {} };
    void (async () => {
      try {
        const match = router.match(ctx.method, url.pathname);
        if (match === undefined) throw new HttpError(404, 'not-found', `Nothing at ${url.pathname}.`);
        if ('allowed' in match) throw new HttpError(405, 'method-not-allowed', 'not allowed');
        ctx.params = match.params;
        await match.handler(ctx);
      } catch (error) {
        sendError(ctx, error instanceof HttpError ? error : new HttpError(500, 'internal', String(error)));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

async function get(path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as unknown, headers: res.headers };
}

async function page(path: string): Promise<TimelinePage> {
  const r = await get(path);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return parseTimelinePage(r.body);
}

async function walk(path: string, limit: number): Promise<{ pages: TimelinePage[]; ids: string[] }> {
  const pages: TimelinePage[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const sep = path.includes('?') ? '&' : '?';
    const p = await page(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    pages.push(p);
    cursor = p.nextCursor;
    assert.ok(pages.length < 100, 'paging never ends');
  }
  return { pages, ids: pages.flatMap((p) => p.posts.map((x) => x.id)) };
}

test('a profile by screen name: recorded posts first, header data, default 10 per page', async () => {
  const p = await page('/v1/timelines/profile/TwitterDev');
  assert.equal(p.kind, 'timeline');
  assert.deepEqual(p.source, { type: 'profile', userId: '2244994945', handle: 'TwitterDev' });
  assert.equal(p.url, 'https://x.com/TwitterDev');
  assert.equal(p.owner.handle, 'TwitterDev');
  assert.equal(p.posts.length, 10);
  assert.equal(p.posts[0]?.id, '1364275610764201984', 'the newest recorded post comes first');
  assert.equal(p.newestId, '1364275610764201984');
  const first = p.posts[0];
  assert.ok(first?.kind === 'post' && first.counts.likes === 37 && first.createdAt === '2021-02-23T18:07:07.000Z');
  assert.ok(first?.kind === 'post' && first.text.entities.some((e) => e.type === 'mention' && e.handle === 'suhemparack'));
  assert.equal(p.synthetic, true);
  assert.match(p.nextCursor ?? '', /^[A-Za-z0-9_-]+$/);
});

test('screen names are case-insensitive; user ids and lists resolve too', async () => {
  const byName = await page('/v1/timelines/profile/twitter?limit=3');
  const byId = await page('/v1/timelines/profile/id/783214?limit=3');
  assert.deepEqual(byName.posts.map((p) => p.id), byId.posts.map((p) => p.id));
  assert.equal(byId.posts[0]?.id, '1577730467436138524');
  assert.equal(byId.posts[0]?.kind === 'post' && byId.posts[0].createdAt, '2022-10-05T18:40:30.908Z', 'time recovered from the snowflake id');
  const list = await page('/v1/timelines/list/9300000000000000001?limit=5');
  const bySlug = await page('/v1/timelines/list/TwitterDev/perch-demo?limit=5');
  assert.deepEqual(list.posts.map((p) => p.id), bySlug.posts.map((p) => p.id));
  assert.equal(list.source.type, 'list');
  assert.equal(list.title, 'Perch demo list');
  assert.equal(list.url, 'https://x.com/i/lists/9300000000000000001');
  const authors = new Set(list.posts.map((p) => (p.kind === 'post' ? p.author.handle : '')));
  assert.deepEqual([...authors], ['Twitter'], 'the newest list posts are @Twitter’s (2022)');
});

test('paging with the cursor reaches the end: every post once, newest first, replies only on request', async () => {
  const { pages, ids } = await walk('/v1/timelines/profile/TwitterDev', 7);
  assert.equal(new Set(ids).size, ids.length, 'no post twice');
  assert.equal(pages.at(-1)?.nextCursor, null);
  assert.ok(pages.slice(0, -1).every((p) => p.posts.length === 7));
  // 5 recorded + 40 synthetic, of which every 6th is a reply (6 replies).
  assert.equal(ids.length, 5 + 40 - 6);
  const times = pages.flatMap((p) => p.posts.map((x) => (x.kind === 'post' ? Date.parse(x.createdAt) : 0)));
  assert.deepEqual([...times].sort((a, b) => b - a), times);
  const all = pages.flatMap((p) => p.posts);
  assert.ok(all.every((p) => p.kind === 'post' && p.replyTo === undefined));
  assert.ok(all.filter((p) => p.id.startsWith('9')).every((p) => p.kind === 'post' && p.text.text.startsWith('Synthetic')));

  const withReplies = await walk('/v1/timelines/profile/TwitterDev?replies=true', 20);
  assert.equal(withReplies.ids.length, 45);
  assert.equal(withReplies.pages.length, 3);
});

test('limit is 1–20, default 10; anything else is a 400 naming limit', async () => {
  assert.equal((await page('/v1/timelines/profile/Twitter?limit=1')).posts.length, 1);
  assert.equal((await page('/v1/timelines/profile/Twitter?limit=20')).posts.length, 20);
  for (const bad of ['0', '21', '-1', 'ten', '1.5', '99999']) {
    const r = await get(`/v1/timelines/profile/Twitter?limit=${bad}`);
    assert.equal(r.status, 400, bad);
    const e = (r.body as ErrorResponse).error;
    assert.equal(e.code, 'invalid-limit');
    assert.equal(e.param, 'limit');
    assert.match(e.message, /1 to 20/);
  }
});

test('bad names, ids, slugs and cursors are 400s; unknown sources 404', async () => {
  const cases: Array<[string, number, string]> = [
    ['/v1/timelines/profile/not-a-name', 400, 'invalid-screen-name'],
    ['/v1/timelines/profile/abcdefghijklmnop', 400, 'invalid-screen-name'],
    ['/v1/timelines/profile/id/12ab', 400, 'invalid-user-id'],
    ['/v1/timelines/list/list-one', 400, 'invalid-list-id'],
    ['/v1/timelines/list/Twitter%20Dev/perch-demo', 400, 'invalid-screen-name'],
    ['/v1/timelines/list/TwitterDev/%3Cscript%3E', 400, 'invalid-slug'],
    ['/v1/timelines/profile/Twitter?cursor=%3C%3E', 400, 'invalid-cursor'],
    [`/v1/timelines/profile/Twitter?cursor=${Buffer.from('hello').toString('base64url')}`, 400, 'invalid-cursor'],
    [`/v1/timelines/profile/Twitter?cursor=${encodeCursor('1364275610764201984')}`, 400, 'invalid-cursor'],
    ['/v1/timelines/profile/Twitter?replies=maybe', 400, 'invalid-replies'],
    ['/v1/timelines/profile/nobody_here', 404, 'not-found'],
    ['/v1/timelines/profile/id/1', 404, 'not-found'],
    ['/v1/timelines/list/42', 404, 'not-found'],
    ['/v1/timelines/list/Twitter/perch-demo', 404, 'not-found'],
  ];
  for (const [path, status, code] of cases) {
    const r = await get(path);
    assert.equal(r.status, status, path);
    assert.equal((r.body as ErrorResponse).error.code, code, path);
    assert.ok((r.body as ErrorResponse).error.message.length > 10, path);
  }
  const cross = await get(`/v1/timelines/profile/Twitter?cursor=${encodeCursor('1364275610764201984')}`);
  assert.match((cross.body as ErrorResponse).error.message, /does not belong/);
});

test('posts from the future are not served until the clock reaches them', async () => {
  const saved = clock;
  try {
    clock = Date.parse('2022-10-01T00:00:00Z');
    const before = await page('/v1/timelines/profile/Twitter?limit=3');
    assert.equal(before.newestId, '1565318587736285184');
    clock = saved;
    const after = await page('/v1/timelines/profile/Twitter?limit=3');
    assert.equal(after.newestId, '1577730467436138524');
  } finally {
    clock = saved;
  }
});

test('cursors round-trip and carry no readable structure', () => {
  const c = encodeCursor('9110000000000000007');
  assert.equal(decodeCursor(c), '9110000000000000007');
  assert.doesNotMatch(c, /9110000000000000007/);
  assert.throws(() => decodeCursor('x'));
});

test('pages are cacheable for a minute and HEAD works', async () => {
  const r = await fetch(`${base}/v1/timelines/profile/Twitter`, { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=60');
});
