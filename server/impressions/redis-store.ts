/**
 * The shared impression store (Redis) for several collector processes: one Lua script per batch
 * deduplicates (pageView, seq) in a per-page-view hash that expires after the retry window, and
 * increments the day's counters, atomically. Keys: `<prefix>imp:*`.
 */
import type { Redis } from 'ioredis';
import { connectRedis } from '../cache/redis-cache.js';
import type { ImpressionBatch, ImpressionKind, ImpressionType } from './impression-types.js';
import { IMPRESSION_LIMITS } from './impression-types.js';
import type { AlertRecord, CountRow, ImpressionStore, IngestResult, ItemCount } from './impression-store.js';
import { daysBetween, utcDay } from './utc-day.js';

const INGEST_LUA = `
local p, pv, win, site, n = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local pvkey = p .. 'imp:pv:' .. pv
local flags = {}
local touched = {}
local any = false
for i = 0, n - 1 do
  local b = 6 + i * 5
  local seq, day, kind, typ, id = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
  if redis.call('HSETNX', pvkey, seq, 1) == 1 then
    any = true
    flags[#flags + 1] = 1
    redis.call('HINCRBY', p .. 'imp:day:' .. day, site .. '\\n' .. kind .. '\\n' .. typ, 1)
    redis.call('HINCRBY', p .. 'imp:item:' .. day, kind .. '\\n' .. id .. '\\n' .. typ, 1)
    if typ == 'rendered' then redis.call('INCR', p .. 'imp:total:' .. day) end
    touched[day] = true
  else
    flags[#flags + 1] = 0
  end
end
if any then redis.call('PEXPIRE', pvkey, win) end
local days = {}
for d, _ in pairs(touched) do
  days[#days + 1] = d
  days[#days + 1] = redis.call('GET', p .. 'imp:total:' .. d) or '0'
end
return { flags, days }
`;

interface IngestCommand {
  perchImpressionsIngest(...args: Array<string | number>): Promise<[number[], string[]]>;
}

/** Options for the Redis store. */
export interface RedisStoreOptions {
  prefix?: string;
  retryWindowMs?: number;
  connectTimeoutMs?: number;
}

export class RedisImpressionStore implements ImpressionStore {
  readonly kind = 'redis' as const;
  private readonly prefix: string;
  private readonly retryWindowMs: number;

  private constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions,
  ) {
    this.prefix = options.prefix ?? 'perch:';
    this.retryWindowMs = options.retryWindowMs ?? IMPRESSION_LIMITS.retryWindowMs;
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

  async ingest(batch: ImpressionBatch, now: number): Promise<IngestResult> {
    void now;
    const args: Array<string | number> = [this.prefix, batch.pageView, this.retryWindowMs, batch.site, batch.events.length];
    for (const e of batch.events) args.push(e.seq, utcDay(e.ts), e.kind, e.type, e.id);
    const [flags, days] = await (this.redis as unknown as IngestCommand).perchImpressionsIngest(...args);
    const byKindType: IngestResult['byKindType'] = new Map();
    let accepted = 0;
    batch.events.forEach((e, i) => {
      if (flags[i] !== 1) return;
      accepted++;
      byKindType.set(`${e.kind}/${e.type}`, (byKindType.get(`${e.kind}/${e.type}`) ?? 0) + 1);
    });
    const renderedTotals = new Map<string, number>();
    for (let i = 0; i + 1 < days.length; i += 2) renderedTotals.set(days[i] ?? '', Number(days[i + 1]));
    return { accepted, duplicates: batch.events.length - accepted, byKindType, renderedTotals };
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
    return [...sum.values()].sort((a, b) => b.rendered - a.rendered || b.viewable - a.viewable || a.id.localeCompare(b.id)).slice(0, limit);
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

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
