/** Checks an impressions batch field by field; a bad batch is rejected whole, naming the problem. */
import { IMPRESSION_LIMITS, type ImpressionBatch, type ImpressionEvent } from './impression-types.js';

/** Why a batch was refused; `reason` labels the rejected-batches metric. */
export class BatchError extends Error {
  override readonly name = 'BatchError';
  constructor(
    readonly status: 400 | 413 | 415 | 429 | 503,
    readonly reason: string,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const BATCH_FIELDS = new Set(['v', 'pageView', 'site', 'path', 'events']);
const EVENT_FIELDS = new Set(['seq', 'kind', 'type', 'id', 'ts']);
const PAGE_VIEW = /^[A-Za-z0-9_-]{22,36}$/;
const ORIGIN = /^https?:\/\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(:\d{1,5})?$/;
const POST_ID = /^\d{1,20}$/;
const TIMELINE_ID = /^[A-Za-z0-9_:.-]{1,64}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(reason: string, message: string, param: string): never {
  throw new BatchError(400, reason, message, param);
}

function checkFields(obj: Record<string, unknown>, allowed: Set<string>, where: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) fail('unknown-field', `Unknown field "${key.slice(0, 40)}" in ${where}.`, where === 'batch' ? key : `${where}.${key}`);
}

/** The name of events[i] in messages (built only when something is wrong). */
function eventAt(i: number): string {
  return `events[${i}]`;
}

/** Check events[i]. */
function checkEvent(raw: unknown, i: number, seen: Set<number>, now: number): ImpressionEvent {
  if (!isRecord(raw)) fail('wrong-type', `${eventAt(i)} must be an object.`, eventAt(i));
  for (const key in raw) if (!EVENT_FIELDS.has(key)) checkFields(raw, EVENT_FIELDS, eventAt(i));
  const { seq, kind, type, id, ts } = raw;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) fail('invalid-seq', `${eventAt(i)}.seq must be an integer ≥ 0.`, `${eventAt(i)}.seq`);
  if (seen.has(seq)) fail('duplicate-seq', `${eventAt(i)}.seq ${seq} appears twice in the batch.`, `${eventAt(i)}.seq`);
  seen.add(seq);
  if (kind !== 'post' && kind !== 'timeline') fail('invalid-kind', `${eventAt(i)}.kind must be "post" or "timeline".`, `${eventAt(i)}.kind`);
  if (type !== 'rendered' && type !== 'viewable') fail('invalid-type', `${eventAt(i)}.type must be "rendered" or "viewable".`, `${eventAt(i)}.type`);
  if (typeof id !== 'string' || !(kind === 'post' ? POST_ID : TIMELINE_ID).test(id)) fail('invalid-id', kind === 'post' ? `${eventAt(i)}.id must be a post id (digits).` : `${eventAt(i)}.id must be a timeline id (A–Z, a–z, 0–9, _ : . -; at most 64).`, `${eventAt(i)}.id`);
  if (typeof ts !== 'number' || !Number.isFinite(ts)) fail('wrong-type', `${eventAt(i)}.ts must be a number (epoch milliseconds).`, `${eventAt(i)}.ts`);
  if (ts > now + IMPRESSION_LIMITS.maxFutureMs) fail('future-timestamp', `${eventAt(i)}.ts is more than 10 minutes in the future.`, `${eventAt(i)}.ts`);
  if (ts < now - IMPRESSION_LIMITS.maxPastMs) fail('stale-timestamp', `${eventAt(i)}.ts is more than 48 hours in the past.`, `${eventAt(i)}.ts`);
  return { seq, kind, type, id, ts: Math.floor(ts) };
}

/** Parse the request body text as JSON (400 `malformed-json` otherwise). */
export function parseBatchJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BatchError(400, 'malformed-json', 'The body is not valid JSON.');
  }
}

/** Validate a parsed body against the wire format at time `now`; returns the typed batch or throws BatchError. */
export function validateBatch(body: unknown, now: number): ImpressionBatch {
  if (!isRecord(body)) fail('wrong-type', 'The body must be a JSON object.', 'body');
  checkFields(body, BATCH_FIELDS, 'batch');
  if (body.v !== 1) fail('unsupported-version', 'Field "v" must be 1.', 'v');
  const { pageView, site, path, events } = body;
  if (typeof pageView !== 'string' || !PAGE_VIEW.test(pageView)) fail('invalid-page-view', 'Field "pageView" must be 22–36 characters of A–Z, a–z, 0–9, "_" or "-".', 'pageView');
  if (typeof site !== 'string' || site.length > IMPRESSION_LIMITS.maxSiteLength || !ORIGIN.test(site)) fail('invalid-site', 'Field "site" must be a lowercase origin such as https://news.example.', 'site');
  if (typeof path !== 'string' || !path.startsWith('/') || path.length > IMPRESSION_LIMITS.maxPathLength || /[\s\u0000-\u001f]/.test(path)) fail('invalid-path', `Field "path" must start with "/" and be at most ${IMPRESSION_LIMITS.maxPathLength} characters without spaces.`, 'path');
  if (!Array.isArray(events)) fail('wrong-type', 'Field "events" must be an array.', 'events');
  if (events.length === 0) fail('no-events', 'Field "events" is empty.', 'events');
  if (events.length > IMPRESSION_LIMITS.maxEvents) throw new BatchError(413, 'too-many-events', `At most ${IMPRESSION_LIMITS.maxEvents} events per batch, got ${events.length}.`, 'events');
  const seen = new Set<number>();
  const out: ImpressionEvent[] = [];
  for (let i = 0; i < events.length; i++) out.push(checkEvent(events[i] as unknown, i, seen, now));
  return { v: 1, pageView, site, path, events: out };
}
