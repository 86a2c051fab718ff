import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

// The WordPress plugin's PHP unit tests (Debian's phpunit): normalizers against the golden
// models, the media host allowlist, model URL rules, impressions batch checks, timeline inputs.
test('the plugin PHP unit tests pass', () => {
  const run = spawnSync('phpunit', ['-c', 'cms/wordpress/tests/phpunit.xml.dist'], { encoding: 'utf8' });
  assert.equal(run.error, undefined, 'phpunit runs (Debian package phpunit)');
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /OK \(\d+ tests/);
});
