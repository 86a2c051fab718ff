// A web-test-runner plugin for the screenshot tests: pins what a screenshot depends on
// (viewport, time zone, locale, reduced motion, colour scheme), captures a region of the
// page and compares it with a committed reference PNG in test/visual/ (pixelmatch). Also
// grants clipboard access for the copy-link tests.
// `PERCH_VISUAL_UPDATE=1` (npm run test:visual:update) writes the references instead.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';

const REFERENCES = resolve('test/visual');
const FAILURES = resolve('test-results/visual');
/** Per-pixel colour tolerance (pixelmatch's YIQ threshold), and the share of pixels allowed to differ. */
const PIXEL_THRESHOLD = 0.1;
const MAX_DIFF_RATIO = 0.0002;

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function perchVisualPlugin() {
  const update = process.env.PERCH_VISUAL_UPDATE === '1';
  return {
    name: 'perch-visual',
    async executeCommand({ command, payload, session }) {
      if (command === 'perch-visual-setup') {
        const page = session.browser.getPage(session.id);
        await page.setViewport({ width: 800, height: 2400, deviceScaleFactor: 1 });
        await page.emulateTimezone('UTC');
        await page.emulateMediaFeatures([
          { name: 'prefers-reduced-motion', value: 'reduce' },
          { name: 'prefers-color-scheme', value: 'light' },
        ]);
        return true;
      }
      if (command === 'perch-grant-clipboard') {
        // The copy-link tests read back what was copied.
        const page = session.browser.getPage(session.id);
        await page.browserContext().overridePermissions(new URL(page.url()).origin, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
        return true;
      }
      if (command !== 'perch-visual-compare') return undefined;
      const { name, clip } = payload;
      if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad screenshot name ${name}`);
      const page = session.browser.getPage(session.id);
      const shot = PNG.sync.read(Buffer.from(await page.screenshot({ clip, type: 'png', captureBeyondViewport: false })));
      const file = resolve(REFERENCES, `${name}.png`);
      if (update) {
        mkdirSync(REFERENCES, { recursive: true });
        writeFileSync(file, PNG.sync.write(shot));
        return { ok: true, updated: true, message: `wrote ${file}` };
      }
      if (!existsSync(file)) return { ok: false, message: `no reference ${file}: run \`npm run test:visual:update\` and commit it` };
      const reference = PNG.sync.read(readFileSync(file));
      mkdirSync(FAILURES, { recursive: true });
      if (reference.width !== shot.width || reference.height !== shot.height) {
        writeFileSync(resolve(FAILURES, `${name}.actual.png`), PNG.sync.write(shot));
        return { ok: false, message: `${name}: size ${shot.width}×${shot.height}, reference ${reference.width}×${reference.height}` };
      }
      const diff = new PNG({ width: shot.width, height: shot.height });
      const differing = pixelmatch(reference.data, shot.data, diff.data, shot.width, shot.height, { threshold: PIXEL_THRESHOLD });
      const ratio = differing / (shot.width * shot.height);
      if (ratio > MAX_DIFF_RATIO) {
        writeFileSync(resolve(FAILURES, `${name}.actual.png`), PNG.sync.write(shot));
        writeFileSync(resolve(FAILURES, `${name}.diff.png`), PNG.sync.write(diff));
        return { ok: false, message: `${name}: ${differing} pixels (${(ratio * 100).toFixed(2)}%) differ from the reference; see ${FAILURES}` };
      }
      return { ok: true, message: `${name}: ${differing} pixels differ` };
    },
  };
}
