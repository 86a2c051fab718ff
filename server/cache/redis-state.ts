/** Small pieces of shared state both Redis-backed caches keep: the upstream's rate limit, and key counts. */
import type { Redis } from 'ioredis';

/** When the upstream's current rate limit ends (epoch ms; 0 when none), stored under `key`. */
export async function readRateLimitUntil(redis: Redis, key: string): Promise<number> {
  const v = await redis.get(key);
  return v === null ? 0 : Number(v) || 0;
}

/** Store the rate limit's end under `key`, expiring with it (a past time clears it). */
export async function writeRateLimitUntil(redis: Redis, key: string, until: number, now: number): Promise<void> {
  const ttl = until - now;
  if (ttl <= 0) await redis.del(key);
  else await redis.set(key, String(until), 'PX', Math.ceil(ttl));
}

/** How many keys match `pattern` (a SCAN, bounded at a million). */
export async function countKeys(redis: Redis, pattern: string): Promise<number> {
  let entries = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    entries += keys.length;
  } while (cursor !== '0' && entries < 1_000_000);
  return entries;
}
