/** The dashboard's HTML: one self-contained page (inline CSS and SVG, no script, no external asset), light and dark, phone-friendly. */
import { dailyChart } from './chart-svg.js';
import type { AlertRecord, ItemCount } from './impression-store.js';
import type { RefusalReason } from './refused-events.js';
import type { DayTotals } from './report.js';
import { html, SafeHtml } from './safe-html.js';

/** Everything the page shows. */
export interface DashboardData {
  today: string;
  threshold: number;
  /** Oldest first; the last entry is today. */
  days90: DayTotals[];
  projected: number | undefined;
  top: ItemCount[];
  sites: Array<{ site: string; today: number; rendered: number; viewable: number }>;
  alerts: AlertRecord[];
  /** Events not counted today (by this process), by reason: a flood shows here, not in the totals. */
  refused: Partial<Record<RefusalReason, number>>;
  generatedAt: number;
}

const REFUSAL_LABELS: Record<RefusalReason, string> = {
  'rate-limited': 'one client sending too fast',
  'daily-limit': 'one client over its daily allowance',
  'page-view-limit': 'one page view over its bound',
  'unknown-post': 'posts this server did not serve in the last 24 hours',
};

const CSS = `
:root{color-scheme:light dark;--bg:#f7f8fa;--card:#fff;--fg:#0f1419;--muted:#536471;--line:#e1e6ea;--bar:#1d9bf0;--over:#e0245e;--warn:#b35c00;--warn-bg:#fff4e5}
@media (prefers-color-scheme:dark){:root{--bg:#0b0e11;--card:#16191c;--fg:#e7e9ea;--muted:#8b98a5;--line:#2f3336;--bar:#4aa8f0;--over:#ff5c8a;--warn:#ffb35c;--warn-bg:#2b1d0e}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:0 0 4px}
h2{font-size:1.05rem;margin:0 0 8px}
.muted{color:var(--muted);font-size:.875rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0}
.card,section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:12px 14px}
section{margin:0 0 16px;overflow-x:auto}
.big{font-size:1.6rem;font-weight:700;font-variant-numeric:tabular-nums}
.over .big{color:var(--over)}
.chart{display:block;width:100%;height:auto}
.chart .bar{fill:var(--bar)}
.chart .bar.over{fill:var(--over)}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{fill:var(--muted);font-size:11px}
.chart .threshold{stroke:var(--over);stroke-width:2;stroke-dasharray:6 4}
.chart .threshold-label{fill:var(--over);font-size:12px;font-weight:600;paint-order:stroke;stroke:var(--card);stroke-width:4px;stroke-linejoin:round}
table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
td.n,th.n{text-align:right;white-space:nowrap}
.alerts{list-style:none;margin:0;padding:0}
.alerts li{background:var(--warn-bg);color:var(--warn);border-radius:8px;padding:8px 10px;margin:0 0 6px}
@media (max-width:480px){main{padding:10px}.big{font-size:1.3rem}th,td{padding:5px 4px}
.chart .axis{font-size:22px}.chart .threshold-label{font-size:22px}
table,thead,tbody{display:block}tr{display:grid;grid-template-columns:repeat(var(--cols),1fr);border-bottom:1px solid var(--line)}
th,td{border:0}th:first-child,td:first-child{grid-column:1/-1}td:first-child{font-weight:600;padding-top:8px}}
#top{--cols:2}#sites{--cols:3}#refused{--cols:2}
`;

function n(v: number): string {
  return v.toLocaleString('en-US');
}

function itemLabel(item: ItemCount): SafeHtml {
  return item.kind === 'post' ? html`post ${item.id}` : html`timeline ${item.id}`;
}

/** Events refused today, when there are any: what a flood looks like, next to totals it did not move. */
function refusedSection(refused: DashboardData['refused']): SafeHtml | string {
  const rows = (Object.keys(REFUSAL_LABELS) as RefusalReason[]).filter((r) => (refused[r] ?? 0) > 0);
  if (rows.length === 0) return '';
  return html`<section><h2>Not counted today</h2><p class="muted">Events this server refused or ignored today (not part of the totals above). A large number here is a client trying to inflate the count, not real traffic.</p><table id="refused"><thead><tr><th>Reason</th><th class="n">Events</th></tr></thead><tbody>${rows.map((r) => html`<tr><td>${REFUSAL_LABELS[r]}</td><td class="n">${n(refused[r] ?? 0)}</td></tr>`)}</tbody></table></section>`;
}

/** Render the dashboard page. */
export function renderDashboard(d: DashboardData): string {
  const today = d.days90[d.days90.length - 1];
  const count = today?.rendered ?? 0;
  const pct = d.threshold > 0 ? (count / d.threshold) * 100 : 0;
  const points = d.days90.map((t) => ({ day: t.day, value: t.rendered }));
  const over = (d.projected ?? count) >= d.threshold;
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="color-scheme" content="light dark"><meta name="robots" content="noindex"><title>Perch impressions</title><style>${new SafeHtml(CSS)}</style></head>
<body><main>
<h1>Impressions</h1>
<p class="muted">Rendered impressions of embedded posts and timelines per UTC day, against X's threshold of ${n(d.threshold)} a day. Updated ${new Date(d.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.</p>
<div class="cards">
<div class="card" id="today"><div class="muted">Today (${d.today})</div><div class="big">${n(count)}</div><div class="muted">${pct.toFixed(1)}% of threshold · ${n(today?.viewable ?? 0)} viewable</div></div>
<div class="${over ? 'card over' : 'card'}" id="projection"><div class="muted">Projected today</div><div class="big">${d.projected === undefined ? '—' : n(d.projected)}</div><div class="muted">${d.projected === undefined ? 'after the first hour of the day' : over ? 'above the threshold' : 'below the threshold'}</div></div>
<div class="card"><div class="muted">Peak day, last 90 days</div><div class="big">${n(Math.max(0, ...points.map((p) => p.value)))}</div></div>
</div>
${refusedSection(d.refused)}
${d.alerts.length > 0 ? html`<section><h2>Alerts</h2><ul class="alerts" id="alerts">${[...d.alerts].reverse().map((a) => html`<li>${a.message}</li>`)}</ul></section>` : ''}
<section><h2>Last 30 days</h2>${dailyChart(points.slice(-30), d.threshold, 'Daily rendered impressions, last 30 days', 'chart-30')}</section>
<section><h2>Last 90 days</h2>${dailyChart(points, d.threshold, 'Daily rendered impressions, last 90 days', 'chart-90')}</section>
<section><h2>Top posts, last 30 days</h2>${d.top.length === 0 ? html`<p class="muted">No impressions yet.</p>` : html`<table id="top"><thead><tr><th>Item</th><th class="n">Rendered</th><th class="n">Viewable</th></tr></thead><tbody>${d.top.map((t) => html`<tr><td>${itemLabel(t)}</td><td class="n">${n(t.rendered)}</td><td class="n">${n(t.viewable)}</td></tr>`)}</tbody></table>`}</section>
<section><h2>Sites</h2>${d.sites.length === 0 ? html`<p class="muted">No impressions yet.</p>` : html`<table id="sites"><thead><tr><th>Site</th><th class="n">Today</th><th class="n">30 days</th><th class="n">Viewable (30 d)</th></tr></thead><tbody>${d.sites.map((s) => html`<tr><td>${s.site}</td><td class="n">${n(s.today)}</td><td class="n">${n(s.rendered)}</td><td class="n">${n(s.viewable)}</td></tr>`)}</tbody></table>`}</section>
</main></body></html>`;
  return page.value;
}
