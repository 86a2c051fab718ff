/**
 * One JSON request to the embed server, as every data client makes it: no cookies, a timeout,
 * an optional abort signal, and each way it can fail named (`reason`) with a message a widget
 * can show. The clients validate the body; this only fetches it.
 */

/** Why a request to the embed server failed. */
export type HttpFetchFailure = 'network' | 'timeout' | 'server' | 'invalid-data' | 'aborted';

/** A failed request to the embed server. */
export class HttpFetchError extends Error {
  override readonly name = 'HttpFetchError';
  constructor(
    readonly reason: HttpFetchFailure,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Options for one request. */
export interface HttpFetchOptions {
  /** Give up after this many milliseconds (`timeout`). */
  timeoutMs: number;
  /** Cancels the request (`aborted`): a newer one replaced it, or the element left the page. */
  signal?: AbortSignal | undefined;
}

/** GET `url` and parse its JSON body; rejects with an `HttpFetchError` naming why not. */
export async function fetchJson(url: string, options: HttpFetchOptions): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = (): void => controller.abort();
  if (options.signal?.aborted === true) controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const stopped = (error: unknown): HttpFetchError => {
    if (timedOut) return new HttpFetchError('timeout', `The embed server did not answer within ${options.timeoutMs} ms.`);
    if (options.signal?.aborted === true) return new HttpFetchError('aborted', 'The request was cancelled.');
    return new HttpFetchError('network', `The embed server could not be reached (${error instanceof Error ? error.message : String(error)}).`);
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, credentials: 'omit', headers: { accept: 'application/json' } });
    } catch (error: unknown) {
      throw stopped(error);
    }
    if (!response.ok) throw new HttpFetchError('server', `The embed server answered ${response.status}.`, response.status);
    let text: string;
    try {
      text = await response.text();
    } catch (error: unknown) {
      throw stopped(error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpFetchError('invalid-data', 'The embed server sent a body that is not JSON.', response.status);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
