import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { startServer, type RunningServer } from '../../server/index.js';
import { startFakeXApi, V2_TWINS, type FakeXApi } from '../support/fake-x-api.js';
import { startServerProcess } from '../support/processes.js';
import { XApiV2Upstream } from '../../server/upstream/x-api-v2-upstream.js';
import { UpstreamFailure } from '../../server/upstream/upstream.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { parseTimelinePage } from '../../src/data/timeline.js';

const HOUR = 3600_000;
const VIDEO = '1558553189766631429';
const EDITED = '1576994746135764992';
const QUOTE_REPLY = '1576995594388000768';
const GONE = '1276230436478386177';

let fake: FakeXApi;
let server: RunningServer | undefined;
let clock = Date.parse('2026-11-22T12:00:00Z');

async function start(extra: Record<string, unknown> = {}): Promise<RunningServer> {
  server = await startServer({ port: 0, upstream: 'x-api-v2', bearerToken: fake.token, xApiBaseUrl: fake.url, logLevel: 'silent', serveDemo: false, now: () => clock, adminToken: 'admin-secret', ...extra });
  return server;
}

beforeEach(async () => {
  clock = Date.parse('2026-11-22T12:00:00Z');
  fake = await startFakeXApi();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await fake.close();
});

interface Body {
  kind?: string;
  id?: string;
  reason?: string;
  error: { code: string; message: string };
  results: Array<{ kind: string; id: string; reason?: string }>;
  author?: { handle: string };
  media?: Array<{ type: string; variants?: unknown[] }>;
  quoted?: { id: string };
}
const get = async (path: string): Promise<{ status: number; body: Body; headers: Headers; text: string }> => {
  const res = await fetch((server?.url ?? '') + path);
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Body, headers: res.headers, text };
};
/** Wait until `count` background revalidations have finished (their outcome is in the cache); fails after 5 s. */
async function revalidated(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((server?.metrics.value('perch_cache_revalidations_total') ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`${count} revalidation(s) did not finish within 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('posts are looked up with the bearer token and every expansion and field the widget renders', async () => {
  await start();
  const video = await get(`/v1/tweets/${VIDEO}`);
  assert.equal(video.status, 200);
  assert.equal(video.body.kind, 'post');
  assert.equal(video.body.author?.handle, 'IgorBrigadir');
  assert.equal(video.body.media?.[0]?.variants?.length, 4);
  const call = fake.lookups()[0];
  assert.ok(call !== undefined && call.authorized, 'Authorization: Bearer <token> sent');
  assert.deepEqual(call.ids, [VIDEO]);
  const expansions = (call.params.get('expansions') ?? '').split(',');
  for (const e of ['author_id', 'attachments.media_keys', 'referenced_tweets.id', 'referenced_tweets.id.author_id', 'attachments.poll_ids', 'entities.mentions.username']) assert.ok(expansions.includes(e), `expansion ${e}`);
  const tweetFields = (call.params.get('tweet.fields') ?? '').split(',');
  for (const f of ['note_tweet', 'edit_history_tweet_ids', 'public_metrics', 'possibly_sensitive', 'lang', 'entities', 'conversation_id', 'in_reply_to_user_id', 'created_at', 'attachments', 'referenced_tweets']) assert.ok(tweetFields.includes(f), `tweet.fields ${f}`);
  for (const f of ['verified_type', 'profile_image_url', 'protected']) assert.ok((call.params.get('user.fields') ?? '').split(',').includes(f), `user.fields ${f}`);
  for (const f of ['variants', 'alt_text', 'preview_image_url', 'width', 'height', 'duration_ms', 'public_metrics']) assert.ok((call.params.get('media.fields') ?? '').split(',').includes(f), `media.fields ${f}`);
  assert.ok((call.params.get('poll.fields') ?? '').includes('options'));
  const batch = await get(`/v1/tweets?ids=${EDITED},${QUOTE_REPLY},${GONE}`);
  assert.deepEqual(batch.body.results.map((r) => r.kind), ['post', 'post', 'tombstone']);
  assert.equal(fake.lookups().length, 2, 'the three misses went in one call');
  assert.equal(await (await fetch(`${server?.url}/healthz`)).json().then((h) => (h as { upstream: string }).upstream), 'x-api-v2');
});

test('over sockets, each v2 twin answers the same model as its syndication recording', async () => {
  await start();
  for (const twin of V2_TWINS) {
    const r = await get(`/v1/tweets/${twin.id}`);
    const syn = normalizeSyndication(JSON.parse(readFileSync(`fixtures/syndication/${twin.syndicationFile}`, 'utf8')));
    assert.ok(syn.kind === 'post');
    const v2 = JSON.parse(r.text) as typeof syn;
    assert.deepEqual(v2.text, syn.text, `${twin.syndicationFile}: text`);
    assert.deepEqual({ ...v2.author }, { ...syn.author }, `${twin.syndicationFile}: author`);
    assert.deepEqual(v2.media.map((m) => m.type), syn.media.map((m) => m.type), `${twin.syndicationFile}: media`);
    assert.equal(v2.quoted?.id, syn.quoted?.id, `${twin.syndicationFile}: quoted`);
  }
});

test('misses arriving together are batched into calls of at most 100 ids', async () => {
  await start({ cache: { maxEntries: 1000, maxBytes: 1e7, freshMs: 15 * 60_000, batchWindowMs: 40 } });
  const ids = Array.from({ length: 150 }, (_, i) => String(7000 + i));
  const answers = await Promise.all([0, 50, 100].map((from) => get(`/v1/tweets?ids=${ids.slice(from, from + 50).join(',')}`)));
  assert.ok(answers.every((a) => a.status === 200 && a.body.results.every((r) => r.kind === 'tombstone' && r.reason === 'not-found')));
  const calls = fake.lookups();
  assert.equal(calls.length, 2);
  assert.deepEqual(calls.map((c) => c.ids.length).sort((a, b) => a - b), [50, 100]);
  assert.deepEqual(new Set(calls.flatMap((c) => c.ids)), new Set(ids));
});

test('concurrent requests for one id make one upstream call', async () => {
  await start();
  fake.setMode({ kind: 'slow', delayMs: 150 });
  const answers = await Promise.all(Array.from({ length: 50 }, () => get(`/v1/tweets/${VIDEO}`)));
  assert.ok(answers.every((a) => a.status === 200 && a.body.id === VIDEO));
  assert.equal(fake.lookups().length, 1);
  assert.equal(server?.metrics.value('perch_upstream_calls_total', { upstream: 'x-api-v2' }), 1);
});

test('partial errors become tombstones: not found → 404, not authorized → protected, suspended', async () => {
  await start();
  fake.fail(EDITED, 'not-authorized');
  fake.fail(QUOTE_REPLY, 'suspended');
  const batch = await get(`/v1/tweets?ids=${EDITED},${QUOTE_REPLY},${GONE},${VIDEO}`);
  assert.deepEqual(batch.body.results.map((r) => [r.id, r.kind, r.reason]), [
    [EDITED, 'tombstone', 'protected'],
    [QUOTE_REPLY, 'tombstone', 'suspended'],
    [GONE, 'tombstone', 'not-found'],
    [VIDEO, 'post', undefined],
  ]);
  assert.equal((await get(`/v1/tweets/${GONE}`)).status, 404);
});

test('when X starts reporting a cached post as not authorized, its tombstone replaces it at revalidation', async () => {
  await start();
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).body.kind, 'post');
  fake.fail(VIDEO, 'not-authorized');
  clock += 20 * 60_000;
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).body.kind, 'post', 'stale served while revalidated');
  await revalidated(1);
  const after = await get(`/v1/tweets/${VIDEO}`);
  assert.equal(fake.lookups().length, 2, 'revalidated once');
  assert.equal(after.body.kind, 'tombstone', after.text.slice(0, 300));
  assert.equal(after.body.reason, 'protected');
});

test('a wrong bearer token: X answers 401, clients get a 503 JSON error, /metrics counts an auth failure', async () => {
  await start({ bearerToken: 'not-the-right-token' });
  const r = await get(`/v1/tweets/${VIDEO}`);
  assert.equal(r.status, 503);
  assert.equal(r.body.error.code, 'upstream-error');
  assert.equal(fake.lookups()[0]?.authorized, false);
  assert.equal(server?.metrics.value('perch_upstream_errors_total', { kind: 'auth' }), 1);
});

test('a 429 stops X calls until x-rate-limit-reset, serves what is cached, and shows in /metrics', async () => {
  clock = Date.now();
  await start();
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).status, 200);
  fake.setMode({ kind: 'rate-limit', resetInSeconds: 120 });
  const limited = await get(`/v1/tweets/${EDITED}`);
  assert.equal(limited.status, 503);
  assert.equal(limited.body.error.code, 'upstream-rate-limited');
  assert.ok(Number(limited.headers.get('retry-after')) > 0);
  const callsAfter429 = fake.calls.length;
  for (const id of [QUOTE_REPLY, EDITED, GONE]) assert.equal((await get(`/v1/tweets/${id}`)).status, 503);
  assert.equal(fake.calls.length, callsAfter429, 'no X call during the rate limit');
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).body.kind, 'post', 'cached post still served');
  const metrics = await (await fetch(`${server?.url}/metrics`)).text();
  assert.match(metrics, /^perch_upstream_rate_limited 1$/m);
  assert.match(metrics, /^perch_upstream_errors_total\{kind="rate-limited"\} 1$/m);
  clock += 121_000;
  fake.setMode({ kind: 'normal' });
  assert.equal((await get(`/v1/tweets/${EDITED}`)).status, 200, 'calls resume after the reset');
});

test('5xx and malformed bodies become 503 JSON errors while cached posts keep serving (until 24 hours)', async () => {
  await start();
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).status, 200);
  for (const mode of [{ kind: 'server-error' as const, status: 503 }, { kind: 'server-error' as const, status: 500 }, { kind: 'malformed' as const }]) {
    fake.setMode(mode);
    const r = await get(`/v1/tweets/${EDITED}`);
    assert.equal(r.status, 503, JSON.stringify(mode));
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(r.body.error.code, 'upstream-error');
    assert.equal((await get(`/v1/tweets/${VIDEO}`)).body.kind, 'post', 'cached post still served');
  }
  assert.equal(server?.metrics.value('perch_upstream_errors_total', { kind: 'server' }), 2);
  assert.equal(server?.metrics.value('perch_upstream_errors_total', { kind: 'malformed' }), 1);
  clock += 24 * HOUR;
  const expired = await get(`/v1/tweets/${VIDEO}`);
  assert.equal(expired.status, 503, 'not served 24 hours after the last successful check');
});

test('a slow X API times out as an upstream failure of kind "timeout"', async () => {
  fake.setMode({ kind: 'slow', delayMs: 1000 });
  const upstream = new XApiV2Upstream({ bearerToken: fake.token, baseUrl: fake.url, timeoutMs: 150 });
  await assert.rejects(upstream.lookup([VIDEO]), (e: unknown) => e instanceof UpstreamFailure && e.kind === 'timeout' && !e.message.includes(fake.token));
});

test('the x-api-v2 upstream refuses to start without a token, with a clear error', async () => {
  await assert.rejects(startServer({ port: 0, upstream: 'x-api-v2', logLevel: 'silent', serveDemo: false }), /X_BEARER_TOKEN/);
  await assert.rejects(startServer({ port: 0, upstream: 'x-api-v2', bearerToken: 't', xApiBaseUrl: 'ftp://x', logLevel: 'silent', serveDemo: false }), /x-api-base-url/);
});

test('the bearer token never appears in logs or responses (CLI process, debug logs, failures included)', async () => {
  const token = `secret-${Date.now()}-token`;
  await fake.close();
  fake = await startFakeXApi({ token });
  const dataDir = `/tmp/perch-xapi-test-${process.pid}`;
  const proc = await startServerProcess(['--upstream', 'x-api-v2', '--no-demo', '--log-level', 'debug', '--x-api-base-url', fake.url], { X_BEARER_TOKEN: token, PERCH_ADMIN_TOKEN: 'admin-secret', PERCH_DATA_DIR: dataDir });
  const stderr: string[] = [];
  proc.child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  try {
    const bodies: string[] = [];
    const hit = async (path: string): Promise<void> => {
      const res = await fetch(proc.url + path);
      bodies.push(JSON.stringify([...res.headers]) + (await res.text()));
    };
    await hit(`/v1/tweets/${VIDEO}`);
    await hit(`/v1/tweets?ids=${EDITED},${GONE}`);
    for (const mode of [{ kind: 'server-error' as const }, { kind: 'malformed' as const }, { kind: 'rate-limit' as const, resetInSeconds: 1 }]) {
      fake.setMode(mode);
      await hit(`/v1/tweets/${String(8000 + bodies.length)}`);
    }
    fake.setMode({ kind: 'normal' });
    await hit('/metrics');
    await hit('/healthz');
    await hit('/oembed?url=https://x.com/IgorBrigadir/status/' + VIDEO);
    await hit('/v1/timelines/profile/nobody');
    assert.ok(fake.calls.length >= 4 && fake.calls.every((c) => c.authorized), 'the token was used');
    assert.ok(proc.logs.length > 5, 'debug logs were written');
    assert.ok(proc.logs.some((l) => l.includes('upstream')), 'failures were logged');
    for (const text of [...proc.logs, ...stderr, ...bodies]) assert.ok(!text.includes(token), `token leaked in: ${text.slice(0, 200)}`);
  } finally {
    await proc.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

function tweet(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = String(1_600_000_000_000_000_000n + BigInt(100 - i));
  return { id, text: `post number ${i} #perch`, author_id: '2244994945', created_at: new Date(Date.parse('2026-11-01T00:00:00Z') - i * 60_000).toISOString(), edit_history_tweet_ids: [id], public_metrics: { like_count: i, reply_count: 0, retweet_count: 0, quote_count: 0 }, entities: { hashtags: [{ start: 13 + String(i).length, end: 19 + String(i).length, tag: 'perch' }] }, ...extra };
}
const DEV = { id: '2244994945', name: 'Developers', username: 'XDevelopers', profile_image_url: 'https://pbs.twimg.com/profile_images/1/dev_normal.jpg', verified_type: 'business', protected: false };

test('profile and list timelines come from the X API with pagination tokens, replies excluded unless asked', async () => {
  const posts = Array.from({ length: 12 }, (_, i) => tweet(i, i === 4 ? { in_reply_to_user_id: '2244994945', referenced_tweets: [{ type: 'replied_to', id: '1500000000000000000' }] } : {}));
  fake.addTimeline({ user: DEV, tweets: posts });
  fake.addTimeline({ user: DEV, list: { id: '84839422', name: 'Perch Demo', description: 'A list' }, tweets: posts.slice(0, 7) });
  await start();
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r = await get(`/v1/timelines/profile/XDevelopers?limit=3${cursor === null ? '' : `&cursor=${cursor}`}`);
    assert.equal(r.status, 200, r.text);
    const page = parseTimelinePage(JSON.parse(r.text));
    assert.equal(page.owner.handle, 'XDevelopers');
    assert.equal(page.owner.verified, 'business');
    assert.equal(page.newestId, String(posts[0]?.id), 'newest of the whole timeline on every page');
    seen.push(...page.posts.map((p) => p.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== null && pages < 10);
  assert.deepEqual(seen, posts.filter((_, i) => i !== 4).map((p) => String(p.id)), 'every post once, newest first, the reply left out');
  const tokens = fake.calls.filter((c) => c.path === '/2/users/2244994945/tweets').map((c) => c.params.get('pagination_token'));
  assert.ok(tokens.some((t) => t !== null && /^tok[0-9]+x$/.test(t)), `X's pagination token was forwarded: ${JSON.stringify(tokens)}`);
  assert.ok(fake.calls.filter((c) => c.path.endsWith('/tweets')).every((c) => c.params.get('exclude') === 'replies'));

  const withReplies = parseTimelinePage(JSON.parse((await get('/v1/timelines/profile/id/2244994945?limit=20&replies=true')).text));
  assert.equal(withReplies.posts.length, 12);
  const first = withReplies.posts[0];
  assert.ok(first?.kind === 'post' && first.text.entities.some((e) => e.type === 'hashtag' && e.tag === 'perch'));

  const list = parseTimelinePage(JSON.parse((await get('/v1/timelines/list/84839422?limit=5')).text));
  assert.equal(list.title, 'Perch Demo');
  assert.equal(list.description, 'A list');
  assert.deepEqual(list.source, { type: 'list', listId: '84839422', ownerHandle: 'XDevelopers', slug: 'perch-demo' });
  assert.equal(list.posts.length, 5);
  assert.ok(list.nextCursor !== null);
  const rest = parseTimelinePage(JSON.parse((await get(`/v1/timelines/list/84839422?limit=5&cursor=${list.nextCursor}`)).text));
  assert.equal(rest.posts.length, 1, `the reply is filtered from list pages too: ${list.nextCursor} ${JSON.stringify(fake.calls.filter((c) => c.path.startsWith('/2/lists/84839422/')).map((c) => [c.params.get('max_results'), c.params.get('pagination_token')]))}`);
  assert.equal(rest.nextCursor, null);
  const bySlug = parseTimelinePage(JSON.parse((await get('/v1/timelines/list/XDevelopers/perch-demo?limit=5')).text));
  assert.equal(bySlug.source.type === 'list' && bySlug.source.listId, '84839422');

  assert.equal((await get('/v1/timelines/profile/nobody')).status, 404);
  assert.equal((await get('/v1/timelines/list/XDevelopers/no-such-list')).status, 404);
  assert.equal((await get('/v1/timelines/profile/XDevelopers?cursor=p1-bogus')).body.error.code, 'invalid-cursor');
  fake.setMode({ kind: 'rate-limit', resetInSeconds: 30 });
  const limited = await get('/v1/timelines/profile/XDevelopers');
  assert.equal(limited.status, 503);
  assert.equal(limited.body.error.code, 'upstream-rate-limited');
  // While the 429 lasts, a miss does not ask X again (another account, not cached either).
  const callsDuringLimit = fake.calls.length;
  const stillLimited = await get('/v1/timelines/profile/TwitterDev');
  assert.equal(stillLimited.status, 503);
  assert.ok(Number(stillLimited.headers.get('retry-after')) > 0);
  assert.equal(fake.calls.length, callsDuringLimit);
});

test('a 404 from a wrong X API base URL is an upstream failure, never a wave of tombstones', async () => {
  const upstream = new XApiV2Upstream({ bearerToken: fake.token, baseUrl: `${fake.url}/wrong-prefix` });
  await assert.rejects(upstream.lookup([VIDEO]), (e: unknown) => e instanceof UpstreamFailure && e.kind === 'server' && /base-url/.test(e.message));
});

test('over sockets, an X API slower than the 5 s timeout gives a 503 JSON error while cached posts keep serving', async () => {
  await start();
  assert.equal((await get(`/v1/tweets/${VIDEO}`)).status, 200);
  fake.setMode({ kind: 'slow', delayMs: 6000 });
  const [slow, cached] = await Promise.all([get(`/v1/tweets/${EDITED}`), get(`/v1/tweets/${VIDEO}`)]);
  assert.equal(cached.body.kind, 'post');
  assert.equal(slow.status, 503);
  assert.equal(slow.body.error.code, 'upstream-error');
  assert.equal(server?.metrics.value('perch_upstream_errors_total', { kind: 'timeout' }), 1);
});
