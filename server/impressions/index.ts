/** Wires the impressions collector, summary, dashboard and alerts into the embed server's router. */
import { HealthRegistry } from '../health.js';
import type { Router } from '../http/router.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { AlertMonitor, DEFAULT_LEVELS, DEFAULT_THRESHOLD } from './alerts.js';
import { registerCollectorRoutes } from './collector-route.js';
import { registerDashboardRoute } from './dashboard-route.js';
import { RefusedEvents } from './refused-events.js';
import type { ServedPosts } from './served-posts.js';
import type { ImpressionStore } from './impression-store.js';
import { openImpressionStore } from './open-store.js';
import type { RateLimitOptions } from './rate-limit.js';
import { WebhookSender } from './webhook.js';

export type { ImpressionBatch, ImpressionEvent, ImpressionAck } from './impression-types.js';
export type { RateLimitOptions } from './rate-limit.js';

/** Options for `registerImpressions`. */
export interface ImpressionsOptions {
  /** `memory` → LMDB under `dataDir`; `redis://…` → shared Redis. */
  store: string;
  dataDir: string;
  adminToken?: string | undefined;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  /** Daily threshold (rendered impressions). Default 10,000,000. */
  threshold?: number | undefined;
  /** Alert levels as fractions of the threshold. Default [0.5, 0.8, 1]. */
  alertLevels?: number[] | undefined;
  /** Time into the UTC day before the projection may alert. Default 1 hour. */
  projectAfterMs?: number | undefined;
  /** Alerts are POSTed here as JSON. */
  webhookUrl?: string | undefined;
  /** Webhook retry tuning (tests). */
  webhookBaseDelayMs?: number | undefined;
  /** Per-client event bound (token bucket and daily allowance per hashed client address, in memory only); `false` turns it off. Default 500 events/s, burst 5,000, 20,000 a day, loopback exempt. */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Where a failing store is reported (`/healthz`); a registry of its own when not given. */
  health?: HealthRegistry | undefined;
  /** Days per-post and per-timeline counts are kept (daily totals are kept). Default 90. */
  retentionDays?: number | undefined;
  /** Count post events only for posts this registry says were served in the last 24 hours (off when not given). */
  served?: ServedPosts | undefined;
  /** Use this store instead of opening one (tests). */
  storeInstance?: ImpressionStore | undefined;
}

/** The impressions feature once registered. */
export interface RegisteredImpressions {
  store: ImpressionStore;
  /** Resolves when pending webhook deliveries have finished (tests). */
  webhookIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Register `POST /v1/impressions`, `GET /v1/impressions/summary` and `GET /dashboard`. */
export async function registerImpressions(router: Router, options: ImpressionsOptions): Promise<RegisteredImpressions> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const levels = options.alertLevels ?? [...DEFAULT_LEVELS];
  if (!Number.isFinite(threshold) || threshold <= 0) throw new Error('impressions threshold must be a positive number');
  if (levels.some((l) => !Number.isFinite(l) || l <= 0)) throw new Error('impressions alert levels must be positive fractions, e.g. 0.5,0.8,1');
  const store = options.storeInstance ?? (await openImpressionStore(options.store, options.dataDir, options.now, options.retentionDays));
  const webhook = options.webhookUrl !== undefined && options.webhookUrl !== '' ? new WebhookSender({ url: options.webhookUrl, log: options.log, ...(options.webhookBaseDelayMs !== undefined ? { baseDelayMs: options.webhookBaseDelayMs } : {}) }) : undefined;
  const alertOptions = { threshold, levels, projectAfterMs: options.projectAfterMs ?? 60 * 60 * 1000, now: options.now, log: options.log, webhook };
  const alerts = new AlertMonitor(store, alertOptions);
  const health = options.health ?? new HealthRegistry(options.log, options.metrics, options.now);
  store.watchHealth?.(health);
  const refused = new RefusedEvents(options.metrics, options.now);
  registerCollectorRoutes(router, { store, alerts, metrics: options.metrics, log: options.log, now: options.now, adminToken: options.adminToken, threshold, rateLimit: options.rateLimit, health, refused, served: options.served });
  registerDashboardRoute(router, { store, adminToken: options.adminToken, alerts: alertOptions, refused });
  options.log.info('impressions', { store: store.kind, threshold, levels: levels.join(','), webhook: webhook !== undefined });
  return {
    store,
    webhookIdle: async () => webhook?.idle(),
    async close() {
      webhook?.close();
      await store.close();
    },
  };
}
