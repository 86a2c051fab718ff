/**
 * `npm run bench`: sizes and render speed of the widgets, printed as one JSON object.
 * - gzip size of the CDN loader, and of all JavaScript and data a page with one post loads
 *   (budgets: loader ≤ 5 KB, one post ≤ 25 KB, Lit included);
 * - median time to render 50 posts from inline data in Chromium, against a peer in the
 *   same run: the same 50 posts inserted as their plain pasted-blockquote fallbacks.
 */
import { chromium, type Browser } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = 9;

function gz(bytes: Uint8Array | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function onePostPage(browser: Browser, server: RunningServer): Promise<{ js: number; data: number; requests: number; firstRenderMs: number }> {
  const page = await browser.newPage();
  let js = 0;
  let data = 0;
  let requests = 0;
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    const url = response.url();
    if (!url.startsWith(server.url)) return;
    requests += 1;
    const body = await response.body().catch(() => Buffer.alloc(0));
    if (type.includes('javascript')) js += gz(body);
    else if (type.includes('json')) data += gz(body);
  });
  const start = Date.now();
  await page.goto(`${server.url}/bench/one-post.html`);
  await page.waitForFunction(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('article') != null);
  const firstRenderMs = Date.now() - start;
  await page.waitForLoadState('networkidle');
  await page.close();
  return { js, data, requests, firstRenderMs };
}

async function renderFifty(browser: Browser, server: RunningServer): Promise<{ perchMs: number; fallbackMs: number; ratio: number }> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/inline-50.html`);
  await page.waitForFunction(() => customElements.get('perch-tweet') !== undefined);
  const posts: unknown[] = await page.evaluate(async () => {
    const ids = ['1641086480675225601', '1641895049427550208', '1629262255744503809', '1703436713362870723', '1684218600456876032'];
    const body = (await (await fetch(`/v1/tweets?ids=${ids.join(',')}`)).json()) as { results: unknown[] };
    return body.results;
  });
  const perch: number[] = [];
  const fallback: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    perch.push(
      await page.evaluate(async (models) => {
        const host = document.getElementById('posts')!;
        host.replaceChildren();
        const t0 = performance.now();
        const rendered: Promise<unknown>[] = [];
        for (let i = 0; i < 50; i++) {
          const el = document.createElement('perch-tweet');
          const script = document.createElement('script');
          script.type = 'application/json';
          script.textContent = JSON.stringify(models[i % models.length]);
          el.append(script);
          rendered.push(new Promise((r) => el.addEventListener('perch-render', r, { once: true })));
          host.append(el);
        }
        await Promise.all(rendered);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, posts),
    );
    fallback.push(
      await page.evaluate(async (models) => {
        const host = document.getElementById('posts')!;
        host.replaceChildren();
        const t0 = performance.now();
        for (let i = 0; i < 50; i++) {
          const m = models[i % models.length] as { text?: { text: string }; author?: { name: string; handle: string }; url?: string };
          const q = document.createElement('blockquote');
          const p = document.createElement('p');
          p.textContent = m.text?.text ?? '';
          const a = document.createElement('a');
          a.href = m.url ?? '#';
          a.textContent = `${m.author?.name} (@${m.author?.handle})`;
          q.append(p, a);
          host.append(q);
        }
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      }, posts),
    );
  }
  await page.close();
  const perchMs = median(perch);
  const fallbackMs = median(fallback);
  return { perchMs: round(perchMs), fallbackMs: round(fallbackMs), ratio: round(perchMs / Math.max(fallbackMs, 0.1)) };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

async function main(): Promise<void> {
  const mod = (await import(pathToFileURL(resolve('dist/server/server/index.js')).href)) as {
    startServer(config: Record<string, unknown>): Promise<RunningServer>;
  };
  const server = await mod.startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent' });
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const loaderGzip = gz(readFileSync('dist/cdn/perch.js'));
    const onePost = await onePostPage(browser, server);
    const fifty = await renderFifty(browser, server);
    const result = {
      cdnLoaderGzipBytes: loaderGzip,
      cdnLoaderBudgetBytes: 5 * 1024,
      onePostPage: {
        javascriptGzipBytes: onePost.js,
        dataGzipBytes: onePost.data,
        totalGzipBytes: onePost.js + onePost.data,
        budgetBytes: 25 * 1024,
        requestsToEmbedServer: onePost.requests,
        navigationToFirstPostMs: onePost.firstRenderMs,
      },
      render50InlinePosts: { medianMs: fifty.perchMs, peerPlainBlockquotesMedianMs: fifty.fallbackMs, ratioToPeer: fifty.ratio, runs: RUNS },
      withinBudgets: loaderGzip <= 5 * 1024 && onePost.js + onePost.data <= 25 * 1024,
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
