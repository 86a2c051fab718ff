/** The daily-totals bar chart, as inline SVG drawn on the server, with the threshold line. */
import { html, type SafeHtml } from './safe-html.js';

/** One bar. */
export interface ChartPoint {
  day: string;
  value: number;
}

/** Short count: 12.3M, 450k, 999. */
export function shortCount(n: number): string {
  if (n >= 1_000_000) return `${+(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1_000) return `${+(n / 1_000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(n);
}

/** A responsive SVG bar chart of `points` against `threshold`. */
export function dailyChart(points: readonly ChartPoint[], threshold: number, title: string, id: string): SafeHtml {
  const W = 720;
  const H = 260;
  const left = 60;
  const right = 8;
  const top = 12;
  const bottom = 28;
  const max = Math.max(threshold * 1.15, ...points.map((p) => p.value * 1.05), 1);
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const y = (v: number): number => top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.max(1, slot * 0.7);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((max * f) / 1000) * 1000);
  const labelEvery = Math.ceil(points.length / 5);
  const bars = points.map((p, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    const h = Math.max(p.value > 0 ? 1 : 0, top + plotH - y(p.value));
    return html`<rect class="${p.value >= threshold ? 'bar over' : 'bar'}" x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${p.day}: ${p.value.toLocaleString('en-US')}</title></rect>`;
  });
  const labels = points.map((p, i) => (i % labelEvery === 0 || i === points.length - 1 ? html`<text class="axis" x="${(i === points.length - 1 ? W - right : left + i * slot + slot / 2).toFixed(1)}" y="${H - 8}" text-anchor="${i === points.length - 1 ? 'end' : 'middle'}">${p.day.slice(5)}</text>` : html``));
  const grid = ticks.map((t) => html`<line class="grid" x1="${left}" x2="${W - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="axis" x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${shortCount(t)}</text>`);
  const ty = y(threshold).toFixed(1);
  return html`<svg class="chart" id="${id}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title" preserveAspectRatio="xMidYMid meet"><title id="${id}-title">${title}</title>${grid}${bars}<line class="threshold" x1="${left}" x2="${W - right}" y1="${ty}" y2="${ty}"/><text class="threshold-label" x="${W - right - 4}" y="${(Number(ty) - 5).toFixed(1)}" text-anchor="end">${shortCount(threshold)} a day</text>${labels}</svg>`;
}
