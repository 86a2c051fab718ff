#!/usr/bin/env node
// Packs the WordPress plugin: copies the CDN build (dist/cdn, from `npm run build`) into
// the plugin's assets/, writes its translation template (languages/perch.pot, xgettext) and
// writes dist/perch-wordpress.zip with Debian's `zip`.
// Nothing in the zip is fetched at install or run time.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
  rmSync(out, { force: true });
  mkdirSync(dirname(out), { recursive: true });
  execFileSync('zip', ['-q', '-r', '-X', out, 'perch'], { cwd: stage, stdio: 'inherit' });
  console.log(`[perch] wrote ${out}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
