/**
 * A per-client bound on impression events: a token bucket per client address (how fast), and a daily allowance
 * per client address (how much one client can add to a UTC day's total), in memory only.
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
   * Events one client address may add to one UTC day (default 20,000: 0.2% of X's 10 million threshold, so that
   * no single client can move the day's total toward an alert). Beyond it, batches are refused until the next day.
   */
  eventsPerDay?: number;
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
  /** The UTC day number `used` counts for. */
  day: number;
  used: number;
}

/** Why a client's batch was refused, and how many seconds until it may be sent again. */
export interface Refusal {
  reason: 'rate-limited' | 'daily-limit';
  retryAfterSeconds: number;
}

export const DEFAULT_RATE_LIMIT = { eventsPerSecond: 500, burst: 5000, eventsPerDay: 20_000 } as const;

const DAY_MS = 86_400_000;

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
  private readonly perDay: number;
  private readonly exemptLoopback: boolean;
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(options: RateLimitOptions = {}) {
    this.rate = options.eventsPerSecond ?? DEFAULT_RATE_LIMIT.eventsPerSecond;
    this.burst = options.burst ?? DEFAULT_RATE_LIMIT.burst;
    this.perDay = options.eventsPerDay ?? DEFAULT_RATE_LIMIT.eventsPerDay;
    this.exemptLoopback = options.exemptLoopback ?? true;
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
    if (!(this.rate > 0) || !(this.burst >= 1)) throw new Error('impressions rate limit: eventsPerSecond must be > 0 and burst ≥ 1');
    if (!(this.perDay >= 1)) throw new Error('impressions rate limit: eventsPerDay must be ≥ 1');
  }

  /**
   * Take `events` tokens for the client at `address`: 0 when allowed, otherwise the seconds to wait.
   * A batch larger than the burst is charged as the burst (it can never fit otherwise).
   */
  take(address: string | undefined, events: number): number {
    return this.check(address, events)?.retryAfterSeconds ?? 0;
  }

  /** Charge `events` to the client at `address`: undefined when allowed, otherwise why not and for how long. */
  check(address: string | undefined, events: number): Refusal | undefined {
    if (address === undefined || (this.exemptLoopback && isLoopback(address))) return undefined;
    const key = createHmac('sha256', this.secret).update(address).digest('base64url').slice(0, 22);
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxClients) this.forgetFull(now);
      bucket = { tokens: this.burst, at: now, day, used: 0 };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.rate);
      bucket.at = now;
      if (bucket.day !== day) {
        bucket.day = day;
        bucket.used = 0;
      }
    }
    if (bucket.used + events > this.perDay) return { reason: 'daily-limit', retryAfterSeconds: Math.max(1, Math.ceil(((day + 1) * DAY_MS - now) / 1000)) };
    const cost = Math.min(events, this.burst);
    if (bucket.tokens < cost) return { reason: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / this.rate)) };
    bucket.tokens -= cost;
    bucket.used += events;
    return undefined;
  }

  /** Addresses tracked now (tests, metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drop buckets that have refilled and used little of their day (a client that comes back starts full anyway); if none, drop all. */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + ((now - b.at) / 1000) * this.rate >= this.burst && b.used <= this.burst) this.buckets.delete(key);
    if (this.buckets.size >= this.maxClients) this.buckets.clear();
  }
}
