/**
 * `GET /v1/media?url=…`: fetches media from X's media hosts for the visitor, so the browser
 * never contacts X. Only X's media hosts (checked on the URL as given), no redirects off
 * them, no cookies or client headers forwarded except Range and validators, streamed.
 * It serves only media: the types the widgets use (no SVG, no HTML), never an upstream error
 * body, every answer sandboxed (`Content-Security-Policy: sandbox`, `nosniff`), and a body
 * that trickles is cut off (idle timeout and a total time limit).
 */
import { HttpError, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';
import type { Metrics } from '../metrics.js';
import { checkMediaUrl } from './media-placeholder.js';

/** Options for the media proxy. */
export interface MediaProxyOptions {
  /** The origin actually contacted for an allowed X media host (tests: a local fake). Default `https://<host>`. */
  resolveOrigin?: ((host: string) => string) | undefined;
  /** The media host must send its answer's headers within this (ms). Default 10 s. */
  timeoutMs?: number;
  /** The body is cut off when no byte arrives for this long (ms). Default 10 s. */
  idleTimeoutMs?: number;
  /** The whole answer must be relayed within this (ms), however steadily it arrives. Default 60 s. */
  totalTimeoutMs?: number;
  metrics?: Metrics;
}

/** Media types the widgets load (images, MP4 video, HLS playlists and segments, WebVTT captions). */
export const PROXIED_MEDIA_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'audio/mp4',
  'video/mp2t',
  'application/x-mpegurl',
  'application/vnd.apple.mpegurl',
  'text/vtt',
];

/** Headers on every answer of the proxy, errors included: nothing it relays can run as a page of the embed server. */
const SANDBOX_HEADERS = { 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' } as const;

const FORWARDED_REQUEST_HEADERS = ['range', 'if-none-match', 'if-modified-since'];
const PASSED_RESPONSE_HEADERS = ['content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified'];

/** The essence of a Content-Type (`image/jpeg; x=y` → `image/jpeg`), lower-case. */
function essence(type: string): string {
  return (type.split(';')[0] ?? '').trim().toLowerCase();
}

function mediaError(options: MediaProxyOptions, kind: string): void {
  options.metrics?.inc('perch_media_errors_total', 'Media proxy failures.', { kind });
}

/** Register the proxying media route. */
export function registerMediaProxy(router: Router, options: MediaProxyOptions = {}): void {
  const resolveOrigin = options.resolveOrigin ?? ((host: string) => `https://${host}`);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const idleMs = options.idleTimeoutMs ?? 10_000;
  const totalMs = options.totalTimeoutMs ?? 60_000;
  router.on('GET', '/v1/media', async (ctx: RequestContext) => {
    for (const [k, v] of Object.entries(SANDBOX_HEADERS)) ctx.res.setHeader(k, v);
    const original = new URL(checkMediaUrl(ctx));
    if (original.href.length > 2048) throw new HttpError(400, 'url-too-long', 'Media URLs are limited to 2048 characters.', 'url');
    const target = `${resolveOrigin(original.hostname)}${original.pathname}${original.search}`;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const v = ctx.req.headers[name];
      if (typeof v === 'string') headers[name] = v;
    }
    const controller = new AbortController();
    const started = Date.now();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onClose = (): void => controller.abort();
    ctx.res.on('close', onClose);
    let upstream: Response;
    try {
      upstream = await fetch(target, { headers, redirect: 'manual', signal: controller.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
    } catch {
      clearTimeout(timer);
      mediaError(options, controller.signal.aborted ? 'timeout' : 'network');
      throw controller.signal.aborted ? new HttpError(504, 'media-timeout', 'The media host did not answer in time.') : new HttpError(502, 'media-unreachable', 'The media host could not be reached.');
    }
    clearTimeout(timer);
    const refuse = (error: HttpError, kind: string): never => {
      controller.abort(); // the upstream body (an error page, a script) is never read nor relayed
      mediaError(options, kind);
      throw error;
    };
    const status = upstream.status;
    if (status >= 300 && status < 400 && status !== 304) refuse(new HttpError(502, 'media-redirect', 'The media host redirected; redirects are not followed.'), 'redirect');
    if (status === 404 || status === 410) refuse(new HttpError(404, 'media-not-found', 'The media host has no such media.', undefined, { 'cache-control': 'public, max-age=300' }), 'not-found');
    if (status === 416) refuse(new HttpError(416, 'range-not-satisfiable', 'The requested range is outside the media.'), 'range');
    if (status !== 200 && status !== 206 && status !== 304) refuse(new HttpError(502, 'media-upstream', `The media host answered ${status}.`), 'status');
    const type = essence(upstream.headers.get('content-type') ?? '');
    if (status !== 304 && !PROXIED_MEDIA_TYPES.includes(type)) refuse(new HttpError(502, 'media-not-media', 'The media host answered with something that is not media the widgets use.'), 'type');
    const out: Record<string, string> = { 'cache-control': 'public, max-age=86400, immutable' };
    if (status !== 304) out['content-type'] = type;
    for (const name of PASSED_RESPONSE_HEADERS) {
      const v = upstream.headers.get(name);
      if (v !== null) out[name] = v;
    }
    options.metrics?.inc('perch_media_requests_total', 'Media proxied.', { status: String(status) });
    ctx.res.writeHead(status, out);
    if (ctx.method === 'HEAD' || upstream.body === null || status === 304) {
      controller.abort();
      ctx.res.end();
      return;
    }
    await relay(ctx, upstream.body, controller, { idleMs, deadline: started + totalMs }, () => mediaError(options, 'slow-body'));
  });
}

/** Copy `body` to the answer with backpressure; cut both off when it stalls or runs past the deadline. */
async function relay(ctx: RequestContext, body: ReadableStream<Uint8Array>, controller: AbortController, limits: { idleMs: number; deadline: number }, onCut: () => void): Promise<void> {
  const reader = body.getReader();
  let idle: NodeJS.Timeout | undefined;
  const cut = (): void => {
    onCut();
    controller.abort();
    void reader.cancel().catch(() => undefined);
    ctx.res.destroy();
  };
  const total = setTimeout(cut, Math.max(0, limits.deadline - Date.now()));
  const arm = (): void => {
    clearTimeout(idle);
    idle = setTimeout(cut, limits.idleMs);
  };
  try {
    arm();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arm();
      if (!ctx.res.write(value)) await new Promise<void>((resolve) => {
        const go = (): void => {
          ctx.res.off('drain', go);
          ctx.res.off('close', go);
          resolve();
        };
        ctx.res.once('drain', go);
        ctx.res.once('close', go);
      });
      if (ctx.res.destroyed) break;
    }
    if (!ctx.res.destroyed) ctx.res.end();
  } catch {
    ctx.res.destroy();
  } finally {
    clearTimeout(idle);
    clearTimeout(total);
  }
}
