#!/usr/bin/env node
// Packs the WordPress plugin: copies the CDN build (dist/cdn, from `npm run build`) into
// the plugin's assets/ with the reservation stylesheet (assets/perch-reserve.css), writes its
// translation template (languages/perch.pot, xgettext) and writes dist/perch-wordpress.zip with Debian's `zip`.
// Nothing in the zip is fetched at install or run time.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pluginVersion, writePot } from './i18n.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cdn = join(root, 'dist/cdn');
const out = join(root, 'dist/perch-wordpress.zip');

if (!existsSync(join(cdn, 'perch.js'))) {
  console.error('[perch] dist/cdn/perch.js is missing: run `npm run build` first (or `npm run build:wordpress`).');
  process.exit(1);
}

/** `RESERVE_RULES` of src/cdn/reserve-rules.ts, the CSS the CDN loader adopts at run time. */
function reserveRules() {
  const script = "const m = await import('./src/cdn/reserve-rules.ts'); process.stdout.write(m.RESERVE_RULES);";
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
}

const stage = mkdtempSync(join(tmpdir(), 'perch-wp-'));
const plugin = join(stage, 'perch');
try {
  mkdirSync(plugin);
  for (const entry of ['perch.php', 'uninstall.php', 'readme.txt', 'includes', 'blocks']) {
    if (existsSync(join(here, entry))) cpSync(join(here, entry), join(plugin, entry), { recursive: true });
  }
  // The translation template, made from the files just copied (a wrong text domain stops the build).
  mkdirSync(join(plugin, 'languages'));
  writePot(plugin, join(plugin, 'languages/perch.pot'), pluginVersion(plugin));
  // Source maps stay out of the zip: they name files the site does not serve.
  cpSync(cdn, join(plugin, 'assets'), { recursive: true, filter: (src) => !src.endsWith('.map') });
  // The loader's reservation rules as a stylesheet the plugin prints before any script (one source, no drift).
  writeFileSync(join(plugin, 'assets/perch-reserve.css'), reserveRules() + '\n');
  rmSync(out, { force: true });
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('zip', ['-q', '-r', '-X', out, 'perch'], { cwd: stage, stdio: 'inherit' });
  console.log(`[perch] wrote ${out}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
