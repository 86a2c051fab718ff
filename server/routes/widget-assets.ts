/**
 * The widget assets (the CDN build, `dist/cdn/`) at `/dist/cdn/…`: served whatever the upstream,
 * because the oEmbed and static HTML this server hands out point at them. Loaded into memory once at
 * start-up with their brotli and gzip forms (the build's `.br`/`.gz` files when present and current,
 * otherwise compressed once here), so a request costs a map look-up and one write.
 * Hashed chunks (`widgets/chunks/*-[hash].js`) never change: a year, `immutable`. The loader and the
 * entry chunks keep their names across releases: a short lifetime, revalidated by ETag.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { negotiateEncoding, type Encoding } from '../http/compress.js';
import { HttpError, type RequestContext } from '../http/context.js';
import type { Router } from '../http/router.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Cache lifetime of hashed chunks: a year, never revalidated. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Cache lifetime of the loader and the entry chunks, whose names stay the same across releases. */
export const SHORT_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

/** Where the assets are served from. */
export const ASSETS_PREFIX = '/dist/cdn';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Brotli settings when the build brought no `.br` file (a repository checkout): quality 5 costs about
 * 150 ms for the whole build at start-up and comes within 10% of quality 11, which the package build uses.
 */
const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** A hashed chunk name as rollup writes them: `chunks/name-AbCd1234.js` (and its map). */
const HASHED = /^widgets\/chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.js(\.map)?$/;

/** One asset, ready to send. */
interface Asset {
  type: string;
  cacheControl: string;
  etag: string;
  identity: Buffer;
  /** Compressed forms; source maps get theirs on first request (few ever ask). */
  br?: Buffer | undefined;
  gzip?: Buffer | undefined;
}

/** The loaded assets, by path under `dist/cdn/`. */
export interface WidgetAssets {
  dir: string;
  files: ReadonlyMap<string, Asset>;
  /** Bytes held, all three forms (for metrics and logs). */
  bytes: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** A precompressed sibling (`file.br`) when it exists and is not older than the file. */
async function sibling(path: string, suffix: string, mtimeMs: number): Promise<Buffer | undefined> {
  const info = await stat(path + suffix).catch(() => undefined);
  if (info === undefined || info.mtimeMs < mtimeMs) return undefined;
  return readFile(path + suffix);
}

/** Read `dir` (the CDN build) into memory; throws when it is missing, with what to do about it. */
export async function loadWidgetAssets(dir: string): Promise<WidgetAssets> {
  const loader = await stat(join(dir, 'perch.js')).catch(() => undefined);
  if (loader === undefined) throw new Error(`the widget build is missing (${join(dir, 'perch.js')}): run \`npm run build\`, or install perch-server from its package`);
  const files = new Map<string, Asset>();
  let bytes = 0;
  for (const path of await listFiles(dir)) {
    const ext = extname(path);
    const type = TYPES[ext];
    if (type === undefined) continue; // .br / .gz siblings and anything else
    const name = relative(dir, path).split(sep).join('/');
    const [identity, info] = await Promise.all([readFile(path), stat(path)]);
    const eager = ext !== '.map';
    const br = (await sibling(path, '.br', info.mtimeMs)) ?? (eager ? await brotliAsync(identity, BROTLI_FAST) : undefined);
    const gz = (await sibling(path, '.gz', info.mtimeMs)) ?? (eager ? await gzipAsync(identity, { level: 9 }) : undefined);
    const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`;
    files.set(name, { type, cacheControl: HASHED.test(name) ? IMMUTABLE_CACHE : SHORT_CACHE, etag, identity, br, gzip: gz });
    bytes += identity.length + (br?.length ?? 0) + (gz?.length ?? 0);
  }
  return { dir, files, bytes };
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** Answer one asset request (the right encoding, validators, caching). */
export async function sendAsset(ctx: RequestContext, assets: WidgetAssets, name: string): Promise<void> {
  const asset = assets.files.get(name);
  if (asset === undefined) throw new HttpError(404, 'not-found', 'No such widget asset.');
  const encoding: Encoding | undefined = negotiateEncoding(ctx.req.headers['accept-encoding']);
  const etag = encoding === undefined ? asset.etag : `${asset.etag.slice(0, -1)}-${encoding}"`;
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': asset.cacheControl,
    etag,
    vary: 'Accept-Encoding',
    // module scripts loaded from another origin (the publisher's page) are fetched with CORS
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  };
  // the HTTP layer took any encoding suffix off If-None-Match already
  if (matches(ctx.req.headers['if-none-match'], asset.etag)) {
    ctx.res.writeHead(304, headers);
    ctx.res.end();
    return;
  }
  if (encoding === 'br') asset.br ??= await brotliAsync(asset.identity, BROTLI_FAST);
  if (encoding === 'gzip') asset.gzip ??= await gzipAsync(asset.identity, { level: 9 });
  const body = (encoding === 'br' ? asset.br : encoding === 'gzip' ? asset.gzip : undefined) ?? asset.identity;
  if (encoding !== undefined) headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  ctx.res.writeHead(200, headers);
  ctx.res.end(ctx.method === 'HEAD' ? undefined : body);
}

/** Register `GET /dist/cdn/*` for the loaded assets. */
export function registerWidgetAssets(router: Router, assets: WidgetAssets): void {
  router.on('GET', `${ASSETS_PREFIX}/*`, (ctx) => sendAsset(ctx, assets, ctx.params['*'] ?? ''));
}
