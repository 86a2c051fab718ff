/** Serves the demo pages, the built widgets (`/dist/…`) and the fixtures (`/fixtures/…`) in demo mode. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { HttpError, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.mp4': 'video/mp4',
  '.vtt': 'text/vtt; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serve a file inside `base` (never outside it, whatever the path says). */
export async function serveFile(ctx: RequestContext, base: string, relative: string): Promise<void> {
  const clean = normalize(relative).replace(/^([/\\])+/, '');
  if (clean.split(/[/\\]/).includes('..')) throw new HttpError(404, 'not-found', 'No such file.');
  let path = join(base, clean);
  if (!path.startsWith(base + sep) && path !== base) throw new HttpError(404, 'not-found', 'No such file.');
  let info = await stat(path).catch(() => undefined);
  if (info?.isDirectory() === true) {
    path = join(path, 'index.html');
    info = await stat(path).catch(() => undefined);
  }
  if (info === undefined || !info.isFile()) throw new HttpError(404, 'not-found', 'No such file.');
  ctx.res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (ctx.method === 'HEAD') {
    ctx.res.end();
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path);
    stream.on('error', reject);
    stream.on('end', resolve);
    stream.pipe(ctx.res);
  });
}

/** Register `/` → demo/, `/dist/*` → dist/, `/fixtures/*` → fixtures/. */
export function registerStaticRoutes(router: Router, rootDir: string): void {
  const dir = (name: string): string => join(rootDir, name);
  router.on('GET', '/dist/*', (ctx) => serveFile(ctx, dir('dist'), ctx.params['*'] ?? ''));
  router.on('GET', '/fixtures/*', (ctx) => serveFile(ctx, dir('fixtures'), ctx.params['*'] ?? ''));
  router.on('GET', '/*', (ctx) => serveFile(ctx, dir('demo'), ctx.params['*'] ?? ''));
}
