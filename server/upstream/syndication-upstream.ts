/**
 * X's syndication endpoint (the one behind X's own embed widget): one request per id,
 * no credentials. For publishers without X API access.
 */
import { normalizeSyndication } from '../normalize/normalize-syndication.js';
import { POST_MODEL_VERSION, type PostResult } from '../../src/data/model.js';
import { RateLimitedError, UpstreamFailure, type Upstream } from './upstream.js';

/** Options for the syndication upstream. */
export interface SyndicationOptions {
  /** Default `https://cdn.syndication.twimg.com`; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

/** The `token` parameter the endpoint expects, derived from the id. */
export function syndicationToken(id: string): string {
  return ((Number(id) / 1e15) * Math.PI).toString(36).replace(/(0+|\.)/g, '');
}

export class SyndicationUpstream implements Upstream {
  readonly name = 'syndication';
  readonly maxBatch = 100;
  /** One HTTP request per id. */
  readonly idsPerCall = 1;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(options: SyndicationOptions = {}) {
    this.baseUrl = (options.baseUrl ?? 'https://cdn.syndication.twimg.com').replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.concurrency = options.concurrency ?? 8;
  }

  async lookup(ids: readonly string[]): Promise<Map<string, PostResult>> {
    const out = new Map<string, PostResult>();
    const queue = [...ids];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) out.set(id, await this.one(id));
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, ids.length) }, worker));
    return out;
  }

  private async one(id: string): Promise<PostResult> {
    const url = `${this.baseUrl}/tweet-result?id=${id}&lang=en&token=${syndicationToken(id)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' }, redirect: 'error' });
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new UpstreamFailure(timeout ? 'timeout' : 'network', timeout ? `syndication did not answer within ${this.timeoutMs} ms` : 'syndication unreachable');
    }
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-rate-limit-reset'));
      throw new RateLimitedError(new Date(Number.isFinite(reset) && reset > 0 ? reset * 1000 : Date.now() + 60_000));
    }
    if (response.status === 404) return { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found' };
    if (!response.ok) throw new UpstreamFailure('server', `syndication answered ${response.status}`);
    const text = await response.text();
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      throw new UpstreamFailure('malformed', 'syndication sent a body that is not JSON');
    }
    if (typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0) {
      return { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found' };
    }
    try {
      const result = normalizeSyndication(payload, { id });
      return result.id === id ? result : { ...result, id };
    } catch (error) {
      throw new UpstreamFailure('malformed', `syndication payload for ${id} did not fit: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
