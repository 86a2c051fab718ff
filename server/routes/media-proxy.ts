/**
 * `GET /v1/media?url=…`: fetches media from X's media hosts for the visitor, so the browser
 * never contacts X. Only X's media hosts (checked on the URL as given), no redirects off
 * them, no cookies or client headers forwarded except Range and validators, streamed.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { HttpError, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { Metrics } from '../metrics.js';
import { checkMediaUrl } from './media-placeholder.js';

/** Options for the media proxy. */
export interface MediaProxyOptions {
  /** The origin actually contacted for an allowed X media host (tests: a local fake). Default `https://<host>`. */
  resolveOrigin?: ((host: string) => string) | undefined;
  timeoutMs?: number;
  metrics?: Metrics;
}

const FORWARDED_REQUEST_HEADERS = ['range', 'if-none-match', 'if-modified-since'];
const PASSED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified'];
const MEDIA_TYPE = /^(image\/|video\/|application\/(x-mpegurl|vnd\.apple\.mpegurl)|audio\/mp4|text\/vtt)/i;

/** Register the proxying media route. */
export function registerMediaProxy(router: Router, options: MediaProxyOptions = {}): void {
  const resolveOrigin = options.resolveOrigin ?? ((host: string) => `https://${host}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  router.on('GET', '/v1/media', async (ctx: RequestContext) => {
    const original = new URL(checkMediaUrl(ctx));
    if (original.href.length > 2048) throw new HttpError(400, 'url-too-long', 'Media URLs are limited to 2048 characters.', 'url');
    const target = `${resolveOrigin(original.hostname)}${original.pathname}${original.search}`;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const v = ctx.req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    ctx.res.on('close', () => controller.abort());
    let upstream: Response;
    try {
      upstream = await fetch(target, { headers, redirect: 'manual', signal: controller.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    } catch {
      clearTimeout(timer);
      options.metrics?.inc('perch_media_errors_total', 'Media proxy failures.', { kind: controller.signal.aborted ? 'timeout' : 'network' });
      throw controller.signal.aborted ? new HttpError(504, 'media-timeout', 'The media host did not answer in time.') : new HttpError(502, 'media-unreachable', 'The media host could not be reached.');
    }
    clearTimeout(timer);
    if (upstream.status >= 300 && upstream.status < 400 && upstream.status !== 304) {
      options.metrics?.inc('perch_media_errors_total', 'Media proxy failures.', { kind: 'redirect' });
      throw new HttpError(502, 'media-redirect', 'The media host redirected; redirects are not followed.');
    }
    if (![200, 206, 304, 404].includes(upstream.status)) throw new HttpError(502, 'media-upstream', `The media host answered ${upstream.status}.`);
    const type = upstream.headers.get('content-type') ?? '';
    if (upstream.status !== 304 && upstream.status !== 404 && !MEDIA_TYPE.test(type)) throw new HttpError(502, 'media-not-media', 'The media host answered with something that is not media.');
    const out: Record<string, string> = { 'cache-control': upstream.status === 404 ? 'public, max-age=300' : 'public, max-age=86400, immutable', 'x-content-type-options': 'nosniff' };
    for (const name of PASSED_RESPONSE_HEADERS) {
      const v = upstream.headers.get(name);
      if (v !== null) out[name] = v;
    }
    options.metrics?.inc('perch_media_requests_total', 'Media proxied.', { status: String(upstream.status) });
    ctx.res.writeHead(upstream.status, out);
    if (ctx.method === 'HEAD' || upstream.body === null || upstream.status === 304) {
      ctx.res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const body = Readable.fromWeb(upstream.body as unknown as WebReadableStream<Uint8Array>);
      body.on('error', () => {
        ctx.res.destroy();
        resolve();
      });
      ctx.res.on('close', () => resolve());
      body.pipe(ctx.res);
    });
  });
}
