/**
 * Batches impression events and sends them to the collector: on a size or time limit,
 * and when the page is hidden or left (sendBeacon, text/plain, no preflight; fetch with
 * keepalive as fallback). A failed send is retried later with the same sequence numbers,
 * so the collector counts it once. Nothing is stored on the device.
 */
import { collectorUrl } from './impressions-config.js';

/** One event on the wire. */
export interface ImpressionEvent {
  seq: number;
  kind: 'post' | 'timeline';
  type: 'rendered' | 'viewable';
  id: string;
  ts: number;
}

const MAX_BATCH = 50;
const FLUSH_MS = 5000;
const KEEPALIVE_BUDGET = 60 * 1024;

function randomPageViewId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

/** The page view's random id: in memory only, never stored. */
const pageView = randomPageViewId();
let seq = 0;
let queue: ImpressionEvent[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let retryDelay = 2000;
let listening = false;

function body(events: ImpressionEvent[]): string {
  return JSON.stringify({ v: 1, pageView, site: location.origin, path: location.pathname, events });
}

/** Queue an event for sending. */
export function enqueue(event: Omit<ImpressionEvent, 'seq' | 'ts'>): void {
  queue.push({ ...event, seq: seq++, ts: Date.now() });
  listen();
  if (queue.length >= MAX_BATCH) void flush();
  else timer ??= setTimeout(() => void flush(), FLUSH_MS);
}

function listen(): void {
  if (listening) return;
  listening = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushOnExit();
  });
  window.addEventListener('pagehide', flushOnExit);
}

/** Send what is queued now (normal path: read the answer, retry on failure). */
export async function flush(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  const url = collectorUrl();
  if (url === undefined || queue.length === 0) return;
  const batch = queue.splice(0, 500);
  try {
    const res = await fetch(url, { method: 'POST', body: body(batch), credentials: 'omit', headers: { 'content-type': 'text/plain' } });
    if (res.status >= 500 || res.status === 429) throw new Error(`collector answered ${res.status}`);
    retryDelay = 2000;
  } catch {
    queue = [...batch, ...queue]; // same seq numbers: the collector counts a retried event once
    retryDelay = Math.min(retryDelay * 2, 60_000);
    timer ??= setTimeout(() => void flush(), retryDelay);
  }
}

/** The page is going away: hand everything to the browser to deliver. */
function flushOnExit(): void {
  const url = collectorUrl();
  if (url === undefined || queue.length === 0) return;
  const batch = queue.splice(0, 500);
  const text = body(batch);
  const sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(url, new Blob([text], { type: 'text/plain' }));
  if (sent) return;
  if (text.length < KEEPALIVE_BUDGET) {
    void fetch(url, { method: 'POST', body: text, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } }).catch(() => undefined);
  } else queue = [...batch, ...queue];
}

/** Tests: what is waiting, and a way to start over. */
export function pendingImpressions(): readonly ImpressionEvent[] {
  return queue;
}

/** Tests: forget queued events (the page-view id stays: it lives as long as the page). */
export function resetImpressionQueueForTests(): void {
  queue = [];
  clearTimeout(timer);
  timer = undefined;
}
