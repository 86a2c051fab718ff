// A web-test-runner plugin: starts the real embed server on a loopback port for the
// browser tests, exposes its URL and a few browser-level controls to test code through
// `executeServerCommand`, and offers a delaying proxy for slow-network tests.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { videoMediaHost } from './video-media-host.mjs';
import { pageProxy } from './page-proxy.mjs';

const SERVER_MODULE = resolve('dist/server/server/index.js');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Open `url` (a whole page of the embed server, at its own origin) in a new tab of the test
 * browser, bring each widget near so it loads and wait for it to settle (content,
 * placeholder or error), then run axe on the whole document. Nothing leaves the machine.
 */
async function axePage(testPage, url) {
  const page = await testPage.browser().newPage();
  try {
    await page.setViewport({ width: 1000, height: 800 });
    await page.setBypassCSP(true); // to inject axe into the strict-CSP page; the page's own code still runs under its policy
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const target = new URL(req.url());
      if (/^(https?|wss?):$/.test(target.protocol) && !LOOPBACK.has(target.hostname)) void req.abort('blockedbyclient').catch(() => undefined);
      else void req.continue().catch(() => undefined);
    });
    await page.goto(url, { waitUntil: 'load' });
    const unsettled = await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const settled = (el) => el.shadowRoot !== null && el.shadowRoot.childElementCount > 0 && el.shadowRoot.querySelector('[aria-busy="true"]') === null;
      const left = [];
      const seen = new Set();
      // X's pasted markup still waiting for its upgrade (the upgrade marks it `data-perch`).
      const pastedLeft = () => document.querySelector('blockquote.twitter-tweet:not([data-perch]),blockquote.twitter-video:not([data-perch])') !== null;
      const begin = performance.now();
      for (;;) {
        const fresh = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('perch-') && !seen.has(el));
        if (fresh.length === 0) {
          // Widgets made from X's markup appear once the loader has upgraded it: wait for them too
          // (markup that is not a post, such as a link elsewhere, stays as it is: 10 s at most).
          if (!pastedLeft() || performance.now() - begin > 10000) break;
          await frame();
          continue;
        }
        for (const el of fresh) {
          seen.add(el);
          el.scrollIntoView({ block: 'center' });
          const start = performance.now();
          while (!settled(el) && performance.now() - start < 5000) await frame();
          if (!settled(el)) left.push(`<${el.localName}${el.id ? `#${el.id}` : ''}>`);
        }
      }
      window.scrollTo(0, 0);
      return left;
    });
    await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    });
    return { violations, unsettled };
  } finally {
    await page.close();
  }
}

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function perchTestServerPlugin() {
  /** @type {{url: string, close(): Promise<void>} | undefined} */
  let embed;
  /** requests seen per browser session, for privacy assertions */
  const watchers = new Map();
  /** <perch-video> tests: a fake X media host behind a second real embed server (started on first use) */
  const videoHost = videoMediaHost();
  /** /__page/ and /__csp/ (strict CSP) proxies of the embed server's pages, CSP reports, page logs */
  const pages = pageProxy(() => embed?.url);

  return {
    name: 'perch-test-server',
    async serverStart() {
      if (!existsSync(SERVER_MODULE)) {
        console.warn('[perch] dist/server is missing: run `npm run build` first; tests that need the embed server will fail.');
        return;
      }
      const mod = await import(pathToFileURL(SERVER_MODULE).href);
      embed = await mod.startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent', allowedOrigins: ['*'] });
    },
    async serverStop() {
      await videoHost.close();
      await embed?.close();
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'perch-server-url') {
        if (embed === undefined) throw new Error('The embed server is not running (was `npm run build` run?).');
        return embed.url;
      }
      if (command === 'perch-watch-requests') {
        const page = session.browser.getPage(session.id);
        const seen = [];
        watchers.set(session.id, seen);
        page.removeAllListeners('request');
        page.on('request', (req) => seen.push(req.url()));
        // Every request goes to the network while watched: one served from the HTTP cache (an MP4 an
        // earlier test file played) would otherwise not be seen.
        await page.setCacheEnabled(false);
        return true;
      }
      if (command === 'perch-seen-requests') {
        return watchers.get(session.id) ?? [];
      }
      if (command === 'perch-cookies') {
        const page = session.browser.getPage(session.id);
        const client = await page.createCDPSession();
        const { cookies } = await client.send('Network.getAllCookies');
        await client.detach();
        return cookies.map((c) => ({ name: c.name, value: c.value, domain: c.domain, expires: c.expires, sameSite: c.sameSite, secure: c.secure, path: c.path }));
      }
      if (command === 'perch-video-server-url') return videoHost.url();
      if (command === 'perch-video-media-log') return videoHost.log();
      if (command === 'perch-video-media-log-clear') return (videoHost.clearLog(), true);
      if (command.startsWith('perch-csp-') || command.startsWith('perch-page-log')) return pages.command(command, session);
      if (command === 'perch-demo-pages') return readdirSync('demo').filter((f) => f.endsWith('.html')).sort();
      if (command === 'perch-axe-page') return axePage(session.browser.getPage(session.id), `${embed?.url}/${payload?.page ?? ''}`);
      if (command === 'perch-emulate-media') {
        const page = session.browser.getPage(session.id);
        await page.emulateMediaFeatures(payload?.features ?? []);
        return true;
      }
      return undefined;
    },
    async serve(context) {
      if (/^\/__(page\/|csp\/|csp-report$)/.test(context.path)) return pages.serve(context);
      // /__delay/<ms>/<path on the embed server>: the same answer, late. Models a slow network.
      const match = /^\/__delay\/(\d+)(\/.*)$/.exec(context.path);
      if (match === null || embed === undefined) return undefined;
      await new Promise((r) => setTimeout(r, Number(match[1])));
      const upstream = await fetch(`${embed.url}${match[2]}${context.querystring ? '?' + context.querystring : ''}`);
      return { body: Buffer.from(await upstream.arrayBuffer()), type: upstream.headers.get('content-type') ?? 'application/json', headers: { 'cache-control': 'no-store' } };
    },
  };
}
