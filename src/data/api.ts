/**
 * The embed server's HTTP contract, shared by the server and the browser data client.
 * No DOM, no Lit.
 */
import type { PostResult } from './model.js';

/** Most ids one batched lookup may carry (X's own limit for `/2/tweets`). */
export const MAX_IDS_PER_REQUEST = 100;

/** Body of `GET /v1/tweets?ids=…`: one result per requested id, in request order. */
export interface TweetsResponse {
  results: Array<PostResult | UnavailableResult>;
}

/**
 * In a batch answer, an id the server could not answer right now (the upstream is
 * rate-limited or failing and nothing fresh enough is cached). The rest of the batch is fine.
 */
export interface UnavailableResult {
  kind: 'unavailable';
  id: string;
  error: { code: string; message: string };
}

/** Whether a batch entry is an {@link UnavailableResult}. */
export function isUnavailableResult(value: unknown): value is UnavailableResult {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'unavailable';
}

/** Body of every 4xx/5xx answer. */
export interface ErrorResponse {
  error: {
    /** Stable machine-readable code, e.g. `invalid-id`, `too-many-ids`, `not-found`. */
    code: string;
    /** Human-readable explanation naming the problem. */
    message: string;
    /** The query parameter or field at fault, when there is one. */
    param?: string;
  };
}
