/** In-process LRU cache bounded by entries and by bytes (serialized size). */
import type { CacheEntry, CacheStats, PostCache } from './post-cache.js';
import { MAX_POST_AGE_MS } from './post-cache.js';

/** Limits for the in-process cache. */
export interface MemoryCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

interface Slot {
  entry: CacheEntry;
  bytes: number;
}

/** LRU over a Map (insertion order = recency). */
export class MemoryCache implements PostCache {
  readonly kind = 'memory' as const;
  private readonly map = new Map<string, Slot>();
  private bytes = 0;
  private evictions = 0;
  private rateLimitUntil = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    const out = new Map<string, CacheEntry>();
    const now = this.now();
    for (const id of ids) {
      const entry = this.lookup(id, now);
      if (entry !== undefined) out.set(id, entry);
    }
    return Promise.resolve(out);
  }

  peek(id: string): CacheEntry | undefined {
    return this.lookup(id, this.now());
  }

  /** The entry for `id` unless older than 24 hours (then dropped); marks it most recently used. */
  private lookup(id: string, now: number): CacheEntry | undefined {
    const slot = this.map.get(id);
    if (slot === undefined) return undefined;
    if (now - slot.entry.checkedAt >= MAX_POST_AGE_MS) {
      this.remove(id);
      return undefined;
    }
    this.map.delete(id);
    this.map.set(id, slot);
    return slot.entry;
  }

  setMany(entries: ReadonlyMap<string, CacheEntry>): Promise<void> {
    for (const [id, entry] of entries) {
      this.remove(id);
      const bytes = JSON.stringify(entry.post).length * 2 + 64;
      if (bytes > this.maxBytes) continue;
      this.map.set(id, { entry, bytes });
      this.bytes += bytes;
    }
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.remove(oldest.value);
      this.evictions++;
    }
    return Promise.resolve();
  }

  delete(id: string): Promise<void> {
    this.remove(id);
    return Promise.resolve();
  }

  private remove(id: string): void {
    const slot = this.map.get(id);
    if (slot === undefined) return;
    this.map.delete(id);
    this.bytes -= slot.bytes;
  }

  getRateLimitUntil(): Promise<number> {
    return Promise.resolve(this.rateLimitUntil);
  }

  setRateLimitUntil(until: number): Promise<void> {
    this.rateLimitUntil = until;
    return Promise.resolve();
  }

  stats(): Promise<CacheStats> {
    return Promise.resolve({ entries: this.map.size, bytes: this.bytes, evictions: this.evictions });
  }

  close(): Promise<void> {
    this.map.clear();
    this.bytes = 0;
    return Promise.resolve();
  }
}
