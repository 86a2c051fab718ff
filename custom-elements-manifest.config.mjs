// Generates custom-elements.json (referenced by package.json's `customElements` field)
// from the JSDoc of the Lit elements in src/. Run by `npm run build:manifest`.
import { defineElementPlugin, distPathsPlugin, tidyPlugin } from './scripts/manifest-plugins.mjs';

export default {
  globs: ['src/**/*.ts'],
  // The CDN loader and the React wrappers are not custom elements.
  exclude: ['src/cdn/**', 'src/react/**', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  plugins: [defineElementPlugin(), tidyPlugin(), distPathsPlugin({ from: 'src/', to: 'dist/npm/' })],
};
