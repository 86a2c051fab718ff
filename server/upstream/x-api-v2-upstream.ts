/**
 * The X API v2 upstream: post lookup (`GET /2/tweets?ids=…`, up to 100 ids a call) with
 * every expansion and field the widgets render, and the raw calls the v2 timelines use.
 *
 * The bearer token comes from the configuration only (X_BEARER_TOKEN) and is never
 * logged, put in an error message, or sent anywhere but the configured X API base URL.
 */
import { normalizeXApiV2Lookup } from '../normalize/normalize-x-api-v2.js';
import { POST_MODEL_VERSION, type PostResult } from '../../src/data/model.js';
import { RateLimitedError, UpstreamFailure, type Upstream } from './upstream.js';

/** Options for the X API v2 upstream. */
export interface XApiV2Options {
  /** The bearer token (never logged). */
  bearerToken: string;
  /** Default `https://api.x.com`; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  /** Clock for poll status (ms). */
  now?: () => number;
}

/** `expansions` asked for on every post request. */
export const V2_EXPANSIONS = [
  'author_id',
  'attachments.media_keys',
  'attachments.poll_ids',
  'referenced_tweets.id',
  'referenced_tweets.id.author_id',
  'entities.mentions.username',
  'in_reply_to_user_id',
].join(',');

/** `tweet.fields` asked for on every post request. */
export const V2_TWEET_FIELDS = [
  'attachments',
  'author_id',
  'conversation_id',
  'created_at',
  'edit_history_tweet_ids',
  'entities',
  'in_reply_to_user_id',
  'lang',
  'note_tweet',
  'possibly_sensitive',
  'public_metrics',
  'referenced_tweets',
].join(',');

/** `user.fields` asked for on every request. */
export const V2_USER_FIELDS = ['name', 'username', 'profile_image_url', 'protected', 'verified', 'verified_type'].join(',');
/** `media.fields` asked for on every post request. */
export const V2_MEDIA_FIELDS = ['type', 'url', 'width', 'height', 'alt_text', 'preview_image_url', 'variants', 'duration_ms', 'public_metrics'].join(',');
/** `poll.fields` asked for on every post request. */
export const V2_POLL_FIELDS = ['options', 'voting_status', 'end_datetime', 'duration_minutes'].join(',');

/** The query parameters that make a post body complete enough to render. */
export function postFieldParams(): Record<string, string> {
  return {
    expansions: V2_EXPANSIONS,
    'tweet.fields': V2_TWEET_FIELDS,
    'user.fields': V2_USER_FIELDS,
    'media.fields': V2_MEDIA_FIELDS,
    'poll.fields': V2_POLL_FIELDS,
  };
}

/** An X API v2 client: authenticated GETs with X's failure modes mapped to upstream errors. */
export class XApiV2Client {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  readonly #token: string;

  constructor(options: XApiV2Options) {
    this.baseUrl = (options.baseUrl ?? 'https://api.x.com').replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.#token = options.bearerToken;
  }

  /**
   * `GET <base><path>?<params>` → the parsed JSON body. 404 answers resolve to `undefined`
   * (the caller decides what a missing resource means); everything else that is not a
   * 200 JSON body throws RateLimitedError or UpstreamFailure.
   */
  async get(path: string, params: Record<string, string>): Promise<unknown> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(params).toString()}`;
    let response: Response;
    try {
      response = await fetch(url, {
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { authorization: `Bearer ${this.#token}`, accept: 'application/json' },
        redirect: 'error',
      });
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new UpstreamFailure(timeout ? 'timeout' : 'network', timeout ? `X API did not answer within ${this.timeoutMs} ms` : 'X API unreachable');
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const reset = Number(response.headers.get('x-rate-limit-reset'));
      throw new RateLimitedError(new Date(Number.isFinite(reset) && reset > 0 ? reset * 1000 : Date.now() + 60_000));
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new UpstreamFailure('auth', `X API refused the bearer token (${response.status}); check X_BEARER_TOKEN`);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new UpstreamFailure('server', `X API answered ${response.status} for ${path}`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new UpstreamFailure(timeout ? 'timeout' : 'network', timeout ? `X API body did not arrive within ${this.timeoutMs} ms` : 'X API connection broke off');
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UpstreamFailure('malformed', `X API sent a body that is not JSON for ${path}`);
    }
  }
}

/** Post lookup through X API v2. */
export class XApiV2Upstream implements Upstream {
  readonly name = 'x-api-v2';
  readonly maxBatch = 100;
  readonly client: XApiV2Client;
  private readonly now: () => number;

  constructor(options: XApiV2Options) {
    this.client = new XApiV2Client(options);
    this.now = options.now ?? Date.now;
  }

  async lookup(ids: readonly string[]): Promise<Map<string, PostResult>> {
    const out = new Map<string, PostResult>();
    for (let i = 0; i < ids.length; i += this.maxBatch) {
      const chunk = ids.slice(i, i + this.maxBatch);
      const body = await this.client.get('/2/tweets', { ids: chunk.join(','), ...postFieldParams() });
      // X reports unknown posts inside a 200 answer; a 404 means a wrong base URL, never "every post is gone".
      if (body === undefined) throw new UpstreamFailure('server', 'X API answered 404 for /2/tweets; check --x-api-base-url');
      let found: Map<string, PostResult>;
      try {
        found = normalizeXApiV2Lookup(body, { now: this.now() });
      } catch (error) {
        throw new UpstreamFailure('malformed', `X API lookup body did not fit: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const id of chunk) out.set(id, found.get(id) ?? { kind: 'tombstone', version: POST_MODEL_VERSION, id, reason: 'not-found' });
    }
    return out;
  }
}
