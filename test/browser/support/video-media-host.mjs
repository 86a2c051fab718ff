// For the <perch-video> tests: a fake X media host (the only thing faked) serving the real
// sample MP4 with HTTP Range, and a second real embed server whose media proxy fetches
// "video.twimg.com"/"pbs.twimg.com" from that fake host. Started on first use, closed with
// the test server.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const MP4 = readFileSync(resolve('fixtures/media/sample.mp4'));
const VTT = readFileSync(resolve('fixtures/media/sample.en.vtt'));
const POSTER = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180"><rect width="320" height="180" fill="#345"/></svg>');

/** Parse one `bytes=a-b` range against `size`. */
function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (m === null) return undefined;
  let start = m[1] === '' ? undefined : Number(m[1]);
  let end = m[2] === '' ? undefined : Number(m[2]);
  if (start === undefined && end === undefined) return undefined;
  if (start === undefined) {
    start = Math.max(0, size - end);
    end = size - 1;
  }
  end = Math.min(end ?? size - 1, size - 1);
  if (start > end || start >= size) return null;
  return { start, end };
}

/**
 * @returns {{ url(): Promise<string>, log(): Array<{path: string, range: string | null, status: number}>, clearLog(): void, close(): Promise<void> }}
 */
export function videoMediaHost() {
  /** @type {Array<{path: string, range: string | null, status: number}>} */
  const log = [];
  let started;
  let fake;
  let embed;

  function send(req, res, body, type) {
    const range = parseRange(req.headers.range, body.length);
    const path = new URL(req.url, 'http://x').pathname;
    if (range === null) {
      log.push({ path, range: req.headers.range ?? null, status: 416 });
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    if (range === undefined) {
      log.push({ path, range: null, status: 200 });
      res.writeHead(200, { 'content-type': type, 'content-length': String(body.length), 'accept-ranges': 'bytes' }).end(body);
      return;
    }
    const chunk = body.subarray(range.start, range.end + 1);
    log.push({ path, range: req.headers.range, status: 206 });
    res.writeHead(206, { 'content-type': type, 'content-length': String(chunk.length), 'content-range': `bytes ${range.start}-${range.end}/${body.length}`, 'accept-ranges': 'bytes' }).end(chunk);
  }

  async function start() {
    fake = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path.includes('missing')) {
        log.push({ path, range: req.headers.range ?? null, status: 404 });
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no');
      } else if (path.includes('broken') && path.endsWith('.mp4')) {
        send(req, res, Buffer.alloc(4096, 7), 'video/mp4');
      } else if (path.endsWith('.mp4')) send(req, res, MP4, 'video/mp4');
      else if (path.endsWith('.vtt')) send(req, res, VTT, 'text/vtt');
      else send(req, res, POSTER, 'image/svg+xml');
    });
    await new Promise((r) => fake.listen(0, '127.0.0.1', r));
    const fakeOrigin = `http://127.0.0.1:${fake.address().port}`;
    const mod = await import(pathToFileURL(resolve('dist/server/server/index.js')).href);
    embed = await mod.startServer({ port: 0, host: '127.0.0.1', upstream: 'fixtures', logLevel: 'silent', serveDemo: false, allowedOrigins: ['*'], mediaResolveOrigin: () => fakeOrigin });
    return embed.url;
  }

  return {
    url() {
      started ??= start();
      return started;
    },
    log: () => log,
    clearLog: () => void log.splice(0),
    async close() {
      if (started === undefined) return;
      await started.catch(() => undefined);
      await embed?.close();
      fake?.closeAllConnections();
      await new Promise((r) => (fake ? fake.close(() => r()) : r()));
    },
  };
}
