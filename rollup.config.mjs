// Two builds: the npm package (ESM, lit external, types, one module per file) and the
// CDN build (a tiny classic loader plus code-split, minified widget chunks with Lit once).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { cdnChunks } from './scripts/cdn-chunks.mjs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * TypeScript's maps, re-mapped by Rollup, name sources one or two folders too high
 * (`../../../../src/…` from `dist/npm/tweet/`). Every source lives in this repository, so
 * re-anchor each at the root and make it relative to the map again.
 */
const sourcemapPathTransform = (source, mapPath) => relative(dirname(mapPath), resolve(ROOT, source.replace(/^(\.\.\/)+/, '')));

/**
 * The npm build's entry points are `tsconfig.npm.json`'s `files`: TypeScript then declares only
 * what they import, so the package ships no declaration without its module, and nothing that
 * only the server or the CDN build uses. `src/tweet/tweet.ts` → `tweet/tweet`.
 */
const npmInput = Object.fromEntries(
  JSON.parse(readFileSync(resolve(ROOT, 'tsconfig.npm.json'), 'utf8')).files.map((file) => [file.replace(/^src\/|\.ts$/g, ''), file]),
);

const external = (id) => /^(lit|lit-html|lit-element|js-cookie|react|react-dom)(\/|$)|^@lit(-labs)?\//.test(id);

/**
 * The chunks each CDN widget file imports statically (transitively), relative to the widgets
 * folder: recorded from the widget build, written into the loader (built after it) in
 * place of the string 'PERCH_CHUNK_DEPS', so the loader can hint them as `modulepreload`
 * with the widget file and the browser fetches them side by side, not one after another.
 */
const chunkDeps = (() => {
  let deps = {};
  return {
    record: {
      name: 'perch-record-chunk-deps',
      generateBundle(_options, bundle) {
        const closure = (file, seen = new Set()) => {
          for (const dep of bundle[file]?.imports ?? []) if (!seen.has(dep)) (seen.add(dep), closure(dep, seen));
          return seen;
        };
        // Short on purpose (it ships in the loader): `{ "perch-tweet": ["chunks/core-…"] }`, names without `.js`.
        const name = (file) => file.replace(/\.js$/, '');
        deps = Object.fromEntries(Object.values(bundle).filter((c) => c.type === 'chunk' && c.isEntry).map((c) => [name(c.fileName), [...closure(c.fileName)].map(name)]));
      },
    },
    writeInto: {
      name: 'perch-write-chunk-deps',
      transform(code, id) {
        if (!id.endsWith('loader.ts')) return null;
        return { code: code.replace(/(['"])PERCH_CHUNK_DEPS\1/, JSON.stringify(JSON.stringify(deps))), map: null };
      },
    },
  };
})();

const terserOptions = { ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } };

/** @type {import('rollup').RollupOptions[]} */
const builds = [
  {
    input: npmInput,
    external,
    // A module of types only (consent/policy-types) is an entry so its declaration has a module: empty by design.
    onwarn: (warning, warn) => (warning.code === 'EMPTY_BUNDLE' ? undefined : warn(warning)),
    output: { dir: 'dist/npm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, sourcemapPathTransform },
    plugins: [
      typescript({ tsconfig: './tsconfig.npm.json', outDir: 'dist/npm', declaration: true, declarationDir: 'dist/npm' }),
    ],
  },
  {
    input: {
      'perch-tweet': 'src/cdn/entries/tweet.ts',
      'perch-static': 'src/cdn/entries/static.ts',
      'perch-consent': 'src/cdn/entries/consent.ts',
      'perch-timeline': 'src/cdn/entries/timeline.ts',
      'perch-video': 'src/cdn/entries/video.ts',
      'perch-buttons': 'src/cdn/entries/buttons.ts',
      'x-compat': 'src/cdn/entries/x-compat.ts',
    },
    output: {
      dir: 'dist/cdn/widgets',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      manualChunks: cdnChunks,
      sourcemap: true,
      sourcemapPathTransform,
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist/cdn/widgets' }),
      terser(terserOptions),
      chunkDeps.record,
    ],
  },
  // After the widget chunks: the loader is told which chunks each widget file imports (see chunkDeps).
  {
    input: 'src/cdn/loader.ts',
    output: { file: 'dist/cdn/perch.js', format: 'iife', sourcemap: true, sourcemapPathTransform },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist/cdn' }),
      chunkDeps.writeInto,
      terser({ ...terserOptions, module: false }),
    ],
  },
];

// The demo's "npm" page: an app bundled from the npm build above (run after it).
export const demoApp = {
  input: { 'npm-app': 'demo/npm-app.js', 'npm-app-bench': 'demo/npm-app-bench.js' },
  output: { dir: 'dist/demo', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [nodeResolve({ browser: true }), terser(terserOptions)],
};

export default [...builds, demoApp];
