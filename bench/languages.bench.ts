/**
 * `npm run bench:languages` (issue #18): what a page pays for its language. A page with one
 * post (`<html lang=…>`, nothing else), against the real embed server in Chromium, in English
 * and in three other languages: gzip bytes of all JavaScript and data it loads, and which
 * language modules it fetched. Then one German page holding a post, a follow button, the
 * consent settings and the disclosure: the German strings must arrive once for all of them.
 * Prints one JSON object. Env: CHROME_PATH.
 */
import type { Browser } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { LANGUAGES, BUTTON_ONLY_LANGUAGES } from '../src/i18n/languages.js';
import { launchChromium, machine, startEmbedServer, type RunningServer } from './timeline.bench.js';

const POST_ID = '1641086480675225601';
const CODES = new Set<string>([...LANGUAGES, ...BUTTON_ONLY_LANGUAGES]);

/** The language module a chunk URL is (`…/chunks/de-Ab12.js` → `de`), if it is one. */
function languageOf(url: string): string | undefined {
  const name = /\/chunks\/([a-z-]+?)-[\w-]{6,}\.js$/.exec(url)?.[1];
  return name !== undefined && CODES.has(name) ? name : undefined;
}

interface Load {
  lang: string;
  jsGzipBytes: number;
  dataGzipBytes: number;
  totalGzipBytes: number;
  requests: number;
  languageModules: string[];
  languageModuleGzipBytes: number;
  renderedInLanguage: string | null;
}

async function load(browser: Browser, server: RunningServer, lang: string, body: string, ready: string): Promise<Load> {
  const page = await browser.newPage();
  const url = `${server.url}/bench/languages-${lang}-${Date.now()}.html`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  let js = 0;
  let data = 0;
  let requests = 0;
  let langBytes = 0;
  const modules: string[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const at = response.url();
    if (!at.startsWith(server.url) || at === url) return;
    requests += 1;
    pending.push(
      response.body().then(
        (b) => {
          const size = gzipSync(b, { level: 9 }).length;
          const type = response.headers()['content-type'] ?? '';
          if (type.includes('javascript')) js += size;
          else if (type.includes('json')) data += size;
          const code = languageOf(at);
          if (code !== undefined) {
            modules.push(code);
            langBytes += size;
          }
        },
        () => undefined,
      ),
    );
  });
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { timeout: 60_000, polling: 100 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const renderedIn = await page.evaluate(() => document.querySelector('perch-tweet')?.shadowRoot?.querySelector('.frame')?.getAttribute('lang') ?? null);
  await page.close();
  return { lang, jsGzipBytes: js, dataGzipBytes: data, totalGzipBytes: js + data, requests, languageModules: modules.sort(), languageModuleGzipBytes: langBytes, renderedInLanguage: renderedIn };
}

const onePost = (lang: string): string =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Perch bench: one post (${lang})</title></head><body><perch-tweet tweet-id="${POST_ID}" loading="eager"></perch-tweet><script async src="/dist/cdn/perch.js"></script></body></html>`;

const mixed = (lang: string): string =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>Perch bench: several widgets (${lang})</title></head><body><perch-tweet tweet-id="${POST_ID}" loading="eager"></perch-tweet><perch-follow-button screen-name="TwitterDev"></perch-follow-button><perch-consent-settings></perch-consent-settings><perch-disclosure></perch-disclosure><script async src="/dist/cdn/perch.js"></script></body></html>`;

const POST_READY = `document.querySelector('perch-tweet')?.shadowRoot?.querySelector('article') != null`;
const ALL_READY = `${POST_READY} && document.querySelector('perch-follow-button')?.shadowRoot?.querySelector('[part="label"]') != null && document.querySelector('perch-disclosure')?.shadowRoot?.querySelector('section') != null && document.querySelector('perch-consent-settings')?.shadowRoot?.querySelector('section') != null`;

async function main(): Promise<void> {
  const server = await startEmbedServer();
  const browser = await launchChromium();
  const before = machine();
  try {
    const onePostPages: Load[] = [];
    for (const lang of ['en', 'de', 'ar', 'ja']) onePostPages.push(await load(browser, server, lang, onePost(lang), POST_READY));
    const english = onePostPages[0]!;
    const severalWidgets = await load(browser, server, 'de', mixed('de'), ALL_READY);
    const germanFetches = severalWidgets.languageModules.filter((m) => m === 'de').length;
    const result = {
      bench: 'languages',
      onePostPage: onePostPages.map((l) => ({ ...l, extraGzipBytesOverEnglish: l.totalGzipBytes - english.totalGzipBytes })),
      severalWidgetsGerman: { ...severalWidgets, germanModuleFetches: germanFetches },
      checks: {
        englishLoadsNoLanguageModule: english.languageModules.length === 0,
        eachLanguageLoadsOnlyItsOwnModule: onePostPages.slice(1).every((l) => l.languageModules.join() === l.lang && l.renderedInLanguage === l.lang),
        oneGermanModuleForEveryWidget: germanFetches === 1,
      },
      machine: { before, after: machine() },
    };
    console.log(JSON.stringify(result, null, 2));
    if (!Object.values(result.checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
