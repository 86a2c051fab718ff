/** The contract every post source implements (fixtures, syndication, X API v2). */
import type { PostResult } from '../../src/data/model.js';

/** A source of posts. Ids it does not know come back as `not-found` tombstones. */
export interface Upstream {
  readonly name: string;
  /** Largest number of ids one `lookup` call accepts. */
  readonly maxBatch: number;
  /** Ids one request to X carries (syndication: 1, so a lookup of 100 ids is 100 requests). Default `maxBatch`. */
  readonly idsPerCall?: number;
  /** Look up posts by id; every requested id is in the result. */
  lookup(ids: readonly string[]): Promise<Map<string, PostResult>>;
  /** Release sockets and timers. */
  close?(): Promise<void>;
}

/** An upstream answered 429: no calls until `resetAt`. Adapters throw this (or an error with the same shape). */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly resetAt: Date) {
    super(`rate-limited until ${resetAt.toISOString()}`);
  }
}

/** Recognises any adapter's rate-limit error by shape (`resetAt: Date`). */
export function isRateLimitError(error: unknown): error is { resetAt: Date; message: string } {
  return typeof error === 'object' && error !== null && (error as { resetAt?: unknown }).resetAt instanceof Date;
}

/** An upstream call that failed for a reason other than a rate limit. */
export class UpstreamFailure extends Error {
  override readonly name = 'UpstreamFailure';
  constructor(
    readonly kind: 'server' | 'timeout' | 'malformed' | 'auth' | 'network',
    message: string,
  ) {
    super(message);
  }
}
