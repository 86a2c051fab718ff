/**
 * The plugin's built-in endpoint with no bearer token: posts come from X's syndication data (a
 * local fake here) and are the post model the TypeScript normalizer makes of the same payloads;
 * deleted posts are tombstones; timelines say they need the X API.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startWordPress, type WordPress } from './harness.js';
import { startFakeSyndication, type FakeSyndication } from '../support/fake-syndication.js';
import { normalizeSyndication } from '../../server/normalize/normalize-syndication.js';
import { contractProblems, type Answer } from '../contract/openapi-check.js';

const index = JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { posts: Array<{ file: string; id: string }> };
let fake: FakeSyndication;
let site: WordPress;
let base = '';

before(async () => {
  fake = await startFakeSyndication();
  site = await startWordPress({ constants: { PERCH_SYNDICATION_URL: fake.url, PERCH_FRESH_SECONDS: 0 } });
  base = `${site.url}/wp-json/perch`;
});
after(async () => {
  await site?.stop();
  await fake?.close();
});

async function call(template: string, path: string): Promise<Answer> {
  const res = await fetch(base + path);
  const bytes = Buffer.from(await res.arrayBuffer());
  const answer: Answer = { status: res.status, headers: res.headers, bytes, json: JSON.parse(bytes.toString('utf8')) as unknown };
  assert.deepEqual(contractProblems('GET', template, answer), [], `${path} → ${res.status} ${bytes.toString('utf8').slice(0, 200)}`);
  return answer;
}

test('every recorded syndication post is answered as the TypeScript normalizer makes it', async () => {
  let checked = 0;
  for (const { file, id } of index.posts) {
    const payload = JSON.parse(readFileSync(`fixtures/syndication/${file}`, 'utf8')) as { id_str?: string };
    if (payload.id_str === undefined) continue; // a recorded tombstone: the fake serves posts by id (deletion is checked below)
    const want = normalizeSyndication(payload, { id });
    const a = await call('/v1/tweets/{id}', `/v1/tweets/${id}`);
    assert.equal(a.status, 200, file);
    assert.deepEqual(a.json, JSON.parse(JSON.stringify(want)), file);
    checked++;
  }
  assert.ok(checked >= 10 && fake.calls.length >= checked, 'the syndication host was asked for each');
});

test('a post deleted on X becomes a deleted tombstone with X wording, in a batch too', async () => {
  const id = '1641086480675225601';
  assert.equal(((await call('/v1/tweets/{id}', `/v1/tweets/${id}`)).json as { kind: string }).kind, 'post');
  fake.remove(id);
  const gone = await call('/v1/tweets/{id}', `/v1/tweets/${id}`);
  assert.equal(gone.status, 200);
  assert.deepEqual(gone.json, { kind: 'tombstone', version: 1, id, reason: 'deleted', message: 'This Post was deleted by the Post author. Learn more' });
  const batch = await call('/v1/tweets', `/v1/tweets?ids=${id},42`);
  assert.deepEqual((batch.json as { results: Array<{ kind: string; reason?: string }> }).results.map((r) => r.reason), ['deleted', 'not-found']);
});

test('requests to X carry the tailoring opt-out on a child-directed site, and when the page asks with dnt=true', async () => {
  const asked = (): string | null => fake.queries[fake.queries.length - 1]?.get('dnt') ?? null;
  await call('/v1/tweets/{id}', '/v1/tweets/1641895049427550208');
  assert.equal(asked(), null);
  await call('/v1/tweets', '/v1/tweets?ids=1641895049427550208&dnt=true');
  assert.equal(asked(), 'true');
  await site.php(`update_option( 'perch_settings', array_merge( (array) get_option( 'perch_settings', array() ), array( 'child_directed' => true ) ) ); echo 'ok';`);
  try {
    assert.equal(await site.php(`echo perch_child_directed( 0 ) ? 'yes' : 'no';`), 'yes');
    await call('/v1/tweets/{id}', '/v1/tweets/1641895049427550208');
    assert.equal(asked(), 'true');
  } finally {
    await site.php(`update_option( 'perch_settings', array_merge( (array) get_option( 'perch_settings', array() ), array( 'child_directed' => false ) ) ); echo 'ok';`);
  }
});

test('timelines answer 501: syndication data cannot list posts', async () => {
  const a = await call('/v1/timelines/profile/{name}', '/v1/timelines/profile/XDevelopers');
  assert.equal(a.status, 501);
  assert.equal((a.json as { error: { code: string } }).error.code, 'timelines-unsupported');
});
