/** What the routes ask for posts through. */
import type { PostResult } from '../../src/data/model.js';
import type { Upstream } from '../upstream/upstream.js';

/** A post, or why it cannot be answered now. */
export type PostAnswer = PostResult | (Error & { code: string; retryAt?: number });

/** Looks up posts by id. */
export interface PostService {
  /** Every id answered, or the whole call fails. */
  getPosts(ids: readonly string[]): Promise<Map<string, PostResult>>;
  /**
   * Every id answered with a post or its own error. `client` (a visitor's address, never stored)
   * lets the service bound how many uncached lookups one client can cause.
   */
  answer?(ids: readonly string[], client?: string): Promise<Map<string, PostAnswer>>;
  /** One id answered synchronously when an in-process cache holds it (the hot path); undefined otherwise. */
  answerCached?(id: string): PostResult | undefined;
  /** Remove a post from every cache. */
  purge?(id: string): Promise<void>;
}

/** A post service straight over an upstream (no cache). */
export function directPostService(upstream: Upstream): PostService {
  return {
    async getPosts(ids) {
      const unique = [...new Set(ids)];
      const out = new Map<string, PostResult>();
      for (let i = 0; i < unique.length; i += upstream.maxBatch) {
        const found = await upstream.lookup(unique.slice(i, i + upstream.maxBatch));
        for (const [id, post] of found) out.set(id, post);
      }
      return out;
    },
  };
}
