/**
 * The embedded impression store (LMDB): batches arriving together are written in one transaction callback
 * (dedupe + counters, each counter read and written once), and `ingest` resolves only after the transaction
 * holding its batch is committed and flushed to disk.
 */
import { mkdirSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { open, type Key, type RootDatabase } from 'lmdb';
import type { ImpressionBatch, ImpressionKind, ImpressionType } from './impression-types.js';
import { IMPRESSION_LIMITS } from './impression-types.js';
import type { AlertRecord, CountRow, ImpressionStore, IngestResult, ItemCount } from './impression-store.js';
import { StoreUnavailableError } from '../health.js';
import { addDays, utcDay } from './utc-day.js';
import { DEFAULT_RETENTION_DAYS } from './impression-store.js';
import { topItems } from './top-items.js';

const HOUR_MS = 60 * 60 * 1000;

/** Page views seen: which sequence numbers were counted, and the hour bucket they expire from. */
interface PageViewRecord {
  h: number;
  s: number[];
}

/** A batch waiting for the next group commit. */
interface Pending {
  batch: ImpressionBatch;
  now: number;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/** Options for the LMDB store. */
export interface LmdbStoreOptions {
  /** How long (pageView, seq) pairs are remembered. */
  retryWindowMs?: number;
  /** Clock for the expiry sweep. */
  now?: () => number;
  /** How often expired dedupe records are swept (ms; 0 = never). */
  sweepEveryMs?: number;
  /** Most events counted for one page view; later ones are ignored (`limited`). */
  maxEventsPerPageView?: number;
  /** After a failed write (disk full), batches are refused at once for this long before the next write is tried. Default 1 s. */
  retryWritesAfterMs?: number;
  /** Per-post and per-timeline counts older than this many days are swept (daily totals are kept). Default 90. */
  retentionDays?: number;
}

/** Entries read between two yields to the event loop in long reads (dashboard, report), so /healthz and posts wait little. */
const READ_CHUNK = 1000;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Errors LMDB reports for a failed commit carry the cause as a (rejected) promise. */
interface CommitError {
  commitError?: Promise<unknown>;
  code?: unknown;
}

/** ENOSPC and EDQUOT: the data directory's file system (or quota) is full. */
const DISK_FULL_CODES = new Set([28, 122, 'ENOSPC', 'EDQUOT']);

/**
 * Make a failed LMDB commit a StoreUnavailableError, and handle the promise LMDB keeps the cause in (left
 * unhandled, it would end the process).
 */
async function commitFailure(error: unknown, dir: string): Promise<StoreUnavailableError> {
  let cause: unknown = error;
  const pending = (error as CommitError | undefined)?.commitError;
  if (pending !== undefined) cause = await pending.then(() => error, (e: unknown) => e);
  const code = (cause as CommitError | undefined)?.code;
  const detail = cause instanceof Error ? cause.message : String(cause);
  // A full file system reaches LMDB as ENOSPC, or as an I/O error when it surfaces while writing back its
  // mapped pages: ask the file system itself.
  return DISK_FULL_CODES.has(code as string | number) || (await nearlyFull(dir))
    ? new StoreUnavailableError('disk-full', `The impressions data directory is full: ${detail}`)
    : new StoreUnavailableError('write-failed', `The impressions store could not write: ${detail}`);
}

/** Whether the file system holding `dir` has (almost) no room left: under 1 MiB or 0.5 % free. */
async function nearlyFull(dir: string): Promise<boolean> {
  try {
    const fs = await statfs(dir);
    const free = fs.bavail * fs.bsize;
    return free < 1024 * 1024 || free < fs.blocks * fs.bsize * 0.005;
  } catch {
    return false;
  }
}

export class LmdbImpressionStore implements ImpressionStore {
  readonly kind = 'lmdb' as const;
  private readonly retryWindowMs: number;
  private readonly maxEventsPerPageView: number;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout | undefined;
  private readonly retryWritesAfterMs: number;
  private readonly retentionDays: number;
  /** The last write failure and when it happened: until `retryWritesAfterMs` later, batches are refused at once. */
  private failure: { error: StoreUnavailableError; at: number } | undefined;

  private constructor(
    private readonly db: RootDatabase<unknown, Key>,
    private readonly dir: string,
    options: LmdbStoreOptions,
  ) {
    this.retryWindowMs = options.retryWindowMs ?? IMPRESSION_LIMITS.retryWindowMs;
    this.maxEventsPerPageView = options.maxEventsPerPageView ?? IMPRESSION_LIMITS.maxEventsPerPageView;
    this.now = options.now ?? Date.now;
    this.retryWritesAfterMs = options.retryWritesAfterMs ?? 1000;
    this.retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const every = options.sweepEveryMs ?? 10 * 60 * 1000;
    this.sweeper = every > 0 ? setInterval(() => void this.sweep().then(() => this.sweepItems()).catch(() => undefined), every) : undefined;
    this.sweeper?.unref();
  }

  /** Open (creating if needed) the store in `dir`. */
  static open(dir: string, options: LmdbStoreOptions = {}): LmdbImpressionStore {
    mkdirSync(dir, { recursive: true });
    // Each ingest group is one transaction already; LMDB's own per-turn batching would leave a promise of its own
    // unhandled when a commit fails (disk full), which would end the process.
    const db = open<unknown, Key>({ path: `${dir}/impressions.lmdb`, compression: false, eventTurnBatching: false });
    return new LmdbImpressionStore(db, dir, options);
  }

  /** Batches that arrived in this turn of the event loop: they go into one transaction. */
  private waiting: Pending[] = [];
  private scheduled = false;

  /**
   * Count a batch. Batches that arrive in the same turn of the event loop are written in one transaction
   * callback (counters touched by many batches are read and written once); LMDB itself commits queued
   * transactions together and overlaps the next commit with the previous flush. Each caller is answered only
   * after the transaction holding its batch is committed and flushed to disk.
   */
  ingest(batch: ImpressionBatch, now: number): Promise<IngestResult> {
    // After a failed write, refuse at once for a moment (performance.now: the injected clock may stand still).
    if (this.failure !== undefined) {
      if (performance.now() - this.failure.at < this.retryWritesAfterMs) return Promise.reject(this.failure.error);
      this.failure.at = performance.now(); // this batch's group tries the next write; the rest are refused until then
    }
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ batch, now, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.writeGroup());
      }
    });
  }

  private writeGroup(): void {
    this.scheduled = false;
    const group = this.waiting;
    this.waiting = [];
    this.write(() => this.apply(group)).then(
      (results) => group.forEach((p, i) => p.resolve(results[i] as IngestResult)),
      (error: unknown) => group.forEach((p) => p.reject(error)),
    );
  }

  /**
   * Run `fn` in a write transaction and resolve once it is committed and flushed; a failed commit (disk full)
   * rejects with a StoreUnavailableError and refuses batches for `retryWritesAfterMs`.
   */
  private async write<T>(fn: () => T): Promise<T> {
    const committed = this.db.transaction(fn);
    // Wait for the flush at once, so that a failed commit's flush promise has a handler too.
    const flushed = Promise.resolve(this.db.flushed);
    try {
      const [result] = await Promise.all([committed, flushed]);
      this.failure = undefined;
      return result;
    } catch (error) {
      const failure = await commitFailure(error, this.dir);
      this.failure = { error: failure, at: performance.now() };
      throw failure;
    }
  }

  /** Inside the write transaction: dedupe and bound every batch of the group, then add up the counters once. */
  private apply(group: readonly Pending[]): IngestResult[] {
    const pageViews = new Map<string, { before: PageViewRecord | undefined; seqs: Set<number>; hour: number; changed: boolean }>();
    const counts = new Map<string, number>();
    const items = new Map<string, [number, number]>();
    const renderedDelta = new Map<string, number>();
    const partial: Array<Omit<IngestResult, 'renderedTotals'> & { days: Set<string> }> = [];
    for (const { batch, now } of group) {
      let pv = pageViews.get(batch.pageView);
      if (pv === undefined) {
        const before = this.db.get(['p', batch.pageView]) as PageViewRecord | undefined;
        pv = { before, seqs: new Set(before?.s ?? []), hour: before?.h ?? 0, changed: false };
        pageViews.set(batch.pageView, pv);
      }
      const byKindType: IngestResult['byKindType'] = new Map();
      const days = new Set<string>();
      let accepted = 0;
      let duplicates = 0;
      let limited = 0;
      for (const e of batch.events) {
        if (pv.seqs.has(e.seq)) {
          duplicates++;
          continue;
        }
        if (pv.seqs.size >= this.maxEventsPerPageView) {
          limited++; // a real page never sends this many: not counted, not remembered
          continue;
        }
        pv.seqs.add(e.seq);
        accepted++;
        const day = utcDay(e.ts);
        days.add(day);
        const ck = `${day}\n${batch.site}\n${e.kind}\n${e.type}`;
        counts.set(ck, (counts.get(ck) ?? 0) + 1);
        const ik = `${day}\n${e.kind}\n${e.id}`;
        let item = items.get(ik);
        if (item === undefined) {
          item = [0, 0];
          items.set(ik, item);
        }
        item[e.type === 'rendered' ? 0 : 1]++;
        const kt = `${e.kind}/${e.type}` as const;
        byKindType.set(kt, (byKindType.get(kt) ?? 0) + 1);
        renderedDelta.set(day, (renderedDelta.get(day) ?? 0) + (e.type === 'rendered' ? 1 : 0));
      }
      if (accepted > 0) {
        pv.changed = true;
        pv.hour = Math.floor(now / HOUR_MS);
      }
      partial.push({ accepted, duplicates, limited, byKindType, days });
    }
    for (const [pageView, pv] of pageViews) {
      if (!pv.changed) continue;
      if (pv.before !== undefined && pv.before.h !== pv.hour) void this.db.remove(['x', pv.before.h, pageView]);
      void this.db.put(['p', pageView], { h: pv.hour, s: [...pv.seqs] } satisfies PageViewRecord);
      void this.db.put(['x', pv.hour, pageView], 1);
    }
    for (const [ck, n] of counts) {
      const [day = '', site = '', kind = '', type = ''] = ck.split('\n');
      const key: Key = ['c', day, site, kind, type];
      void this.db.put(key, ((this.db.get(key) as number | undefined) ?? 0) + n);
    }
    for (const [ik, [r, v]] of items) {
      const [day = '', kind = '', id = ''] = ik.split('\n');
      const key: Key = ['i', day, kind, id];
      const old = (this.db.get(key) as [number, number] | undefined) ?? [0, 0];
      void this.db.put(key, [old[0] + r, old[1] + v]);
    }
    const totals = new Map<string, number>();
    for (const [day, n] of renderedDelta) {
      const total = ((this.db.get(['T', day]) as number | undefined) ?? 0) + n;
      if (n > 0) void this.db.put(['T', day], total);
      totals.set(day, total);
    }
    return partial.map(({ days, ...counted }) => {
      const renderedTotals = new Map<string, number>();
      for (const day of days) renderedTotals.set(day, totals.get(day) ?? 0);
      return { ...counted, renderedTotals };
    });
  }

  async rows(from: string, to: string): Promise<CountRow[]> {
    const out: CountRow[] = [];
    let n = 0;
    for (const { key, value } of this.db.getRange({ start: ['c', from], end: ['c', addDays(to, 1)] })) {
      const [, day, site, kind, type] = key as [string, string, string, ImpressionKind, ImpressionType];
      out.push({ day, site, kind, type, count: value as number });
      if (++n % READ_CHUNK === 0) await yieldToEventLoop();
    }
    return out;
  }

  async renderedTotal(day: string): Promise<number> {
    return (this.db.get(['T', day]) as number | undefined) ?? 0;
  }

  async topItems(from: string, to: string, limit: number): Promise<ItemCount[]> {
    const sum = new Map<string, ItemCount>();
    let n = 0;
    for (const { key, value } of this.db.getRange({ start: ['i', from], end: ['i', addDays(to, 1)] })) {
      if (++n % READ_CHUNK === 0) await yieldToEventLoop();
      const [, , kind, id] = key as [string, string, ImpressionKind, string];
      const [r, v] = value as [number, number];
      const k = `${kind}\n${id}`;
      const item = sum.get(k) ?? { kind, id, rendered: 0, viewable: 0 };
      item.rendered += r;
      item.viewable += v;
      sum.set(k, item);
    }
    return topItems(sum.values(), limit);
  }

  async claimAlert(alert: AlertRecord): Promise<boolean> {
    return this.write(() => {
      const key: Key = ['a', alert.day, alert.key];
      if (this.db.get(key) !== undefined) return false;
      void this.db.put(key, alert);
      return true;
    });
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
      await this.write(() => {
        for (const [hour, pv] of expired) {
          void this.db.remove(['x', hour, pv]);
          const rec = this.db.get(['p', pv]) as PageViewRecord | undefined;
          if (rec !== undefined && rec.h === hour) void this.db.remove(['p', pv]);
        }
      });
      forgotten += expired.length;
    }
  }

  /** Forget per-post and per-timeline counts of days older than the retention period; returns how many. */
  async sweepItems(): Promise<number> {
    const cutoff = addDays(utcDay(this.now()), -this.retentionDays);
    let swept = 0;
    for (;;) {
      const keys = [...this.db.getKeys({ start: ['i', ''], end: ['i', cutoff], limit: READ_CHUNK })];
      if (keys.length === 0) return swept;
      await this.write(() => {
        for (const key of keys) void this.db.remove(key);
      });
      swept += keys.length;
    }
  }

  async close(): Promise<void> {
    if (this.sweeper !== undefined) clearInterval(this.sweeper);
    if (this.scheduled) await new Promise<void>((resolve) => setImmediate(resolve));
    await this.db.flushed;
    await this.db.close();
  }
}
