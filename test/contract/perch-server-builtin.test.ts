/**
 * perch-server with its built-in data (the demo's): every recorded post, the built-in timelines
 * and the placeholder media answer as openapi.yaml says.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/index.js';
import { contractProblems, type Answer } from './openapi-check.js';

let server: RunningServer;
let dataDir = '';
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'perch-contract-builtin-'));
  server = await startServer({ port: 0, logLevel: 'silent', serveDemo: false, dataDir });
});
after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function check(template: string, path: string): Promise<Answer> {
  const res = await fetch(server.url + path);
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: unknown;
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(bytes.toString('utf8')) as unknown;
  const answer = { status: res.status, headers: res.headers, bytes, json };
  assert.deepEqual(contractProblems('GET', template, answer), [], `${path} → ${res.status}`);
  return answer;
}

test('every recorded post, one at a time and in one batch, is a valid post model v1 answer', async () => {
  const ids = (JSON.parse(readFileSync('fixtures/index.json', 'utf8')) as { posts: Array<{ id: string }> }).posts.map((p) => p.id);
  for (const id of ids) assert.equal((await check('/v1/tweets/{id}', `/v1/tweets/${id}`)).status, 200, id);
  const batch = await check('/v1/tweets', `/v1/tweets?ids=${ids.join(',')}`);
  assert.equal((batch.json as { results: unknown[] }).results.length, ids.length);
});

test('the built-in timelines page as the contract says', async () => {
  for (const [template, path] of [
    ['/v1/timelines/profile/{name}', '/v1/timelines/profile/TwitterDev?limit=20'],
    ['/v1/timelines/profile/id/{userId}', '/v1/timelines/profile/id/783214?limit=5'],
    ['/v1/timelines/list/{id}', '/v1/timelines/list/9300000000000000001'],
  ] as const) {
    let next: string | null = '';
    for (let page = 0; next !== null && page < 20; page++) {
      const a = await check(template, `${path}${next === '' ? '' : `&cursor=${next}`}`.replace('9300000000000000001&', '9300000000000000001?'));
      assert.equal(a.status, 200, path);
      next = (a.json as { nextCursor: string | null }).nextCursor;
    }
  }
});

test('media on X hosts answers with the placeholder drawing; other hosts are refused', async () => {
  const ok = await check('/v1/media', `/v1/media?url=${encodeURIComponent('https://pbs.twimg.com/media/photo.jpg')}`);
  assert.equal(ok.headers.get('content-type'), 'image/svg+xml');
  assert.equal((await check('/v1/media', `/v1/media?url=${encodeURIComponent('https://example.com/a.jpg')}`)).status, 400);
});
