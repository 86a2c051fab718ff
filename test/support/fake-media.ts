/**
 * A local stand-in for X's media hosts (tests never reach X): a JPEG, an MP4 that honours
 * Range, and the answers a proxy must refuse (an HTML page, a redirect, a 404).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';

/** The bytes the fake serves at `/media/photo.jpg`. */
export const FAKE_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 256), 0xff, 0xd9]);

/** A running fake media host. */
export interface FakeMedia {
  origin: string;
  /** Requests received: path and headers. */
  seen: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** The bytes served at `/vid/sample.mp4`. */
  video: Buffer;
  close(): Promise<void>;
}

/** Start the fake on a loopback port. */
export async function startFakeMedia(): Promise<FakeMedia> {
  const video = readFileSync('fixtures/media/sample.mp4');
  const seen: FakeMedia['seen'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    seen.push({ path, headers: req.headers });
    if (path.startsWith('/media/photo.jpg')) {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': FAKE_JPEG.length, 'set-cookie': 'tracker=1; Path=/' }).end(FAKE_JPEG);
    } else if (path.startsWith('/vid/sample.mp4')) {
      const m = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
      if (m === null) {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.length, 'accept-ranges': 'bytes' }).end(video);
        return;
      }
      const start = Number(m[1]);
      const end = m[2] === '' ? video.length - 1 : Number(m[2]);
      res.writeHead(206, { 'content-type': 'video/mp4', 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${video.length}`, 'accept-ranges': 'bytes' });
      res.end(video.subarray(start, end + 1));
    } else if (path.startsWith('/media/redirect.jpg')) {
      res.writeHead(302, { location: 'http://127.0.0.1:1/secret' }).end();
    } else if (path.startsWith('/media/page.jpg')) {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
    } else if (path.startsWith('/media/drawing.svg')) {
      res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('fake-media-404-body');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    video,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
