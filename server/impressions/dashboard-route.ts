/** `GET /dashboard` (admin): today's count and projection, 30/90-day charts, top posts, sites, alerts. */
import type { Router } from '../http/router.js';
import { requireAdmin } from './admin-token.js';
import type { AlertOptions } from './alerts.js';
import { projectDay } from './alerts.js';
import { renderDashboard, type DashboardData } from './dashboard-page.js';
import type { ImpressionStore } from './impression-store.js';
import type { RefusedEvents } from './refused-events.js';
import { buildSummary } from './report.js';
import { addDays, utcDay } from './utc-day.js';

/** What the dashboard needs. */
export interface DashboardDeps {
  store: ImpressionStore;
  adminToken?: string | undefined;
  alerts: Pick<AlertOptions, 'threshold' | 'projectAfterMs' | 'now'>;
  /** Events this process did not count today, by reason. */
  refused?: RefusedEvents | undefined;
}

/** Gather the dashboard's data from the store. */
export async function dashboardData(deps: DashboardDeps): Promise<DashboardData> {
  const now = deps.alerts.now();
  const today = utcDay(now);
  const from90 = addDays(today, -89);
  const from30 = addDays(today, -29);
  const summary = await buildSummary(deps.store, from90, today, deps.alerts.threshold);
  const sites = new Map<string, { site: string; today: number; rendered: number; viewable: number }>();
  for (const d of summary.days) {
    if (d.day < from30) continue;
    for (const s of d.bySite) {
      const e = sites.get(s.site) ?? { site: s.site, today: 0, rendered: 0, viewable: 0 };
      e.rendered += s.rendered;
      e.viewable += s.viewable;
      if (d.day === today) e.today += s.rendered;
      sites.set(s.site, e);
    }
  }
  const count = summary.days[summary.days.length - 1]?.rendered ?? 0;
  return {
    today,
    threshold: deps.alerts.threshold,
    days90: summary.days,
    projected: projectDay(count, today, now, deps.alerts.projectAfterMs),
    top: await deps.store.topItems(from30, today, 20),
    sites: [...sites.values()].sort((a, b) => b.rendered - a.rendered || a.site.localeCompare(b.site)).slice(0, 100),
    alerts: await deps.store.alerts(from30, today),
    refused: deps.refused?.today().byReason ?? {},
    generatedAt: now,
  };
}

/** Register `GET /dashboard`. */
export function registerDashboardRoute(router: Router, deps: DashboardDeps): void {
  router.on('GET', '/dashboard', async (ctx) => {
    requireAdmin(ctx, deps.adminToken);
    const body = Buffer.from(renderDashboard(await dashboardData(deps)));
    ctx.res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
    });
    ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
  }, { cors: 'none' });
}
