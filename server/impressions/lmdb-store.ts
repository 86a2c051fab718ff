/**
 * The embedded impression store (LMDB): each batch is one write transaction (dedupe + counters),
 * and `ingest` resolves only after that transaction is committed and flushed to disk.
 */
import { mkdirSync } from 'node:fs';
import { open, type Key, type RootDatabase } from 'lmdb';
import type { ImpressionBatch, ImpressionKind, ImpressionType } from './impression-types.js';
import { IMPRESSION_LIMITS } from './impression-types.js';
import type { AlertRecord, CountRow, ImpressionStore, IngestResult, ItemCount } from './impression-store.js';
import { addDays, utcDay } from './utc-day.js';

const HOUR_MS = 60 * 60 * 1000;

/** Page views seen: which sequence numbers were counted, and the hour bucket they expire from. */
interface PageViewRecord {
  h: number;
  s: number[];
}

/** Options for the LMDB store. */
export interface LmdbStoreOptions {
  /** How long (pageView, seq) pairs are remembered. */
  retryWindowMs?: number;
  /** Clock for the expiry sweep. */
  now?: () => number;
  /** How often expired dedupe records are swept (ms; 0 = never). */
  sweepEveryMs?: number;
}

export class LmdbImpressionStore implements ImpressionStore {
  readonly kind = 'lmdb' as const;
  private readonly retryWindowMs: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: RootDatabase<unknown, Key>,
    options: LmdbStoreOptions,
  ) {
    this.retryWindowMs = options.retryWindowMs ?? IMPRESSION_LIMITS.retryWindowMs;
    this.now = options.now ?? Date.now;
    const every = options.sweepEveryMs ?? 10 * 60 * 1000;
    this.sweeper = every > 0 ? setInterval(() => void this.sweep().catch(() => undefined), every) : undefined;
    this.sweeper?.unref();
  }

  /** Open (creating if needed) the store in `dir`. */
  static open(dir: string, options: LmdbStoreOptions = {}): LmdbImpressionStore {
    mkdirSync(dir, { recursive: true });
    const db = open<unknown, Key>({ path: `${dir}/impressions.lmdb`, compression: false });
    return new LmdbImpressionStore(db, options);
  }

  async ingest(batch: ImpressionBatch, now: number): Promise<IngestResult> {
    const result = await this.db.transaction(() => {
      const pvKey: Key = ['p', batch.pageView];
      const record = this.db.get(pvKey) as PageViewRecord | undefined;
      const seqs = new Set(record?.s ?? []);
      const counts = new Map<string, number>();
      const items = new Map<string, [number, number]>();
      const byKindType: IngestResult['byKindType'] = new Map();
      const renderedDelta = new Map<string, number>();
      let accepted = 0;
      let duplicates = 0;
      for (const e of batch.events) {
        if (seqs.has(e.seq)) {
          duplicates++;
          continue;
        }
        seqs.add(e.seq);
        accepted++;
        const day = utcDay(e.ts);
        const ck = `${day}\n${e.kind}\n${e.type}`;
        counts.set(ck, (counts.get(ck) ?? 0) + 1);
        const ik = `${day}\n${e.kind}\n${e.id}`;
        const item = items.get(ik) ?? [0, 0];
        item[e.type === 'rendered' ? 0 : 1]++;
        items.set(ik, item);
        byKindType.set(`${e.kind}/${e.type}`, (byKindType.get(`${e.kind}/${e.type}`) ?? 0) + 1);
        if (e.type === 'rendered') renderedDelta.set(day, (renderedDelta.get(day) ?? 0) + 1);
        else if (!renderedDelta.has(day)) renderedDelta.set(day, 0);
      }
      const renderedTotals = new Map<string, number>();
      if (accepted > 0) {
        const hour = Math.floor(now / HOUR_MS);
        if (record !== undefined && record.h !== hour) void this.db.remove(['x', record.h, batch.pageView]);
        void this.db.put(pvKey, { h: hour, s: [...seqs] } satisfies PageViewRecord);
        void this.db.put(['x', hour, batch.pageView], 1);
        for (const [ck, n] of counts) {
          const [day = '', kind = '', type = ''] = ck.split('\n');
          const key: Key = ['c', day, batch.site, kind, type];
          void this.db.put(key, ((this.db.get(key) as number | undefined) ?? 0) + n);
        }
        for (const [ik, [r, v]] of items) {
          const [day = '', kind = '', id = ''] = ik.split('\n');
          const key: Key = ['i', day, kind, id];
          const old = (this.db.get(key) as [number, number] | undefined) ?? [0, 0];
          void this.db.put(key, [old[0] + r, old[1] + v]);
        }
        for (const [day, n] of renderedDelta) {
          const total = ((this.db.get(['T', day]) as number | undefined) ?? 0) + n;
          if (n > 0) void this.db.put(['T', day], total);
          renderedTotals.set(day, total);
        }
      }
      return { accepted, duplicates, byKindType, renderedTotals };
    });
    await this.db.flushed;
    return result;
  }

  async rows(from: string, to: string): Promise<CountRow[]> {
    const out: CountRow[] = [];
    for (const { key, value } of this.db.getRange({ start: ['c', from], end: ['c', addDays(to, 1)] })) {
      const [, day, site, kind, type] = key as [string, string, string, ImpressionKind, ImpressionType];
      out.push({ day, site, kind, type, count: value as number });
    }
    return out;
  }

  async renderedTotal(day: string): Promise<number> {
    return (this.db.get(['T', day]) as number | undefined) ?? 0;
  }

  async topItems(from: string, to: string, limit: number): Promise<ItemCount[]> {
    const sum = new Map<string, ItemCount>();
    for (const { key, value } of this.db.getRange({ start: ['i', from], end: ['i', addDays(to, 1)] })) {
      const [, , kind, id] = key as [string, string, ImpressionKind, string];
      const [r, v] = value as [number, number];
      const k = `${kind}\n${id}`;
      const item = sum.get(k) ?? { kind, id, rendered: 0, viewable: 0 };
      item.rendered += r;
      item.viewable += v;
      sum.set(k, item);
    }
    return [...sum.values()].sort((a, b) => b.rendered - a.rendered || b.viewable - a.viewable || a.id.localeCompare(b.id)).slice(0, limit);
  }

  async claimAlert(alert: AlertRecord): Promise<boolean> {
    const claimed = await this.db.transaction(() => {
      const key: Key = ['a', alert.day, alert.key];
      if (this.db.get(key) !== undefined) return false;
      void this.db.put(key, alert);
      return true;
    });
    await this.db.flushed;
    return claimed;
  }

  async alerts(from: string, to: string): Promise<AlertRecord[]> {
    const out: AlertRecord[] = [];
    for (const { value } of this.db.getRange({ start: ['a', from], end: ['a', addDays(to, 1)] })) out.push(value as AlertRecord);
    return out.sort((a, b) => a.firedAt - b.firedAt);
  }

  /** Forget page views not seen within the retry window; returns how many were forgotten. */
  async sweep(): Promise<number> {
    const cutoff = Math.floor((this.now() - this.retryWindowMs) / HOUR_MS);
    let forgotten = 0;
    for (;;) {
      const expired: Array<[number, string]> = [];
      for (const key of this.db.getKeys({ start: ['x', 0], end: ['x', cutoff], limit: 10_000 })) {
        const [, hour, pv] = key as [string, number, string];
        expired.push([hour, pv]);
      }
      if (expired.length === 0) return forgotten;
      await this.db.transaction(() => {
        for (const [hour, pv] of expired) {
          void this.db.remove(['x', hour, pv]);
          const rec = this.db.get(['p', pv]) as PageViewRecord | undefined;
          if (rec !== undefined && rec.h === hour) void this.db.remove(['p', pv]);
        }
      });
      forgotten += expired.length;
    }
  }

  async close(): Promise<void> {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    await this.db.flushed;
    await this.db.close();
  }
}
