// Lays out the perch-server package inside server/ from the build: the compiled server and the shared
// model code (dist/server → server/dist), the widgets' CDN build with brotli (quality 11) and gzip
// copies beside each file (dist/cdn → server/dist/cdn), and the built-in data (fixtures → server/fixtures).
// Runs at the end of `npm run build` and before `npm pack -w server`. The output is not committed.
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'server');
const need = [join(root, 'dist/server/server/cli.js'), join(root, 'dist/cdn/perch.js')];
for (const file of need) {
  if (!existsSync(file)) {
    console.error(`[perch] ${file} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

rmSync(join(pkg, 'dist'), { recursive: true, force: true });
rmSync(join(pkg, 'fixtures'), { recursive: true, force: true });
const noMaps = (src) => !src.endsWith('.map');
cpSync(join(root, 'dist/server/server'), join(pkg, 'dist/server'), { recursive: true, filter: noMaps });
cpSync(join(root, 'dist/server/src'), join(pkg, 'dist/src'), { recursive: true, filter: noMaps });
cpSync(join(root, 'dist/cdn'), join(pkg, 'dist/cdn'), { recursive: true });
for (const part of ['index.json', 'syndication', 'timelines', 'x-api-v2']) cpSync(join(root, 'fixtures', part), join(pkg, 'fixtures', part), { recursive: true });
chmodSync(join(pkg, 'dist/server/cli.js'), 0o755);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
let raw = 0;
let br = 0;
for (const file of walk(join(pkg, 'dist/cdn')).filter((f) => /\.(js|map)$/.test(f))) {
  const body = readFileSync(file);
  const coded = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  writeFileSync(`${file}.br`, coded);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  if (file.endsWith('.js')) {
    raw += body.length;
    br += coded.length;
  }
}
console.log(`[perch] server/ package laid out: widget scripts ${raw} B, ${br} B with brotli`);
