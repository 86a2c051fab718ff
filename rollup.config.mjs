// Two builds: the npm package (ESM, lit external, types, one module per file) and the
// CDN build (a tiny classic loader plus code-split, minified widget chunks with Lit once).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { cdnChunks } from './scripts/cdn-chunks.mjs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * TypeScript's maps, re-mapped by Rollup, name sources one or two folders too high
 * (`../../../../src/…` from `dist/npm/tweet/`). Every source lives in this repository, so
 * re-anchor each at the root and make it relative to the map again.
 */
const sourcemapPathTransform = (source, mapPath) => relative(dirname(mapPath), resolve(ROOT, source.replace(/^(\.\.\/)+/, '')));

const external = (id) => /^(lit|lit-html|lit-element|js-cookie|react|react-dom)(\/|$)|^@lit(-labs)?\//.test(id);

const terserOptions = { ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } };

/** @type {import('rollup').RollupOptions[]} */
const builds = [
  {
    input: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      'tweet/tweet.component': 'src/tweet/tweet.component.ts',
      'tweet/tweet': 'src/tweet/tweet.ts',
      'tweet/lite': 'src/tweet/lite.ts',
      'data/model': 'src/data/model.ts',
      'consent/index': 'src/consent/index.ts',
      'timeline/timeline.component': 'src/timeline/timeline.component.ts',
      'timeline/timeline': 'src/timeline/timeline.ts',
      'render/hydrate-support': 'src/render/hydrate-support.ts',
      'video/video.component': 'src/video/video.component.ts',
      'video/video': 'src/video/video.ts',
      'consent/consent-settings': 'src/consent/consent-settings.ts',
      'consent/disclosure': 'src/consent/disclosure.ts',
      'buttons/index': 'src/buttons/index.ts',
      'buttons/share-button.component': 'src/buttons/share-button.component.ts',
      'buttons/follow-button.component': 'src/buttons/follow-button.component.ts',
      'buttons/mention-button.component': 'src/buttons/mention-button.component.ts',
      'buttons/hashtag-button.component': 'src/buttons/hashtag-button.component.ts',
      'buttons/buttons': 'src/buttons/buttons.ts',
      'react/index': 'src/react/index.ts',
      'react/tweet': 'src/react/tweet.ts',
      'react/timeline': 'src/react/timeline.ts',
      'react/consent-settings': 'src/react/consent-settings.ts',
      'react/disclosure': 'src/react/disclosure.ts',
      'react/video': 'src/react/video.ts',
      'react/buttons': 'src/react/buttons.ts',
    },
    external,
    output: { dir: 'dist/npm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true, sourcemapPathTransform },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        outDir: 'dist/npm',
        declaration: true,
        declarationDir: 'dist/npm',
        exclude: ['src/cdn/**'],
      }),
    ],
  },
  {
    input: 'src/cdn/loader.ts',
    output: { file: 'dist/cdn/perch.js', format: 'iife', sourcemap: true, sourcemapPathTransform },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', declaration: false, outDir: 'dist/cdn' }),
      terser({ ...terserOptions, module: false }),
    ],
  },
  {
    input: {
      'perch-tweet': 'src/cdn/entries/tweet.ts',
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
