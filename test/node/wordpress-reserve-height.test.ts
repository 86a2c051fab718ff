// The WordPress plugin reserves a post's height on the server with a PHP copy of
// `estimatePostHeight`: on every golden post model, at X's widths and with cards or the thread
// hidden, it gives the same pixels as the TypeScript the widgets use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultReserveHeight, estimatePostHeight } from '../../src/post/reserve-height.js';
import type { PostResult } from '../../src/data/model.js';

const GOLDEN = 'cms/wordpress/tests/golden';
const CASES: Array<{ width: number; hideCards: boolean; hideThread: boolean }> = [
  { width: 550, hideCards: false, hideThread: false },
  { width: 400, hideCards: true, hideThread: false },
  { width: 250, hideCards: false, hideThread: true },
  { width: 9999, hideCards: false, hideThread: false },
];

const PHP = `define('ABSPATH', '/'); define('HOUR_IN_SECONDS', 3600); require 'cms/wordpress/includes/reserve.php';
$in = json_decode(stream_get_contents(STDIN), true);
$out = array('default' => array_map(fn($w) => perch_default_reserve_height($w), array(550, 400, 250)), 'posts' => array());
foreach ($in['models'] as $m) foreach ($in['cases'] as $c) $out['posts'][] = perch_estimate_post_height($m, $c['width'], $c['hideCards'], $c['hideThread']);
echo json_encode($out);`;

test('the PHP reserved height equals the TypeScript one on every golden post model', () => {
  const models: PostResult[] = [];
  for (const dir of readdirSync(GOLDEN)) for (const f of readdirSync(join(GOLDEN, dir)).sort()) {
    const m = JSON.parse(readFileSync(join(GOLDEN, dir, f), 'utf8')) as PostResult | { results?: unknown };
    if ('kind' in m && (m.kind === 'post' || m.kind === 'tombstone')) models.push(m);
  }
  assert.ok(models.length >= 10, `${models.length} golden models`);
  const php = JSON.parse(execFileSync('php', ['-r', PHP], { input: JSON.stringify({ models, cases: CASES }), encoding: 'utf8' })) as { default: number[]; posts: number[] };
  assert.deepEqual(php.default, [550, 400, 250].map((w) => defaultReserveHeight(w)));
  const expected = models.flatMap((m) => CASES.map((c) => estimatePostHeight(m, c.width, { hideCards: c.hideCards, hideThread: c.hideThread })));
  const differ = expected.map((h, i) => [h, php.posts[i]] as const).filter(([h, p]) => h !== p);
  assert.deepEqual(differ, [], `${differ.length} of ${expected.length} estimates differ`);
  assert.ok(new Set(expected).size > 10, 'the models give many different heights');
});
