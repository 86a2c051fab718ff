/**
 * The shared impression store (Redis) for several collector processes: one Lua script call per group of
 * concurrent batches deduplicates (pageView, seq) in a per-page-view hash (at most `maxEventsPerPageView`
 * entries) that expires after the retry window, and increments the day's counters, atomically.
 * Keys: `<prefix>imp:*`.
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../cache/redis-cache.js';
import { redisFailure, type HealthRegistry } from '../health.js';
import type { ImpressionBatch, ImpressionKind, ImpressionType } from './impression-types.js';
import { IMPRESSION_LIMITS } from './impression-types.js';
import type { AlertRecord, CountRow, ImpressionStore, IngestResult, ItemCount } from './impression-store.js';
import { DEFAULT_RETENTION_DAYS } from './impression-store.js';
import { topItems } from './top-items.js';
import { daysBetween, utcDay } from './utc-day.js';

// One call counts a group of batches (those that arrived while the previous call was in flight).
// ARGV: prefix, retry window (ms), max events per page view, retention of per-item counts (s), then per batch: pageView, site, and its events as
// lines of "seq\tday\tkind\ttype\tid" (validated fields never hold tabs or newlines): 3 strings per batch to
// encode, not 5 per event. Returns per batch a string of flags, one per event ('1' counted, '0' duplicate,
// '2' over the page-view bound), then [day, rendered total, …] for the days the group touched.
const INGEST_LUA = `
local p, win, cap, keep = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local results = {}
local touched = {}
for b = 5, #ARGV, 3 do
  local pv, site, events = ARGV[b], ARGV[b + 1], ARGV[b + 2]
  local pvkey = p .. 'imp:pv:' .. pv
  local flags = {}
  local any = false
  local size = redis.call('HLEN', pvkey)
  for seq, day, kind, typ, id in string.gmatch(events, '([^\\t\\n]+)\\t([^\\t\\n]+)\\t([^\\t\\n]+)\\t([^\\t\\n]+)\\t([^\\t\\n]+)\\n') do
    if redis.call('HEXISTS', pvkey, seq) == 1 then
      flags[#flags + 1] = '0'
    elseif size >= cap then
      flags[#flags + 1] = '2'
    else
      redis.call('HSET', pvkey, seq, 1)
      size = size + 1
      any = true
      flags[#flags + 1] = '1'
      redis.call('HINCRBY', p .. 'imp:day:' .. day, site .. '\\n' .. kind .. '\\n' .. typ, 1)
      redis.call('HINCRBY', p .. 'imp:item:' .. day, kind .. '\\n' .. id .. '\\n' .. typ, 1)
      if typ == 'rendered' then redis.call('INCR', p .. 'imp:total:' .. day) end
      touched[day] = true
    end
  end
  if any then redis.call('PEXPIRE', pvkey, win) end
  results[#results + 1] = table.concat(flags)
end
local days = {}
for d, _ in pairs(touched) do
  redis.call('EXPIRE', p .. 'imp:item:' .. d, keep)
  days[#days + 1] = d
  days[#days + 1] = redis.call('GET', p .. 'imp:total:' .. d) or '0'
end
return { results, days }
`;

/** A batch waiting for the next call. */
interface Pending {
  batch: ImpressionBatch;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/** Most batches in one script call (bounds how long Redis is busy with one call). */
const MAX_GROUP = 64;

interface IngestCommand {
  perchImpressionsIngest(...args: Array<string | number>): Promise<[string[], string[]]>;
}

/** Options for the Redis store. */
export interface RedisStoreOptions {
  prefix?: string;
  retryWindowMs?: number;
  connectTimeoutMs?: number;
  /** Most events counted for one page view; later ones are ignored (`limited`). */
  maxEventsPerPageView?: number;
  /** Per-post and per-timeline counts of a day expire this many days after its last event (daily totals are kept). Default 90. */
  retentionDays?: number;
}

/** What one batch counted, from its flags and the group's day totals. */
function result(batch: ImpressionBatch, flags: string, totals: ReadonlyMap<string, number>): IngestResult {
  const byKindType: IngestResult['byKindType'] = new Map();
  const renderedTotals = new Map<string, number>();
  let accepted = 0;
  let limited = 0;
  batch.events.forEach((e, i) => {
    const flag = flags[i];
    if (flag === '2') limited++;
    if (flag !== '1') return;
    accepted++;
    byKindType.set(`${e.kind}/${e.type}`, (byKindType.get(`${e.kind}/${e.type}`) ?? 0) + 1);
    const day = utcDay(e.ts);
    renderedTotals.set(day, totals.get(day) ?? 0);
  });
  return { accepted, duplicates: batch.events.length - accepted - limited, limited, byKindType, renderedTotals };
}

export class RedisImpressionStore implements ImpressionStore {
  readonly kind = 'redis' as const;
  private readonly prefix: string;
  private readonly retryWindowMs: number;
  private readonly maxEventsPerPageView: number;
  private readonly retentionSeconds: number;

