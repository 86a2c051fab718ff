/**
 * `GET /v1/media?url=…` with the built-in data: the server cannot (and must not) reach X,
 * so it answers allowed media URLs with a neutral placeholder image. The real proxy
 * (another upstream mode) registers the same route.
 */
import { readDnt } from '../http/dnt.js';
import { isXMediaUrl } from '../../src/data/media-url.js';
import { HttpError, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';

/** Check the `url` parameter against X's media hosts; throws 400 otherwise. */
export function checkMediaUrl(ctx: RequestContext): string {
  // The opt-out is read like everywhere else; it is never forwarded (only the media URL's own query is).
  readDnt(ctx);
  const url = ctx.url.searchParams.get('url');
  if (url === null || url === '') throw new HttpError(400, 'missing-url', 'Pass url=<media URL on an X media host>.', 'url');
  if (!isXMediaUrl(url)) throw new HttpError(400, 'url-not-allowed', 'Only media on X media hosts can be fetched through this server.', 'url');
  return url;
}

function placeholderSvg(url: string): string {
  // A soft colour derived from the URL, so neighbouring images are told apart.
  let hash = 0;
  for (const ch of url) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = hash % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90" preserveAspectRatio="xMidYMid slice"><rect width="160" height="90" fill="hsl(${hue} 35% 78%)"/><path d="M0 90 L55 40 L85 70 L110 50 L160 90 Z" fill="hsl(${hue} 30% 62%)"/><circle cx="120" cy="25" r="10" fill="hsl(${hue} 40% 90%)"/></svg>`;
}

/** Register the placeholder media route. */
export function registerMediaPlaceholder(router: Router): void {
  router.on('GET', '/v1/media', (ctx) => {
    // Sandboxed before anything can fail: refusals carry the same headers as the real proxy's.
    ctx.res.setHeader('content-security-policy', 'sandbox');
    ctx.res.setHeader('x-content-type-options', 'nosniff');
    const url = checkMediaUrl(ctx);
    const body = Buffer.from(placeholderSvg(url));
    // Our own drawing, no script; sandboxed all the same, like everything under /v1/media.
    ctx.res.writeHead(200, { 'content-type': 'image/svg+xml', 'content-length': String(body.length), 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff', 'content-security-policy': 'sandbox' });
    ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
  });
}
