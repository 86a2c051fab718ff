// The plugin is translatable: the zip carries languages/perch.pot with the strings of the
// settings page, the blocks and the editor script under a proper header; every gettext call
// uses the `perch` text domain (a wrong or missing one stops the build); and a translation
// dropped into the plugin's languages/ folder is used by a real WordPress.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_ZIP, ROOT, publishPost, startWordPress, type WordPress } from './harness.js';
import { pluginVersion, textDomainProblems, writePot } from '../../cms/wordpress/i18n.mjs';

const PLUGIN = join(ROOT, 'cms/wordpress');

/** The template inside the built zip. */
function potFromZip(): string {
  return execFileSync('unzip', ['-p', PLUGIN_ZIP, 'perch/languages/perch.pot'], { encoding: 'utf8' });
}

/** The PO entry for `msgid` (with its context when given), or undefined. */
function entry(pot: string, msgid: string, context?: string): string | undefined {
  const quoted = JSON.stringify(msgid).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ctx = context === undefined ? '' : `msgctxt ${JSON.stringify(context)}\\n`;
  return new RegExp(`(?:^#[^\\n]*\\n)*${ctx}msgid ${quoted}\\n(?:msgid_plural [^\\n]*\\n)?msgstr`, 'm').exec(pot)?.[0];
}

describe('the translation template in the zip', () => {
  test('has a header naming Perch, its version and the perch text domain', () => {
    const pot = potFromZip();
    assert.match(pot, new RegExp(`^"Project-Id-Version: Perch ${pluginVersion(PLUGIN).replace(/\./g, '\\.')}\\\\n"$`, 'm'));
    assert.match(pot, /^"X-Domain: perch\\n"$/m);
    assert.match(pot, /^"Content-Type: text\/plain; charset=UTF-8\\n"$/m);
    assert.doesNotMatch(pot, /^#, fuzzy$/m);
    execFileSync('msgfmt', ['--check', '-o', '/dev/null', '-'], { input: pot }); // well-formed for gettext's own tools
  });

  test('holds the settings page\'s, the blocks\' and the editor\'s strings, with references and translator notes', () => {
    const pot = potFromZip();
    assert.match(entry(pot, 'Show posts before consent') ?? '', /^#: includes\/settings-page\.php:\d+/m);
    assert.ok(entry(pot, 'Embed server URL'), 'settings field label');
    assert.ok(entry(pot, 'View this post on X'), 'the post fallback');
    assert.match(entry(pot, 'Post from X', 'block title') ?? '', /^#: .*blocks\/post\/block\.json/m);
    assert.ok(entry(pot, 'X embeds consent settings', 'block title'));
    assert.match(entry(pot, 'Hide link previews and media cards') ?? '', /^#: blocks\/editor\.js:\d+/m);
    assert.match(entry(pot, 'Posts by @%s on X') ?? '', /^#\. translators: %s: an X handle\.$/m);
  });
});

describe('text domains', () => {
  test('every gettext call in the plugin\'s PHP and editor script uses "perch"', () => {
    assert.deepEqual(textDomainProblems(PLUGIN), []);
  });

  test('a call with another domain, or none, is named and stops the template', () => {
    const copy = mkdtempSync(join(tmpdir(), 'perch-i18n-'));
    try {
      cpSync(PLUGIN, copy, { recursive: true, filter: (src) => !src.includes('/tests/') });
      writeFileSync(join(copy, 'includes/stray.php'), `<?php\nfunction perch_stray(): string {\n\treturn esc_html__( 'Stray', 'default' ) . _x( 'Tag', 'noun' ) . __( 'Fine', 'perch' );\n}\n`);
      writeFileSync(join(copy, 'blocks/stray.js'), `wp.i18n.__('Stray');\nvar __ = wp.i18n.__;\n__('Other', 'other-plugin');\n`);
      assert.deepEqual(textDomainProblems(copy).sort(), [
        'blocks/stray.js:1 __() has no literal text domain',
        'blocks/stray.js:3 __() uses the text domain "other-plugin"',
        'includes/stray.php:3 _x() has no literal text domain',
        'includes/stray.php:3 esc_html__() uses the text domain "default"',
      ]);
      const out = join(copy, 'out.pot');
      assert.throws(() => writePot(copy, out, '0.0.0'), /outside the "perch" text domain/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('on a real WordPress', () => {
  let site: WordPress;
  before(async () => {
    site = await startWordPress({ constants: { WPLANG: 'fr_FR' } }); // a French site (the option only takes installed languages)
  });
  after(async () => {
    await site?.stop();
  });

  test('a translation in the plugin\'s languages/ folder is used on the front end', async () => {
    const po = `msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr_FR\\n"\n\nmsgid "View this post on X"\nmsgstr "Voir ce post sur X"\n`;
    execFileSync('msgfmt', ['-o', join(site.root, 'wp-content/plugins/perch/languages/perch-fr_FR.mo'), '-'], { input: po });
    const { url } = await publishPost(site, 'Traduit', '[tweet id="1641086480675225601"]');
    const html = await (await fetch(url)).text();
    assert.match(html, /<blockquote class="perch-fallback"><p><a href="[^"]+">Voir ce post sur X<\/a>/);
    assert.deepEqual(site.pluginErrors(), []);
    assert.equal(readFileSync(join(site.root, 'wp-content/plugins/perch/languages/perch.pot'), 'utf8'), potFromZip(), 'the template was installed with the plugin');
  });
});
