/**
 * Gets posts for the routes. Today it asks the upstream directly, in chunks the
 * upstream accepts; caching, coalescing and the 24-hour rule wrap this one seam.
 */
import type { PostResult } from '../../src/data/model.js';
import type { Upstream } from '../upstream/upstream.js';

/** Looks up posts by id. */
export interface PostService {
  getPosts(ids: readonly string[]): Promise<Map<string, PostResult>>;
}

/** A post service straight over an upstream. */
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
