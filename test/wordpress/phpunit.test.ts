// The plugin's PHP unit tests (cms/wordpress/tests/wp, Debian's PHPUnit) against WordPress's
// own functions: run inside a real site where the plugin was installed from its zip.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, startWordPress, type WordPress } from './harness.js';

let site: WordPress;

before(async () => {
  site = await startWordPress();
});

after(async () => {
  await site?.stop();
});

test('PHPUnit: markup, URLs, old content, shortcodes', () => {
  const r = spawnSync('phpunit', ['-c', join(ROOT, 'cms/wordpress/tests/wp/phpunit.xml')], {
    encoding: 'utf8',
    env: { ...process.env, PERCH_WP_ROOT: site.root, PERCH_WP_HOST: new URL(site.url).host },
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /OK \(\d+ tests?, \d+ assertions?\)/);
});
