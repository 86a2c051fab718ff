/**
 * The browser's data client for posts: requests for ids made close together are
 * batched into one `GET /v1/tweets?ids=…` per embed server (100 ids at most),
 * each id is fetched once per page view, and every answer is validated before a
 * widget sees it.
 */
import { MAX_IDS_PER_REQUEST, isUnavailableResult } from '../data/api.js';
import type { PostResult } from '../data/model.js';
import { parsePostResult } from '../data/validate-model.js';
import { PayloadError } from '../data/errors.js';
import { fetchJson, HttpFetchError } from '../data/http-fetch.js';

/** Why a request for a post failed. */
export type PostRequestFailure = 'network' | 'timeout' | 'server' | 'invalid-data';

/** A failed request for a post. */
export class PostRequestError extends Error {
  override readonly name = 'PostRequestError';
  constructor(
    readonly reason: PostRequestFailure,
    message: string,
  ) {
    super(message);
  }
}

interface Waiter {
  resolve(result: PostResult): void;
  reject(error: PostRequestError): void;
}

interface ServerQueue {
  waiting: Map<string, Waiter[]>;
  /** A send is scheduled for the end of the current task. */
  scheduled: boolean;
}

const queues = new Map<string, ServerQueue>();
const memo = new Map<string, Promise<PostResult>>();

/** Options for one lookup. */
export interface FetchPostOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Extra query parameters every request to this server carries (e.g. `dnt=true`). */
  query?: Record<string, string>;
}

/**
 * Fetch one post from the embed server at `server`, batched with the other lookups made in
 * the same task. Widgets ask in one task when it matters (every element upgraded by one
 * `define`, every post coming into view in one observer callback), so the batch is sent
 * from a microtask at its end rather than after a timer: nothing waits that need not.
 */
export function fetchPost(server: string, id: string, options: FetchPostOptions): Promise<PostResult> {
  const queryString = new URLSearchParams(options.query ?? {}).toString();
  const key = `${server}\n${queryString}\n${id}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const promise = new Promise<PostResult>((resolve, reject) => {
    const queueKey = `${server}\n${queryString}`;
    let queue = queues.get(queueKey);
    if (queue === undefined) {
      queue = { waiting: new Map(), scheduled: false };
      queues.set(queueKey, queue);
    }
    const list = queue.waiting.get(id) ?? [];
    list.push({ resolve, reject });
    queue.waiting.set(id, list);
    if (!queue.scheduled) {
      const q = queue;
      q.scheduled = true;
      queueMicrotask(() => {
        q.scheduled = false;
        const batch = q.waiting;
        q.waiting = new Map();
        void sendBatches(server, queryString, batch, options.timeoutMs);
      });
    }
  });
  memo.set(key, promise);
  // A failure is not remembered: a later widget may retry.
  promise.catch(() => memo.delete(key));
  return promise;
}

async function sendBatches(server: string, queryString: string, batch: Map<string, Waiter[]>, timeoutMs: number): Promise<void> {
  const ids = [...batch.keys()];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_REQUEST) chunks.push(ids.slice(i, i + MAX_IDS_PER_REQUEST));
  await Promise.all(chunks.map((chunk) => sendOne(server, queryString, chunk, batch, timeoutMs)));
}

async function sendOne(server: string, queryString: string, ids: string[], batch: Map<string, Waiter[]>, timeoutMs: number): Promise<void> {
  const settle = (id: string, outcome: PostResult | PostRequestError): void => {
    for (const w of batch.get(id) ?? []) {
      if (outcome instanceof PostRequestError) w.reject(outcome);
      else w.resolve(outcome);
    }
  };
  const failAll = (error: PostRequestError): void => ids.forEach((id) => settle(id, error));
  const url = `${server}/v1/tweets?ids=${ids.join(',')}${queryString ? '&' + queryString : ''}`;
  let body: unknown;
  try {
    body = await fetchJson(url, { timeoutMs });
  } catch (error: unknown) {
    // No signal is passed, so a request is never `aborted` here.
    const reason = error instanceof HttpFetchError && error.reason !== 'aborted' ? error.reason : 'network';
    failAll(new PostRequestError(reason, error instanceof Error ? error.message : String(error)));
    return;
  }
  const results = isResultsBody(body) ? body.results : undefined;
  if (results === undefined) {
    failAll(new PostRequestError('invalid-data', 'The embed server sent a body without `results`.'));
    return;
  }
  ids.forEach((id, index) => {
    const entry = results[index];
    if (isUnavailableResult(entry)) {
      settle(id, new PostRequestError('server', entry.error.message));
      return;
    }
    try {
      const result = parsePostResult(entry);
      if (result.id !== id) throw new PayloadError('invalid-value', `results.${index}.id`, `expected post ${id}, got ${result.id}`);
      settle(id, result);
    } catch (error: unknown) {
      settle(id, new PostRequestError('invalid-data', error instanceof Error ? error.message : String(error)));
    }
  });
}

function isResultsBody(body: unknown): body is { results: unknown[] } {
  return typeof body === 'object' && body !== null && Array.isArray((body as { results?: unknown }).results);
}

/** Forget every remembered answer (for tests and for a consent revoke). */
export function clearPostMemo(): void {
  memo.clear();
}
