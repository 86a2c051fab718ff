/** Tests and bench: build impression batches in the wire format and post them. */
import { randomBytes } from 'node:crypto';
import type { ImpressionAck, ImpressionBatch, ImpressionEvent } from '../../server/impressions/impression-types.js';

/** A random page-view id like the browser makes (22 chars, base64url). */
export function pageViewId(): string {
  return randomBytes(16).toString('base64url').slice(0, 22);
}

/** A batch of `events` for one page view. */
export function makeBatch(pageView: string, events: ImpressionEvent[], site = 'https://news.example', path = '/article/1'): ImpressionBatch {
  return { v: 1, pageView, site, path, events };
}

/** `count` post events starting at `seq`, alternating rendered/viewable unless `type` is given. */
export function postEvents(seq: number, count: number, ts: number, type?: ImpressionEvent['type'], id = (i: number) => String(1000 + (i % 7))): ImpressionEvent[] {
  return Array.from({ length: count }, (_, i) => ({ seq: seq + i, kind: 'post' as const, type: type ?? (i % 2 === 0 ? 'rendered' : 'viewable'), id: id(i), ts }));
}

/** POST a body (object → JSON text) as `text/plain` like sendBeacon. */
export async function postBatch(url: string, body: unknown, contentType = 'text/plain;charset=UTF-8'): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(`${url}/v1/impressions`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, json, headers: res.headers };
}

/** The ack of an accepted batch (throws on anything else). */
export function asAck(r: { status: number; json: unknown }): ImpressionAck {
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.json)}`);
  return r.json as ImpressionAck;
}
