/**
 * Impression events this process refused or ignored today, by reason, so that a flood shows as an attack on the
 * dashboard and /metrics instead of as a false threshold alert. Kept in memory per process (a flood costs no writes).
 */
import type { Metrics } from '../metrics.js';
import { utcDay } from './utc-day.js';

/** Why events were not counted. */
export type RefusalReason = 'rate-limited' | 'daily-limit' | 'page-view-limit' | 'unknown-post';

/** Counts of not-counted events for one UTC day. */
export interface RefusedToday {
  day: string;
  byReason: Partial<Record<RefusalReason, number>>;
}

export class RefusedEvents {
  private day = '';
  private byReason: Partial<Record<RefusalReason, number>> = {};
  private readonly counter;

  constructor(
    metrics: Metrics,
    private readonly now: () => number,
  ) {
    this.counter = metrics.counter('perch_impression_refused_events_total', 'Impression events not counted, by reason (rate-limited, daily-limit: one client over its bound; page-view-limit; unknown-post: not served here in the last 24 hours).', ['reason']);
  }

  /** Note `events` events not counted for `reason`. */
  add(reason: RefusalReason, events: number): void {
    if (events <= 0) return;
    this.counter.inc([reason], events);
    const day = utcDay(this.now());
    if (day !== this.day) {
      this.day = day;
      this.byReason = {};
    }
    this.byReason[reason] = (this.byReason[reason] ?? 0) + events;
  }

  /** Today's counts (this process). */
  today(): RefusedToday {
    const day = utcDay(this.now());
    return { day, byReason: day === this.day ? { ...this.byReason } : {} };
  }
}
