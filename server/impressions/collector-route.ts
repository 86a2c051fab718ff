/**
 * `POST /v1/impressions` (cross-origin beacons welcome) and `GET /v1/impressions/summary` (admin).
 * A batch is validated whole, bounded (events per page view, events per client address, see rate-limit.ts),
 * committed, then acknowledged; nothing about the visitor is kept.
 */
import { readDnt } from '../http/dnt.js';
import { HttpError, readBody, sendJson, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { StoreUnavailableError, type HealthRegistry } from '../health.js';
import { requireAdmin } from './admin-token.js';
import type { AlertMonitor } from './alerts.js';
import { IMPRESSION_LIMITS, type ImpressionAck, type ImpressionBatch } from './impression-types.js';
import { AddressRateLimiter, type RateLimitOptions, clientAddress } from './rate-limit.js';
import type { RefusedEvents } from './refused-events.js';
import type { ServedPosts } from './served-posts.js';
import type { ImpressionStore, IngestResult } from './impression-store.js';
import { buildSummary, MAX_SUMMARY_DAYS } from './report.js';
import { addDays, dayCount, isDay, utcDay } from './utc-day.js';
import { BatchError, parseBatchJson, validateBatch } from './validate-batch.js';

/** What the collector routes need. */
export interface CollectorDeps {
  store: ImpressionStore;
  alerts: AlertMonitor;
  metrics: Metrics;
  log: Logger;
  now: () => number;
  adminToken?: string | undefined;
  threshold: number;
  /** Per-client event bound (see rate-limit.ts); `false` turns it off. */
  rateLimit?: RateLimitOptions | false | undefined;
  /** Where a failing store (disk full, Redis gone) is reported, and its recovery. */
  health: HealthRegistry;
  /** Events not counted today, by reason (dashboard, /metrics). */
  refused: RefusedEvents;
  /** When set, post events count only for posts this server served in the last 24 hours. */
  served?: ServedPosts | undefined;
}

const CORS = { 'access-control-allow-origin': '*', 'cache-control': 'no-store' };

/** The body as text, through the HTTP layer's bounded reader; a refusal counts as a rejected batch. */
async function readBatchText(ctx: RequestContext, limit: number): Promise<string> {
  try {
    return (await readBody(ctx, limit)).toString('utf8');
  } catch (error) {
    if (error instanceof HttpError && error.status === 413) throw new BatchError(413, 'body-too-large', error.message);
    throw error;
  }
}

function checkContentType(ctx: RequestContext): void {
  const type = (ctx.req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'text/plain' && type !== 'application/json') throw new BatchError(415, 'unsupported-content-type', 'Send the batch as text/plain or application/json.');
}

/**
 * Count a batch; a store that cannot write now (disk full, Redis unreachable) becomes a 503 with `Retry-After`:
 * the page keeps the events and sends them again later with the same sequence numbers, so they count once.
 */
async function ingest(deps: CollectorDeps, sent: ImpressionBatch, now: number): Promise<IngestResult & { unknown: number }> {
  try {
    const batch = deps.served === undefined ? sent : await onlyServed(deps.served, sent);
    const unknown = sent.events.length - batch.events.length;
    if (unknown > 0) deps.refused.add('unknown-post', unknown);
    const result = batch.events.length === 0 ? { accepted: 0, duplicates: 0, limited: 0, byKindType: new Map(), renderedTotals: new Map() } : await deps.store.ingest(batch, now);
    deps.health.recovered('impressions-store');
    return { ...result, unknown };
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    deps.health.degraded('impressions-store', error.reason, error.message);
    throw new BatchError(503, 'store-unavailable', 'Impressions cannot be stored right now; send them again later.', undefined, error.headers);
  }
}

/** The batch without post events for posts this server did not serve in the last 24 hours (made-up ids). */
async function onlyServed(served: ServedPosts, batch: ImpressionBatch): Promise<ImpressionBatch> {
  const ids = new Set<string>();
  for (const e of batch.events) if (e.kind === 'post') ids.add(e.id);
  if (ids.size === 0) return batch;
  const known = await served.known([...ids]);
  if (known.size === ids.size) return batch;
  return { ...batch, events: batch.events.filter((e) => e.kind !== 'post' || known.has(e.id)) };
}

/** Register the collector and summary routes. */
export function registerCollectorRoutes(router: Router, deps: CollectorDeps): void {
  const { store, metrics } = deps;
  const batches = metrics.counter('perch_impression_batches_total', 'Impression batches accepted and committed.', []);
  const counted = metrics.counter('perch_impressions_total', 'Impression events counted.', ['kind', 'type']);
  const rejected = metrics.counter('perch_impression_rejected_total', 'Impression batches refused, by reason.', ['reason']);
  const limiter = deps.rateLimit === false ? undefined : new AddressRateLimiter(deps.rateLimit);
  router.on('POST', '/v1/impressions', async (ctx) => {
    // Every answer names CORS and no-store in its own headers (errors included), on top of the any-origin defaults.
    let ack: ImpressionAck;
    try {
      checkContentType(ctx);
      // Counts are aggregates with no visitor data either way; the opt-out is validated like on every route.
      try {
        readDnt(ctx);
      } catch {
        throw new BatchError(400, 'invalid-dnt', 'dnt must be true or false.', 'dnt');
      }
      const text = await readBatchText(ctx, IMPRESSION_LIMITS.maxBodyBytes);
      const now = deps.now();
      const batch = validateBatch(parseBatchJson(text), now);
      const refusal = limiter?.check(clientAddress(ctx.req.socket.remoteAddress, ctx.req.headers['x-forwarded-for']), batch.events.length);
      if (refusal !== undefined) {
        deps.refused.add(refusal.reason, batch.events.length);
        const wait = refusal.retryAfterSeconds;
        const message = refusal.reason === 'daily-limit' ? `This client sent its share of impression events for today; retry in ${wait} s.` : `Too many impression events from this client; retry in ${wait} s.`;
        throw new BatchError(429, refusal.reason, message, undefined, { 'retry-after': String(wait) });
      }
      const result = await ingest(deps, batch, now);
      batches.inc([]);
      if (result.duplicates > 0) metrics.inc('perch_impression_duplicates_total', 'Impression events dropped as already counted (retries).', undefined, result.duplicates);
      if (result.limited > 0) {
        metrics.inc('perch_impression_limited_total', 'Impression events ignored: their page view reached its bound.', undefined, result.limited);
        deps.refused.add('page-view-limit', result.limited);
      }
      for (const [kt, n] of result.byKindType) {
        const [kind = '', type = ''] = kt.split('/');
        counted.inc([kind, type], n);
      }
      await deps.alerts.observe(result.renderedTotals);
      ack = { accepted: result.accepted, duplicates: result.duplicates };
      if (result.limited > 0) ack.limited = result.limited;
      if (result.unknown > 0) ack.unknown = result.unknown;
    } catch (error) {
      if (!(error instanceof BatchError)) throw error;
      rejected.inc([error.reason]);
      throw new HttpError(error.status, error.reason, error.message, error.param, error.status === 413 ? { ...CORS, connection: 'close' } : { ...CORS, ...error.headers });
    }
    sendJson(ctx, 200, ack, CORS);
  }, { cors: 'any-origin', maxBodyBytes: IMPRESSION_LIMITS.maxBodyBytes });

  router.on('GET', '/v1/impressions/summary', async (ctx) => {
    requireAdmin(ctx, deps.adminToken);
    const today = utcDay(deps.now());
    const from = ctx.url.searchParams.get('from') ?? addDays(today, -29);
    const to = ctx.url.searchParams.get('to') ?? today;
    if (!isDay(from)) throw new HttpError(400, 'invalid-date', '"from" must be a date like 2026-01-31.', 'from');
    if (!isDay(to)) throw new HttpError(400, 'invalid-date', '"to" must be a date like 2026-01-31.', 'to');
    if (from > to) throw new HttpError(400, 'invalid-range', '"from" is after "to".', 'from');
    if (dayCount(from, to) > MAX_SUMMARY_DAYS) throw new HttpError(400, 'range-too-long', `At most ${MAX_SUMMARY_DAYS} days at once.`, 'to');
    const summary = await buildSummary(store, from, to, deps.threshold);
    const top = await store.topItems(from, to, 20);
    const alerts = await store.alerts(from, to);
    sendJson(ctx, 200, { ...summary, top, alerts }, { 'cache-control': 'no-store' });
  }, { cors: 'none' });
}
