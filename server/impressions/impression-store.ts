/** Where impression aggregates live: the interface both stores (LMDB embedded, Redis shared) implement. */
import type { HealthRegistry } from '../health.js';
import type { ImpressionBatch, ImpressionKind, ImpressionType } from './impression-types.js';

/** Days per-post and per-timeline counts are kept (daily totals are kept for good). */
export const DEFAULT_RETENTION_DAYS = 90;

/** One aggregate row: a UTC day × site × kind × type count. */
export interface CountRow {
  day: string;
  site: string;
  kind: ImpressionKind;
  type: ImpressionType;
  count: number;
}

/** A post's or timeline's count on a day range. */
export interface ItemCount {
  kind: ImpressionKind;
  id: string;
  rendered: number;
  viewable: number;
}

/** What an ingest counted. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Events ignored because the page view reached `IMPRESSION_LIMITS.maxEventsPerPageView`. */
  limited: number;
  /** Accepted events by `kind/type`. */
  byKindType: Map<`${ImpressionKind}/${ImpressionType}`, number>;
  /** Rendered totals (all sites, both kinds) of every day this batch touched, after the commit. */
  renderedTotals: Map<string, number>;
}

/** An alert that fired, as remembered by the store. */
export interface AlertRecord {
  day: string;
  /** `level:0.5`, `level:1`, `projected`. */
  key: string;
  /** Human text for the log, webhook and dashboard. */
  message: string;
  count: number;
  threshold: number;
  projected: number;
  firedAt: number;
}

/** An impression store. */
export interface ImpressionStore {
  readonly kind: 'lmdb' | 'redis';
  /** Count the batch's new events atomically; resolves only once durably committed. */
  ingest(batch: ImpressionBatch, now: number): Promise<IngestResult>;
  /** Aggregate rows for days `from`…`to` (inclusive, `YYYY-MM-DD`). */
  rows(from: string, to: string): Promise<CountRow[]>;
  /** Rendered total (all sites and kinds) of one day. */
  renderedTotal(day: string): Promise<number>;
  /** Most-rendered items over `from`…`to`. */
  topItems(from: string, to: string, limit: number): Promise<ItemCount[]>;
  /** Record `alert` unless one with the same day and key exists; true when this call recorded it (so it fires once across processes). */
  claimAlert(alert: AlertRecord): Promise<boolean>;
  /** Alerts fired on days `from`…`to`. */
  alerts(from: string, to: string): Promise<AlertRecord[]>;
  /** Report connection changes to `health` as they happen (stores that have a connection). */
  watchHealth?(health: HealthRegistry): void;
  close(): Promise<void>;
}
