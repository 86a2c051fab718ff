/**
 * Threshold alerts: each level (default 50/80/100% of 10 million a day) at most once per UTC day,
 * plus "projected to exceed today"; the store's claim makes "once" hold across processes.
 */
import type { Logger } from '../log.js';
import type { AlertRecord, ImpressionStore } from './impression-store.js';
import { dayStart, DAY_MS, utcDay } from './utc-day.js';
import type { WebhookSender } from './webhook.js';

/** Alert settings. */
export interface AlertOptions {
  /** Rendered impressions a day that must not be crossed unannounced. Default 10,000,000. */
  threshold: number;
  /** Fractions of the threshold that alert. Default [0.5, 0.8, 1]. */
  levels: number[];
  /** How far into the UTC day the projection starts to count. Default 1 hour. */
  projectAfterMs: number;
  now: () => number;
  log: Logger;
  webhook?: WebhookSender | undefined;
}

export const DEFAULT_THRESHOLD = 10_000_000;
export const DEFAULT_LEVELS: readonly number[] = [0.5, 0.8, 1];

/** Projected end-of-day count from the count so far (undefined before `projectAfterMs`). */
export function projectDay(count: number, day: string, now: number, projectAfterMs: number): number | undefined {
  const elapsed = now - dayStart(day);
  if (elapsed < projectAfterMs || elapsed <= 0) return undefined;
  if (elapsed >= DAY_MS) return count;
  return Math.round((count * DAY_MS) / elapsed);
}

/** Watches day totals after each ingest and fires alerts. */
export class AlertMonitor {
  /** Alerts this process already knows are claimed (`day|key`). */
  private readonly known = new Set<string>();

  constructor(
    private readonly store: ImpressionStore,
    readonly options: AlertOptions,
  ) {}

  /** Check the rendered totals of the days a batch touched. */
  async observe(totals: ReadonlyMap<string, number>): Promise<void> {
    const now = this.options.now();
    const today = utcDay(now);
    const { threshold } = this.options;
    for (const [day, count] of totals) {
      const projected = day === today ? projectDay(count, day, now, this.options.projectAfterMs) : count;
      for (const level of this.options.levels) {
        if (count >= Math.ceil(level * threshold)) {
          const pct = Math.round(level * 100);
          await this.fire({ day, key: `level:${level}`, message: `Impressions on ${day} reached ${pct}% of the ${threshold.toLocaleString('en-US')} daily threshold (${count.toLocaleString('en-US')}).`, count, threshold, projected: projected ?? count, firedAt: now });
        }
      }
      if (day === today && projected !== undefined && projected >= threshold && count < threshold) {
        await this.fire({ day, key: 'projected', message: `Impressions on ${day} are projected to reach ${projected.toLocaleString('en-US')}, above the ${threshold.toLocaleString('en-US')} daily threshold (${count.toLocaleString('en-US')} so far).`, count, threshold, projected, firedAt: now });
      }
    }
  }

  private async fire(alert: AlertRecord): Promise<void> {
    const id = `${alert.day}|${alert.key}`;
    if (this.known.has(id)) return;
    this.known.add(id);
    if (this.known.size > 1000) this.known.clear();
    let claimed: boolean;
    try {
      claimed = await this.store.claimAlert(alert);
    } catch (error) {
      this.known.delete(id);
      this.options.log.error('impressions-alert-claim-failed', { error: error instanceof Error ? error.message : String(error) });
      return;
    }
    if (!claimed) return;
    this.options.log.warn('impressions-alert', { day: alert.day, alert: alert.key, count: alert.count, threshold: alert.threshold, projected: alert.projected, message: alert.message });
    void this.options.webhook?.send({ type: 'perch.impressions.alert', alert });
  }
}
