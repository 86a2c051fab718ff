// What the npm build (`dist/npm`, from `npx rollup -c rollup.config.mjs` or `npm run build`)
// puts in the package: every declaration beside its module, every import a published module or
// a declared dependency, and none of the embed server's own code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NPM = join(ROOT, 'dist/npm');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}

function built(): string[] {
  assert.ok(existsSync(join(NPM, 'index.js')), 'dist/npm is missing: run `npx rollup -c rollup.config.mjs` (or `npm run build`) first');
  return walk(NPM).map((file) => relative(NPM, file));
}

/** Module specifiers of `import … from`, `export … from`, `import('…')` and `import '…'`. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g)) found.push(match[2]!);
  return found;
}

/** Every server-only source, by its name (the normalizers of X's answers). Static rendering ships: `perch-widgets/render`. */
function serverOnlyNames(): string[] {
  return ['normalize'].flatMap((folder) =>
    readdirSync(join(ROOT, 'server', folder))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.replace(/\.ts$/, '')),
  );
}

test('every declaration file has its JavaScript module beside it', () => {
  const files = new Set(built());
  const declarations = [...files].filter((file) => file.endsWith('.d.ts'));
  assert.ok(declarations.length > 20, `the build declares its modules (${declarations.length} .d.ts files)`);
  const alone = declarations.filter((file) => !files.has(file.replace(/\.d\.ts$/, '.js')));
  assert.deepEqual(alone, [], 'declarations without a module');
});

test('each export of package.json points at a shipped module and its declaration', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { types: string; default: string }> };
  const files = new Set(built());
  for (const [name, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    for (const path of [target.types, target.default]) assert.ok(files.has(relative('dist/npm', path)), `${name} -> ${path} is in dist/npm`);
  }
});

test('modules and declarations import only shipped modules and declared dependencies', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
  const files = new Set(built());
  const problems: string[] = [];
  for (const file of files) {
    if (!file.endsWith('.js') && !file.endsWith('.d.ts')) continue;
    for (const spec of specifiers(readFileSync(join(NPM, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = join(dirname(file), spec);
        const candidates = file.endsWith('.d.ts') ? [target.replace(/\.js$/, '.d.ts'), `${target}.d.ts`, join(target, 'index.d.ts')] : [target];
        if (!candidates.some((candidate) => files.has(candidate))) problems.push(`${file} imports ${spec}, which is not in the package`);
      } else {
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        if (!allowed.has(name)) problems.push(`${file} imports ${spec}, which is not a dependency`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test('none of the embed server’s own code (the normalizers) is in the package', () => {
  const serverOnly = serverOnlyNames();
  assert.ok(serverOnly.includes('normalize-syndication') && serverOnly.includes('normalize-x-api-v2'), `server-only modules found: ${serverOnly.join(', ')}`);
  const shipped = built().filter((file) => serverOnly.includes(file.replace(/^.*\//, '').replace(/\.(d\.ts|js|js\.map|d\.ts\.map)$/, '')));
  assert.deepEqual(shipped, []);
});
