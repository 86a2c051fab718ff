/** Checks an impressions batch field by field; a bad batch is rejected whole, naming the problem. */
import { IMPRESSION_LIMITS, type ImpressionBatch, type ImpressionEvent, type ImpressionKind, type ImpressionType } from './impression-types.js';

/** Why a batch was refused; `reason` labels the rejected-batches metric. */
export class BatchError extends Error {
  override readonly name = 'BatchError';
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: string,
    message: string,
    readonly param?: string,
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
  events.forEach((raw: unknown, i: number) => {
    const at = `events[${i}]`;
    if (!isRecord(raw)) fail('wrong-type', `${at} must be an object.`, at);
    checkFields(raw, EVENT_FIELDS, at);
    const { seq, kind, type, id, ts } = raw;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) fail('invalid-seq', `${at}.seq must be an integer ≥ 0.`, `${at}.seq`);
    if (seen.has(seq)) fail('duplicate-seq', `${at}.seq ${seq} appears twice in the batch.`, `${at}.seq`);
    seen.add(seq);
    if (kind !== 'post' && kind !== 'timeline') fail('invalid-kind', `${at}.kind must be "post" or "timeline".`, `${at}.kind`);
    if (type !== 'rendered' && type !== 'viewable') fail('invalid-type', `${at}.type must be "rendered" or "viewable".`, `${at}.type`);
    if (typeof id !== 'string' || !(kind === 'post' ? POST_ID : TIMELINE_ID).test(id)) fail('invalid-id', kind === 'post' ? `${at}.id must be a post id (digits).` : `${at}.id must be a timeline id (A–Z, a–z, 0–9, _ : . -; at most 64).`, `${at}.id`);
    if (typeof ts !== 'number' || !Number.isFinite(ts)) fail('wrong-type', `${at}.ts must be a number (epoch milliseconds).`, `${at}.ts`);
    if (ts > now + IMPRESSION_LIMITS.maxFutureMs) fail('future-timestamp', `${at}.ts is more than 10 minutes in the future.`, `${at}.ts`);
    if (ts < now - IMPRESSION_LIMITS.maxPastMs) fail('stale-timestamp', `${at}.ts is more than 48 hours in the past.`, `${at}.ts`);
    out.push({ seq, kind: kind as ImpressionKind, type: type as ImpressionType, id, ts: Math.floor(ts) });
  });
  return { v: 1, pageView, site, path, events: out };
}
