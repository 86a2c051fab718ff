/** Open the impression store named by `--store`: `memory` → LMDB in the data directory, `redis://…` → Redis. */
import { join } from 'node:path';
import type { ImpressionStore } from './impression-store.js';
import { LmdbImpressionStore } from './lmdb-store.js';
import { RedisImpressionStore } from './redis-store.js';

/** Open a store; `now` drives the LMDB expiry sweep; per-item counts are kept `retentionDays` (default 90). */
export async function openImpressionStore(store: string, dataDir: string, now: () => number = Date.now, retentionDays?: number): Promise<ImpressionStore> {
  const retention = retentionDays === undefined ? {} : { retentionDays };
  if (/^rediss?:\/\//.test(store)) return RedisImpressionStore.connect(store, retention);
  return LmdbImpressionStore.open(join(dataDir, 'impressions'), { now, ...retention });
}