  private constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions,
  ) {
    this.prefix = options.prefix ?? 'perch:';
    this.retryWindowMs = options.retryWindowMs ?? IMPRESSION_LIMITS.retryWindowMs;
    this.maxEventsPerPageView = options.maxEventsPerPageView ?? IMPRESSION_LIMITS.maxEventsPerPageView;
    this.retentionSeconds = (options.retentionDays ?? DEFAULT_RETENTION_DAYS) * 86_400;
    redis.defineCommand('perchImpressionsIngest', { numberOfKeys: 0, lua: INGEST_LUA });
  }

  /** Connect, failing fast with a readable error when Redis is not there. */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisImpressionStore> {
    const redis = await connectRedis(url, options.connectTimeoutMs);
    return new RedisImpressionStore(redis, options);
  }

  private k(rest: string): string {
    return `${this.prefix}imp:${rest}`;
  }

  private waiting: Pending[] = [];
  private sending: Promise<void> | undefined;

  /**
   * Count a batch. Batches that arrive while a call is in flight go together in the next call (one round trip
   * for the group); each caller is answered once Redis has executed the script holding its batch.
   */
  ingest(batch: ImpressionBatch, now: number): Promise<IngestResult> {
    void now;
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.sending ??= this.sendLoop();
    });
  }

  private async sendLoop(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        const args: Array<string | number> = [this.prefix, this.retryWindowMs, this.maxEventsPerPageView, this.retentionSeconds];
        for (const { batch } of group) {
          let lines = '';
          for (const e of batch.events) lines += `${e.seq}\t${utcDay(e.ts)}\t${e.kind}\t${e.type}\t${e.id}\n`;
          args.push(batch.pageView, batch.site, lines);
        }
        const [flags, days] = await (this.redis as unknown as IngestCommand).perchImpressionsIngest(...args);
        const totals = new Map<string, number>();
        for (let i = 0; i + 1 < days.length; i += 2) totals.set(days[i] ?? '', Number(days[i + 1]));
        group.forEach((p, i) => p.resolve(result(p.batch, flags[i] ?? '', totals)));
      } catch (error) {
        const failure = redisFailure(error, 'Impressions cannot be stored');
        for (const p of group) p.reject(failure);
      }
    }
    this.sending = undefined;
  }

  async rows(from: string, to: string): Promise<CountRow[]> {
    const days = daysBetween(from, to);
    const pipe = this.redis.pipeline();
    for (const day of days) pipe.hgetall(this.k(`day:${day}`));
    const results = (await pipe.exec()) ?? [];
    const out: CountRow[] = [];
    days.forEach((day, i) => {
      const hash = (results[i]?.[1] ?? {}) as Record<string, string>;
      for (const [field, value] of Object.entries(hash)) {
        const [site = '', kind, type] = field.split('\n') as [string, ImpressionKind, ImpressionType];
        out.push({ day, site, kind, type, count: Number(value) });
      }
    });
    return out.sort((a, b) => a.day.localeCompare(b.day) || a.site.localeCompare(b.site) || a.kind.localeCompare(b.kind) || a.type.localeCompare(b.type));
  }

  async renderedTotal(day: string): Promise<number> {
    return Number((await this.redis.get(this.k(`total:${day}`))) ?? 0);
  }

  async topItems(from: string, to: string, limit: number): Promise<ItemCount[]> {
    const days = daysBetween(from, to);
    const pipe = this.redis.pipeline();
    for (const day of days) pipe.hgetall(this.k(`item:${day}`));
    const results = (await pipe.exec()) ?? [];
    const sum = new Map<string, ItemCount>();
    for (const r of results) {
      for (const [field, value] of Object.entries((r?.[1] ?? {}) as Record<string, string>)) {
        const [kind, id = '', type] = field.split('\n') as [ImpressionKind, string, ImpressionType];
        const key = `${kind}\n${id}`;
        const item = sum.get(key) ?? { kind, id, rendered: 0, viewable: 0 };
        item[type === 'rendered' ? 'rendered' : 'viewable'] += Number(value);
        sum.set(key, item);
      }
    }
    return topItems(sum.values(), limit);
  }

  async claimAlert(alert: AlertRecord): Promise<boolean> {
    return (await this.redis.hsetnx(this.k(`alerts:${alert.day}`), alert.key, JSON.stringify(alert))) === 1;
  }

  async alerts(from: string, to: string): Promise<AlertRecord[]> {
    const days = daysBetween(from, to);
    const pipe = this.redis.pipeline();
    for (const day of days) pipe.hvals(this.k(`alerts:${day}`));
    const results = (await pipe.exec()) ?? [];
    const out: AlertRecord[] = [];
    for (const r of results) for (const raw of (r?.[1] ?? []) as string[]) out.push(JSON.parse(raw) as AlertRecord);
    return out.sort((a, b) => a.firedAt - b.firedAt);
  }

  private closing = false;

  /** Report the connection's state as it changes, so /healthz is right even when no batch arrives. */
  watchHealth(health: HealthRegistry): void {
    this.redis.on('close', () => {
      if (!this.closing) health.degraded('impressions-store', 'redis-unreachable', 'The impressions store lost its connection to Redis.');
    });
    this.redis.on('ready', () => health.recovered('impressions-store'));
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.sending;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
