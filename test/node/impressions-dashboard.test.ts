import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Router } from '../../server/http/router.js';
import type { CountRow, ImpressionStore, ItemCount } from '../../server/impressions/impression-store.js';
import { registerImpressions, type RegisteredImpressions } from '../../server/impressions/index.js';
import { LmdbImpressionStore } from '../../server/impressions/lmdb-store.js';
import { addDays, daysBetween } from '../../server/impressions/utc-day.js';
import { createLogger } from '../../server/log.js';
import { Metrics } from '../../server/metrics.js';
import { serveRouter, type RouterServer } from '../support/router-server.js';

// The dashboard: admin only, hostile names escaped, 30/90-day charts against the threshold,
// and rendered in real Chromium (light, dark, phone width). Screenshots go to $PERCH_SHOTS or a temp dir.
const NOW = Date.parse('2026-06-30T18:00:00.000Z');
const TODAY = '2026-06-30';
const HOSTILE_SITE = 'https://evil.example"><script>window.pwned=1</script><img src=x onerror=alert(1)>';
const HOSTILE_ID = '<svg onload=alert(2)>';
let dir: string;
let shots: string;
let server: RouterServer;
let impressions: RegisteredImpressions;
let browser: Browser;

/** The real store plus 90 days of synthetic history and rows no validator would let in (as if tampered with). */
function withHistory(real: ImpressionStore): ImpressionStore {
  const history = (from: string, to: string): CountRow[] =>
    daysBetween(from, to).flatMap((day, i) => {
      const n = Math.round(4_000_000 + 7_000_000 * Math.abs(Math.sin(Number(day.slice(8)) + i / 9)));
      return [
        { day, site: 'https://news.example', kind: 'post' as const, type: 'rendered' as const, count: n },
        { day, site: 'https://news.example', kind: 'post' as const, type: 'viewable' as const, count: Math.round(n * 0.6) },
        { day, site: HOSTILE_SITE, kind: 'timeline' as const, type: 'rendered' as const, count: 1234 },
      ];
    });
  return {
    kind: real.kind,
    ingest: (b, now) => real.ingest(b, now),
    rows: async (from, to) => [...(await real.rows(from, to)), ...history(from < addDays(TODAY, -89) ? addDays(TODAY, -89) : from, to)],
    renderedTotal: (day) => real.renderedTotal(day),
    topItems: async (from, to, limit): Promise<ItemCount[]> => [{ kind: 'post', id: '20', rendered: 900_000, viewable: 500_000 }, { kind: 'timeline', id: HOSTILE_ID, rendered: 10, viewable: 1 }, ...(await real.topItems(from, to, limit))],
    claimAlert: (a) => real.claimAlert(a),
    alerts: (from, to) => real.alerts(from, to),
    close: () => real.close(),
  };
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-dash-'));
  shots = process.env.PERCH_SHOTS ?? dir;
  const router = new Router();
  const real = LmdbImpressionStore.open(join(dir, 'store'));
  await real.claimAlert({ day: TODAY, key: 'level:0.5', message: `Alert for ${HOSTILE_SITE}`, count: 5, threshold: 10, projected: 5, firedAt: NOW });
  impressions = await registerImpressions(router, { store: 'memory', dataDir: dir, adminToken: 'dash-token', metrics: new Metrics(), log: createLogger('silent'), now: () => NOW, storeInstance: withHistory(real) });
  server = await serveRouter(router);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless=new'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await impressions?.close();
  if (process.env.PERCH_SHOTS === undefined) rmSync(dir, { recursive: true, force: true });
});

test('the dashboard needs the admin token (header or ?token=)', async () => {
  assert.equal((await fetch(`${server.url}/dashboard`)).status, 401);
  assert.equal((await fetch(`${server.url}/dashboard?token=nope`)).status, 401);
  assert.equal((await fetch(`${server.url}/dashboard`, { headers: { authorization: 'Bearer dash-token' } })).status, 200);
});

test('hostile site names, ids and alert text are shown as text, never markup', async () => {
  const res = await fetch(`${server.url}/dashboard?token=dash-token`);
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const page = await res.text();
  assert.ok(!page.includes('<script'), 'no script element');
  assert.ok(!page.includes('<img'), 'no img element');
  assert.ok(!page.includes('<svg onload'), 'no injected svg');
  assert.ok(page.includes('https://evil.example&quot;&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;'));
  const tab = await browser.newPage();
  await tab.goto(`${server.url}/dashboard?token=dash-token`);
  assert.equal(await tab.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
  const siteCells = await tab.locator('#sites td:first-child').allTextContents();
  assert.ok(siteCells.includes(HOSTILE_SITE), siteCells.join(' | '));
  assert.ok((await tab.locator('#top').textContent())?.includes(`timeline ${HOSTILE_ID}`));
  await tab.close();
});

test('charts of 30 and 90 days against the 10 million line, today and projection, in light and dark, readable on a phone', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [390, 1100]) {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
      const tab = await ctx.newPage();
      const failed: string[] = [];
      tab.on('request', (r) => {
        if (!r.url().startsWith(server.url)) failed.push(r.url());
      });
      await tab.goto(`${server.url}/dashboard?token=dash-token`);
      assert.deepEqual(failed, [], 'no external assets');
      assert.equal(await tab.locator('#chart-30 rect.bar').count(), 30);
      assert.equal(await tab.locator('#chart-90 rect.bar').count(), 90);
      assert.equal(await tab.locator('#chart-90 .threshold-label').textContent(), '10M a day');
      // Bars over the threshold are drawn above the line and marked.
      const geometry = await tab.evaluate(() => {
        const line = document.querySelector('#chart-90 line.threshold')?.getBoundingClientRect();
        const over = [...document.querySelectorAll('#chart-90 rect.bar.over')].map((r) => r.getBoundingClientRect().top);
        const under = [...document.querySelectorAll('#chart-90 rect.bar:not(.over)')].map((r) => r.getBoundingClientRect().top);
        return { lineY: line?.top ?? 0, over, under, scroll: document.documentElement.scrollWidth, inner: window.innerWidth, bg: getComputedStyle(document.body).backgroundColor, todayText: document.querySelector('#today .big')?.textContent ?? '' };
      });
      assert.ok(geometry.over.length > 0 && geometry.under.length > 0);
      assert.ok(geometry.over.every((y) => y <= geometry.lineY + 1));
      assert.ok(geometry.under.every((y) => y >= geometry.lineY - 1));
      assert.ok(geometry.scroll <= geometry.inner, `no sideways scrolling at ${width}px (${geometry.scroll} > ${geometry.inner})`);
      const [r = 0, g = 0, b = 0] = (geometry.bg.match(/\d+/g) ?? []).map(Number);
      if (scheme === 'dark') assert.ok(r + g + b < 120, `dark background, got ${geometry.bg}`);
      else assert.ok(r + g + b > 600, `light background, got ${geometry.bg}`);
      assert.match(geometry.todayText, /^\d{1,3}(,\d{3})*$/);
      assert.match((await tab.locator('#projection .big').textContent()) ?? '', /^\d{1,3}(,\d{3})*$/);
      const fontPx = await tab.evaluate(() => parseFloat(getComputedStyle(document.querySelector('#sites td') ?? document.body).fontSize));
      assert.ok(fontPx >= 14, 'table text readable');
      writeFileSync(join(shots, `dashboard-${scheme}-${width}.png`), await tab.screenshot({ fullPage: true }));
      await ctx.close();
    }
  }
});
