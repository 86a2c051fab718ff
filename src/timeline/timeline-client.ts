/**
 * The browser's data client for timelines: one `GET /v1/timelines/…` per page, with a
 * timeout and an abort signal, and every answer validated before a widget sees it.
 */
import { parseTimelinePage, timelinePath, type TimelinePage, type TimelineQuery } from '../data/timeline.js';
import { fetchJson, HttpFetchError } from '../data/http-fetch.js';

/** Why a request for a timeline page failed. */
export type TimelineRequestFailure = 'network' | 'timeout' | 'server' | 'unavailable' | 'invalid-data' | 'aborted';

/** A failed request for a timeline page. */
export class TimelineRequestError extends Error {
  override readonly name = 'TimelineRequestError';
  constructor(
    readonly reason: TimelineRequestFailure,
    message: string,
    /** HTTP status, when the server answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Options for one page request. */
export interface FetchTimelineOptions {
  /** From the previous page's `nextCursor`. */
  cursor?: string | undefined;
  /** Posts per page, 1–20. */
  limit: number;
  /** Include replies. */
  replies?: boolean;
  /** Ask the server not to tailor (`dnt=true`). */
  dnt?: boolean;
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Cancels the request (a newer one replaced it, or the element left the page). */
  signal?: AbortSignal;
}

/** The URL of one page on the embed server at `server`. */
export function timelinePageUrl(server: string, query: TimelineQuery, options: Pick<FetchTimelineOptions, 'cursor' | 'limit' | 'replies' | 'dnt'>): string {
  const params = new URLSearchParams({ limit: String(options.limit) });
  if (options.cursor !== undefined) params.set('cursor', options.cursor);
  if (options.replies === true) params.set('replies', 'true');
  if (options.dnt === true) params.set('dnt', 'true');
  return `${server}${timelinePath(query)}?${params.toString()}`;
}

/** Fetch and validate one page of a timeline. */
export async function fetchTimelinePage(server: string, query: TimelineQuery, options: FetchTimelineOptions): Promise<TimelinePage> {
  let body: unknown;
  try {
    body = await fetchJson(timelinePageUrl(server, query, options), { timeoutMs: options.timeoutMs, signal: options.signal });
  } catch (error: unknown) {
    if (error instanceof HttpFetchError) throw new TimelineRequestError(error.status === 404 ? 'unavailable' : error.reason, error.message, error.status);
    throw error;
  }
  try {
    return parseTimelinePage(body);
  } catch (error: unknown) {
    throw new TimelineRequestError('invalid-data', error instanceof Error ? error.message : String(error));
  }
}
