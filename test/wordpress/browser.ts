/**
 * Headless Chromium (Debian's) for the WordPress end-to-end tests, recording every request
 * so a test can assert which hosts a page contacted.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** A browser and the URLs it requested. */
export interface RecordingBrowser {
  browser: Browser;
  /** A fresh context (no cookies) whose requests are appended to `requests`; `javaScript: false` for a reader without scripts. */
  newPage(options?: { cookies?: Array<{ name: string; value: string; url: string }>; javaScript?: boolean }): Promise<{ page: Page; context: BrowserContext }>;
  /** Every URL requested by pages of this browser, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts Chromium headless. */
export async function startBrowser(): Promise<RecordingBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const requests: string[] = [];
  return {
    browser,
    requests,
    async newPage(options = {}) {
      const context = await browser.newContext({ javaScriptEnabled: options.javaScript !== false });
      if (options.cookies !== undefined) await context.addCookies(options.cookies);
      // Nothing may leave loopback: anything else is recorded and refused.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requests.push(url);
        const host = new URL(url).hostname;
        return host === '127.0.0.1' || host === 'localhost' || url.startsWith('data:') || url.startsWith('blob:') ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      return { page, context };
    },
    close: () => browser.close(),
  };
}

/** Hosts other than loopback among `urls`. */
export function foreignHosts(urls: string[]): string[] {
  return [...new Set(urls.map((u) => new URL(u).hostname).filter((h) => h !== '127.0.0.1' && h !== 'localhost'))];
}

/** X's hosts among `urls` (twitter.com, x.com, twimg.com, t.co and their subdomains). */
export function xHosts(urls: string[]): string[] {
  return foreignHosts(urls).filter((h) => /(^|\.)(twitter\.com|x\.com|twimg\.com|t\.co)$/.test(h));
}
