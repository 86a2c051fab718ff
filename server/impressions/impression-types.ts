/**
 * The impressions wire format (what the browser half sends to `POST /v1/impressions`) and the
 * collector's limits. A copy of `ImpressionBatch` lives in src/impressions/ for the browser.
 */

/** What was shown: an embedded post or a timeline. */
export type ImpressionKind = 'post' | 'timeline';

/** `rendered`: its content is on the page; `viewable`: ≥ 50% in the viewport for 1 s, tab visible. */
export type ImpressionType = 'rendered' | 'viewable';

/** One impression event. */
export interface ImpressionEvent {
  /** Integer ≥ 0, unique per page view; with `pageView` it is the idempotency key. */
  seq: number;
  kind: ImpressionKind;
  type: ImpressionType;
  /** Post id (digits) or timeline id (`[A-Za-z0-9_:.-]`, ≤ 64). */
  id: string;
  /** When it happened, epoch milliseconds. */
  ts: number;
}

/**
 * Body of `POST /v1/impressions` (`text/plain` from sendBeacon or `application/json` from fetch).
 * Unknown fields are rejected.
 */
export interface ImpressionBatch {
  v: 1;
  /** Random page-view id kept in memory only: 22–36 chars of `[A-Za-z0-9_-]`. */
  pageView: string;
  /** The page's origin, e.g. `https://news.example` (lowercase, no path). */
  site: string;
  /** The page's path, e.g. `/article/1` (validated, not stored). */
  path: string;
  events: ImpressionEvent[];
}

/** Answer to an accepted batch, sent only after the store committed it. */
export interface ImpressionAck {
  /** Events counted now. */
  accepted: number;
  /** Events already counted earlier (same pageView and seq). */
  duplicates: number;
  /** Events ignored because their page view already reached its bound (only present when > 0). */
  limited?: number;
  /** Post events ignored because this server did not serve that post in the last 24 hours (only present when > 0). */
  unknown?: number;
}

/** Collector limits. */
export const IMPRESSION_LIMITS = {
  /** Largest request body in bytes. */
  maxBodyBytes: 64 * 1024,
  /** Most events in one batch. */
  maxEvents: 500,
  /** How far in the future an event's `ts` may be (clock skew). */
  maxFutureMs: 10 * 60 * 1000,
  /** How far in the past an event's `ts` may be. */
  maxPastMs: 48 * 60 * 60 * 1000,
  /** How long a (pageView, seq) pair is remembered to drop retries. */
  retryWindowMs: 48 * 60 * 60 * 1000,
  maxPathLength: 2048,
  /** Most events counted for one page view (a page with 500 embeds, each rendered and viewable); later ones are ignored. */
  maxEventsPerPageView: 1000,
  maxSiteLength: 255,
} as const;

/** All kinds and types, in display order. */
export const IMPRESSION_KINDS: readonly ImpressionKind[] = ['post', 'timeline'];
export const IMPRESSION_TYPES: readonly ImpressionType[] = ['rendered', 'viewable'];
