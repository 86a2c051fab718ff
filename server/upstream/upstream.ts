/** The contract every post source implements (fixtures, syndication, X API v2). */
import type { PostResult } from '../../src/data/model.js';

/** A source of posts. Ids it does not know come back as `not-found` tombstones. */
export interface Upstream {
  readonly name: string;
  /** Largest number of ids one `lookup` call accepts. */
  readonly maxBatch: number;
  /** Look up posts by id; every requested id is in the result. */
  lookup(ids: readonly string[]): Promise<Map<string, PostResult>>;
  /** Release sockets and timers. */
  close?(): Promise<void>;
}
