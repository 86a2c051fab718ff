/**
 * The apps of the peer bench, bundled the way their users ship them: esbuild, production,
 * minified, one file (no code splitting, so every dynamic import is inlined). React-tweet's
 * CSS modules come out as one stylesheet beside its script.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { rollup, type Plugin } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserPlugin from '@rollup/plugin-terser';

// Its types describe the CommonJS build; loaded as ESM here, the default export is the plugin itself.
const terser = terserPlugin as unknown as (options: object) => Plugin;

/** A bundled app: its script, and its stylesheet when it has one. */
export interface Bundle {
  js: string;
  css: string | undefined;
}

const ROOT = resolve('.');

async function bundle(source: string, name: string): Promise<Bundle> {
  const out = await build({
    stdin: { contents: source, resolveDir: ROOT, sourcefile: `${name}.jsx`, loader: 'jsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    outdir: 'out',
    entryNames: name,
    write: false,
    logLevel: 'silent',
  });
  const js = out.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = out.outputFiles.find((f) => f.path.endsWith('.css'));
  if (js === undefined) throw new Error(`esbuild gave no script for ${name}`);
  return { js: js.text, css: css?.text };
}

/**
 * React 19 and react-tweet's `<EmbeddedTweet>` rendering the syndication payloads found in
 * `<script id="tweets" type="application/json">` into `#root`, each post in a `[data-peer-post]` box.
 */
export function reactTweetApp(): Promise<Bundle> {
  return bundle(
    `import { createRoot } from 'react-dom/client';
import { EmbeddedTweet } from 'react-tweet';
const tweets = JSON.parse(document.getElementById('tweets').textContent);
createRoot(document.getElementById('root')).render(tweets.map((t, i) => <div key={i} data-peer-post="">{<EmbeddedTweet tweet={t} />}</div>));`,
    'react-tweet-app',
  );
}

/** An app importing Perch's npm build (`dist/npm/define.js`, as `perch-widgets/define`). */
export function perchNpmApp(entry = 'dist/npm/define.js'): Promise<Bundle> {
  return bundle(`import ${JSON.stringify(resolve(ROOT, entry))};`, 'perch-npm-app');
}

/** Gzip bytes of an npm entry bundled into one file (no code splitting) with esbuild and with Rollup, both minified. */
export async function oneFileSizes(entry: string): Promise<{ esbuildGzipBytes: number; rollupGzipBytes: number }> {
  const gz = (s: string): number => gzipSync(s, { level: 9 }).length;
  const viaEsbuild = await perchNpmApp(entry);
  const bundled = await rollup({ input: resolve(ROOT, entry), plugins: [nodeResolve({ browser: true }), terser({ ecma: 2020, module: true, compress: { passes: 2 }, format: { comments: false } })], onwarn: () => undefined });
  const { output } = await bundled.generate({ format: 'es', inlineDynamicImports: true });
  await bundled.close();
  return { esbuildGzipBytes: gz(viaEsbuild.js), rollupGzipBytes: gz(output[0].code) };
}
