// Browser tests in the system's headless Chromium, against a real embed server
// (started here on a loopback port) for everything that needs data.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { perchTestServerPlugin } from './test/browser/support/server-plugin.mjs';
import { reactEsmPlugin } from './test/browser/support/react-esm-plugin.mjs';
import { perchVisualPlugin } from './test/browser/support/visual-plugin.mjs';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  concurrency: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 15_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  ],
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' }), perchTestServerPlugin(), reactEsmPlugin(), perchVisualPlugin()],
};
