/**
 * A per-client bound on impression events: a token bucket per client address, in memory only.
 * The address itself is never kept: buckets are keyed by an HMAC of it under a random key made at start-up
 * (never written anywhere), so neither the map nor a heap dump holds an IP address, and nothing is logged.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Limits for `AddressRateLimiter`. */
export interface RateLimitOptions {
  /** Sustained events per second one client address may send. Default 500. */
  eventsPerSecond?: number;
  /** Events one client address may send at once. Default 5,000. */
  burst?: number;
  /**
   * Leave loopback peers unlimited (default true): a reverse proxy on the same host or a local test sends
   * everyone's events from 127.0.0.1, where a per-address bound would throttle every visitor at once.
   */
  exemptLoopback?: boolean;
  /** Most addresses tracked; beyond it, full buckets are forgotten (default 100,000). */
  maxClients?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const DEFAULT_RATE_LIMIT = { eventsPerSecond: 500, burst: 5000 } as const;

/** Whether `address` is a loopback address (IPv4 127/8, IPv6 ::1, IPv4-mapped 127/8). */
export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

/**
 * The client a request stands for. A loopback peer is a reverse proxy on this host (or a local test):
 * its `X-Forwarded-For` names the visitor, and the right-most entry is the one that proxy added itself
 * (entries to its left come from the client and could be forged). Without the header, the loopback peer
 * itself is returned (and exempt by default). A peer that is not loopback is the client; its header is ignored.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string | undefined {
  if (peer === undefined || !isLoopback(peer) || forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = header.split(',').pop()?.trim();
  return last === undefined || last === '' ? peer : last;
}

export class AddressRateLimiter {
  private readonly secret = randomBytes(32);
  private readonly buckets = new Map<string, Bucket>();
  private readonly rate: number;
  private readonly burst: number;
  private readonly exemptLoopback: boolean;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.rate = options.eventsPerSecond ?? DEFAULT_RATE_LIMIT.eventsPerSecond;
    this.burst = options.burst ?? DEFAULT_RATE_LIMIT.burst;
    this.exemptLoopback = options.exemptLoopback ?? true;
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
    if (!(this.rate > 0) || !(this.burst >= 1)) throw new Error('impressions rate limit: eventsPerSecond must be > 0 and burst ≥ 1');
  }

  /**
   * Take `events` tokens for the client at `address`: 0 when allowed, otherwise the seconds to wait.
   * A batch larger than the burst is charged as the burst (it can never fit otherwise).
   */
  take(address: string | undefined, events: number): number {
    if (address === undefined || (this.exemptLoopback && isLoopback(address))) return 0;
    const key = createHmac('sha256', this.secret).update(address).digest('base64url').slice(0, 22);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxClients) this.forgetFull(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
      bucket.at = now;
    }
    const cost = Math.min(events, this.burst);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.rate));
  }

  /** Addresses tracked now (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drop buckets that have refilled (a client that comes back starts full anyway); if none, drop all. */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst) this.buckets.delete(key);
    if (this.buckets.size >= this.maxClients) this.buckets.clear();
  }
}
