/** Daily totals for the report CLI, the summary endpoint and the dashboard, and their CSV form. */
import type { ImpressionKind } from './impression-types.js';
import type { ImpressionStore } from './impression-store.js';
import { daysBetween } from './utc-day.js';

/** Rendered and viewable counts. */
export interface Pair {
  rendered: number;
  viewable: number;
}

/** One UTC day's totals. */
export interface DayTotals extends Pair {
  day: string;
  byKind: Record<ImpressionKind, Pair>;
  bySite: Array<{ site: string } & Pair>;
}

/** Totals for a range of days (every day present, zeros included). */
export interface ImpressionSummary {
  from: string;
  to: string;
  /** The daily threshold the rendered count is compared with. */
  threshold: number;
  days: DayTotals[];
}

/** Longest range a summary may cover. */
export const MAX_SUMMARY_DAYS = 800;

/** Read `from`…`to` from the store as per-day totals. */
export async function buildSummary(store: ImpressionStore, from: string, to: string, threshold: number): Promise<ImpressionSummary> {
  const days = new Map<string, DayTotals>();
  for (const day of daysBetween(from, to)) days.set(day, { day, rendered: 0, viewable: 0, byKind: { post: { rendered: 0, viewable: 0 }, timeline: { rendered: 0, viewable: 0 } }, bySite: [] });
  const sites = new Map<string, Map<string, Pair>>();
  for (const row of await store.rows(from, to)) {
    const d = days.get(row.day);
    if (d === undefined) continue;
    d[row.type] += row.count;
    d.byKind[row.kind][row.type] += row.count;
    let perDay = sites.get(row.day);
    if (perDay === undefined) sites.set(row.day, (perDay = new Map()));
    const s = perDay.get(row.site) ?? { rendered: 0, viewable: 0 };
    s[row.type] += row.count;
    perDay.set(row.site, s);
  }
  for (const [day, perDay] of sites) {
    const d = days.get(day);
    if (d !== undefined) d.bySite = [...perDay].map(([site, p]) => ({ site, ...p })).sort((a, b) => b.rendered - a.rendered || a.site.localeCompare(b.site));
  }
  return { from, to, threshold, days: [...days.values()] };
}

function csvField(value: string | number): string {
  const s = String(value);
  // Quote when needed, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof value === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV: one line per day (all sites), then one line per day and site. */
export function summaryToCsv(summary: ImpressionSummary): string {
  const lines = ['date,site,rendered,viewable,post_rendered,post_viewable,timeline_rendered,timeline_viewable,threshold'];
  for (const d of summary.days) {
    lines.push([d.day, '*', d.rendered, d.viewable, d.byKind.post.rendered, d.byKind.post.viewable, d.byKind.timeline.rendered, d.byKind.timeline.viewable, summary.threshold].map(csvField).join(','));
  }
  for (const d of summary.days) for (const s of d.bySite) lines.push([d.day, s.site, s.rendered, s.viewable, '', '', '', '', ''].map(csvField).join(','));
  return lines.join('\n') + '\n';
}
