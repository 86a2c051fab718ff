// The plugin's translation template (languages/perch.pot) and its text-domain check.
// Strings come from the PHP (xgettext, WordPress's gettext keywords), the editor script
// (`wp.i18n` calls) and block.json files (title, description, keywords, as WordPress reads
// them, with the same contexts as WP-CLI's make-pot). Every gettext call must use the
// `perch` text domain: a call with another domain, or none, is refused before anything is written.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The plugin's text domain. */
export const TEXT_DOMAIN = 'perch';

/** WordPress's gettext functions: name → [msgid argument, text domain argument] (1-based). */
const GETTEXT = {
  __: [1, 2],
  _e: [1, 2],
  esc_html__: [1, 2],
  esc_html_e: [1, 2],
  esc_attr__: [1, 2],
  esc_attr_e: [1, 2],
  _x: [1, 3],
  _ex: [1, 3],
  esc_html_x: [1, 3],
  esc_attr_x: [1, 3],
  _n: [1, 4],
  _nx: [1, 5],
  _n_noop: [1, 3],
  _nx_noop: [1, 4],
};

/** xgettext keywords for PHP (context and plural argument positions as WordPress defines them). */
const PHP_KEYWORDS = ['__', '_e', 'esc_html__', 'esc_html_e', 'esc_attr__', 'esc_attr_e', '_x:1,2c', '_ex:1,2c', 'esc_html_x:1,2c', 'esc_attr_x:1,2c', '_n:1,2', '_nx:1,2,4c', '_n_noop:1,2', '_nx_noop:1,2,3c'];
/** xgettext keywords for `wp.i18n` in JavaScript. */
const JS_KEYWORDS = ['__', '_x:1,2c', '_n:1,2', '_nx:1,2,4c'];

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted, relative to `dir`. */
function filesUnder(dir, suffix, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'tests' && name !== 'node_modules' && name !== 'assets') out.push(...filesUnder(path, suffix, base));
    } else if (name.endsWith(suffix)) out.push(relative(base, path));
  }
  return out;
}

/** The plugin's PHP files (the tests' own PHP is not shipped and not translated). */
export function phpSources(pluginDir) {
  return filesUnder(pluginDir, '.php');
}

/** The editor scripts. */
export function jsSources(pluginDir) {
  return filesUnder(pluginDir, '.js');
}

/**
 * Every gettext call in the PHP sources with its text domain (null when there is none or
 * it is not a plain string), read with PHP's own tokenizer.
 *
 * @returns {{file: string, line: number, fn: string, domain: string | null}[]}
 */
