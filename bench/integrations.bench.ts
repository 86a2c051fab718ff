/**
 * `npm run bench:integrations`: each example site (Hugo, Eleventy, Astro, Next.js) built with its real
 * tool against the embed server on a loopback port, then opened in Chromium: bytes of JavaScript,
 * time to the first visible post, layout shift. Next to each, the same page with X's own embed code
 * (the oEmbed blockquote and widgets.js that Hugo's `tweet` shortcode and the usual embed plugins
 * write) in place of Perch: widgets.js is blocked, since nothing here may reach X, so that row shows
 * what a reader gets until X's script arrives. Medians of RUNS visits (fresh context each); JSON.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, POST_PAGE, prepare, type Tool } from '../test/integrations/support/builders.ts';
import { embedServer, launchChromium, serveStatic, visit } from '../test/integrations/support/sites.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const TOOLS: Tool[] = (process.env.TOOLS?.split(',') as Tool[] | undefined) ?? ['hugo', 'eleventy', 'astro', 'nextjs'];
const X_SCRIPT = 'https://platform.twitter.com/widgets.js';

interface Model {
  url: string;
  createdAt: string;
  lang?: string;
  author: { name: string; handle: string };
  text: { text: string };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** X's oEmbed markup for a post, as X's publish endpoint answers it and Hugo's `tweet` shortcode writes it. */
function xEmbed(m: Model): string {
  const date = new Date(m.createdAt).toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return `<blockquote class="twitter-tweet"><p lang="${escapeHtml(m.lang ?? 'en')}" dir="ltr">${escapeHtml(m.text.text)}</p>&mdash; ${escapeHtml(m.author.name)} (@${escapeHtml(m.author.handle)}) <a href="${escapeHtml(m.url)}">${date}</a></blockquote> <script async src="${X_SCRIPT}" charset="utf-8"></script>`;
}

/** The Perch page with each rendered post swapped for X's embed code and Perch's own script tag and meta tags removed. */
function withXEmbed(html: string, models: Map<string, Model>): string {
  return html
    .replace(/<perch-tweet tweet-id="(\d+)"[\s\S]*?<\/perch-tweet>/g, (_all, id: string) => {
      const m = models.get(id);
      return m === undefined ? '' : xEmbed(m);
    })
    .replace(/<script async src="[^"]*perch\.js"><\/script>/g, '')
    .replace(/<meta name="(perch:[a-z-]+|twitter:dnt)" content="[^"]*"\s*\/?>/g, '');
}

interface Row {
  javascriptBytes: number;
  javascriptGzipBytes: number;
  /** ms from navigation to the first frame with a post on screen (null: no post ever shows). */
  timeToVisiblePostMs: number | null;
  cls: number;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'perch-bench-integrations-'));
  const server = await embedServer();
  const browser = await launchChromium();
  const result: Record<string, { perch: Row; xEmbed: Row; buildSeconds: number }> = {};
  try {
    for (const tool of TOOLS) {
      const source = await prepare(tool, work);
      const out = join(work, `${tool}-out`);
      const started = performance.now();
      await buildSite(tool, source, out, { PERCH_SERVER: server.url });
      const buildSeconds = Math.round((performance.now() - started) / 100) / 10;
      const pageFile = join(out, POST_PAGE[tool], 'index.html');
      const html = readFileSync(pageFile, 'utf8');
      const ids = [...new Set([...html.matchAll(/<perch-tweet tweet-id="(\d+)"/g)].map((m) => m[1] ?? ''))];
      const models = new Map<string, Model>();
      for (const id of ids) models.set(id, (await (await fetch(`${server.url}/v1/tweets/${id}`)).json()) as Model);
      writeFileSync(join(out, POST_PAGE[tool], 'x-embed.html'), withXEmbed(html, models));
      const site = await serveStatic(out);
      const perchRuns: Row[] = [];
      const xRuns: Row[] = [];
      try {
        for (let i = 0; i < RUNS + 1; i++) {
          const a = await visit(browser, `${site.url}${POST_PAGE[tool]}`);
          const b = await visit(browser, `${site.url}${POST_PAGE[tool]}x-embed.html`, { waitForRender: false, block: [X_SCRIPT] });
          await a.close();
          await b.close();
          if (i === 0) continue; // warm-up
          perchRuns.push({ javascriptBytes: a.jsBytes, javascriptGzipBytes: a.jsGzipBytes, timeToVisiblePostMs: a.firstPostMs, cls: a.layoutShift });
          xRuns.push({ javascriptBytes: b.jsBytes, javascriptGzipBytes: b.jsGzipBytes, timeToVisiblePostMs: b.firstPostMs >= 0 ? b.firstPostMs : null, cls: b.layoutShift });
        }
      } finally {
        await site.close();
      }
      const summary = (runs: Row[]): Row => {
        const times = runs.map((r) => r.timeToVisiblePostMs).filter((t): t is number => t !== null);
        return {
          javascriptBytes: median(runs.map((r) => r.javascriptBytes)),
          javascriptGzipBytes: median(runs.map((r) => r.javascriptGzipBytes)),
          timeToVisiblePostMs: times.length === runs.length ? Math.round(median(times) * 10) / 10 : null,
          cls: Math.max(...runs.map((r) => r.cls)),
        };
      };
      result[tool] = { perch: summary(perchRuns), xEmbed: summary(xRuns), buildSeconds };
    }
    console.log(JSON.stringify({ integrations: { runs: RUNS, note: 'xEmbed: X\'s oEmbed blockquote with widgets.js blocked (no post ever renders; its text shows unstyled)', ...result } }, null, 2));
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