export function phpGettextCalls(pluginDir) {
  const script = `
$names = json_decode( $argv[1], true );
$out = array();
foreach ( array_slice( $argv, 2 ) as $file ) {
  $tokens = array_values( array_filter( token_get_all( file_get_contents( $file ) ), static fn( $t ) => ! is_array( $t ) || ! in_array( $t[0], array( T_WHITESPACE, T_COMMENT, T_DOC_COMMENT ), true ) ) );
  foreach ( $tokens as $i => $t ) {
    if ( ! is_array( $t ) || T_STRING !== $t[0] || ! isset( $names[ $t[1] ] ) || '(' !== ( $tokens[ $i + 1 ] ?? null ) ) continue;
    $prev = $tokens[ $i - 1 ] ?? null;
    if ( is_array( $prev ) && in_array( $prev[0], array( T_FUNCTION, T_OBJECT_OPERATOR, T_DOUBLE_COLON, T_NEW ), true ) ) continue;
    $args = array( array() ); $depth = 0;
    for ( $j = $i + 2; $j < count( $tokens ); $j++ ) {
      $u = $tokens[ $j ];
      if ( in_array( $u, array( '(', '[', '{' ), true ) ) $depth++;
      if ( in_array( $u, array( ')', ']', '}' ), true ) ) { if ( 0 === $depth ) break; $depth--; }
      if ( ',' === $u && 0 === $depth ) { $args[] = array(); continue; }
      $args[ count( $args ) - 1 ][] = $u;
    }
    $arg = $args[ $names[ $t[1] ] - 1 ] ?? array();
    $domain = ( 1 === count( $arg ) && is_array( $arg[0] ) && T_CONSTANT_ENCAPSED_STRING === $arg[0][0] ) ? stripslashes( substr( $arg[0][1], 1, -1 ) ) : null;
    $out[] = array( 'file' => $file, 'line' => $t[2], 'fn' => $t[1], 'domain' => $domain );
  }
}
echo json_encode( $out );`;
  const names = Object.fromEntries(Object.entries(GETTEXT).map(([fn, [, domain]]) => [fn, domain]));
  const files = phpSources(pluginDir);
  if (files.length === 0) return [];
  const json = execFileSync('php', ['-r', script, JSON.stringify(names), ...files], { cwd: pluginDir, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(json);
}

/**
 * Every `wp.i18n` call in the editor scripts (`__`, `_x`, `_n`, `_nx`, called by name or as
 * `wp.i18n.__`) with its text domain, read with TypeScript's parser.
 *
 * @returns {{file: string, line: number, fn: string, domain: string | null}[]}
 */
export function jsGettextCalls(pluginDir) {
  const out = [];
  for (const file of jsSources(pluginDir)) {
    const text = readFileSync(join(pluginDir, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const visit = (node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const fn = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        const position = { __: 2, _x: 3, _n: 4, _nx: 5 }[fn];
        if (position !== undefined) {
          const arg = node.arguments[position - 1];
          out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, fn, domain: arg !== undefined && ts.isStringLiteralLike(arg) ? arg.text : null });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** Gettext calls whose text domain is not `perch`, as `file:line fn() uses "domain"` lines. */
export function textDomainProblems(pluginDir) {
  return [...phpGettextCalls(pluginDir), ...jsGettextCalls(pluginDir)]
    .filter((c) => c.domain !== TEXT_DOMAIN)
    .map((c) => `${c.file}:${c.line} ${c.fn}() ${c.domain === null ? 'has no literal text domain' : `uses the text domain "${c.domain}"`}`);
}

/** A PO string literal. */
function poString(s) {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** block.json strings as PO entries, with WordPress's contexts (what `register_block_type` translates). */
function blockJsonPo(pluginDir) {
  const entries = [];
  for (const file of filesUnder(pluginDir, 'block.json')) {
    const meta = JSON.parse(readFileSync(join(pluginDir, file), 'utf8'));
    const add = (context, text) => {
      if (typeof text === 'string' && text !== '') entries.push(`#: ${file}\nmsgctxt ${poString(context)}\nmsgid ${poString(text)}\nmsgstr ""\n`);
    };
    add('block title', meta.title);
    add('block description', meta.description);
    for (const keyword of meta.keywords ?? []) add('block keyword', keyword);
    for (const style of meta.styles ?? []) add('block style label', style?.label);
    for (const variation of meta.variations ?? []) {
      add('block variation title', variation?.title);
      add('block variation description', variation?.description);
      for (const keyword of variation?.keywords ?? []) add('block variation keyword', keyword);
    }
  }
  return `msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n${entries.join('\n')}`;
}

/**
 * Writes the translation template of the plugin in `pluginDir` to `outFile`.
 * Throws when a gettext call uses another text domain.
 *
 * @param {string} pluginDir The plugin's folder (cms/wordpress).
 * @param {string} outFile Where the .pot goes.
 * @param {string} version The plugin's version, for the header.
 */
export function writePot(pluginDir, outFile, version) {
  const problems = textDomainProblems(pluginDir);
  if (problems.length > 0) throw new Error(`gettext calls outside the "${TEXT_DOMAIN}" text domain:\n  ${problems.join('\n  ')}`);
  const work = mkdtempSync(join(tmpdir(), 'perch-pot-'));
  try {
    const blocks = join(work, 'blocks.po');
    writeFileSync(blocks, blockJsonPo(pluginDir));
    const common = ['--from-code=UTF-8', '--add-comments=translators:', '--sort-by-file', '--no-wrap', `--package-name=Perch`, `--package-version=${version}`, '--msgid-bugs-address=https://github.com/perch-widgets/perch/issues', '--copyright-holder=Perch contributors', '-o', outFile];
    execFileSync('xgettext', [...common, '--language=PHP', ...PHP_KEYWORDS.map((k) => `--keyword=${k}`), ...phpSources(pluginDir)], { cwd: pluginDir });
    execFileSync('xgettext', [...common, '--join-existing', '--language=JavaScript', ...JS_KEYWORDS.map((k) => `--keyword=${k}`), ...jsSources(pluginDir)], { cwd: pluginDir });
    execFileSync('xgettext', [...common, '--join-existing', '--language=PO', blocks], { cwd: pluginDir });
    // xgettext's header has placeholders: fill what WordPress's translation tools read.
    const pot = readFileSync(outFile, 'utf8')
      .replace(/^# SOME DESCRIPTIVE TITLE\.\n/m, '# Perch for X embeds, the WordPress plugin.\n')
      .replace(/^# This file is distributed under the same license as the Perch package\.\n/m, '# This file is distributed under the MIT license.\n')
      .replace(/^# Copyright \(C\) YEAR /m, `# Copyright (C) ${new Date().getUTCFullYear()} `)
      .replace(/^# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR\.\n/m, '')
      .replace(/^#, fuzzy\n(?=msgid ""\n)/m, '')
      .replace('"Language-Team: LANGUAGE <LL@li.org>\\n"\n', '"Language-Team: LANGUAGE <LL@li.org>\\n"\n"X-Domain: perch\\n"\n')
      .replace('charset=CHARSET', 'charset=UTF-8')
      .replace(new RegExp(`^#: ${blocks.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+\\n`, 'gm'), '');
    writeFileSync(outFile, pot);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The plugin's version, from the header of perch.php. */
export function pluginVersion(pluginDir) {
  const m = /^\s*\*\s*Version:\s*(\S+)/m.exec(readFileSync(join(pluginDir, 'perch.php'), 'utf8'));
  if (m === null) throw new Error('perch.php has no Version header');
  return m[1];
}

// `node cms/wordpress/i18n.mjs [out.pot]` (npm run pot:wordpress): the template for translators,
// by default cms/wordpress/languages/perch.pot (not committed: the plugin zip carries its own).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pluginDir = dirname(fileURLToPath(import.meta.url));
  const out = resolve(process.argv[2] ?? join(pluginDir, 'languages', 'perch.pot'));
  mkdirSync(dirname(out), { recursive: true });
  try {
    writePot(pluginDir, out, pluginVersion(pluginDir));
    console.log(`[perch] wrote ${out}`);
  } catch (error) {
    console.error(`[perch] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
