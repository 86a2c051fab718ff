/** Tests: serve a Router over real sockets with the same error handling as server/index.ts (JSON errors, 404/405, OPTIONS). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpError, sendError, type RequestContext } from '../../server/http/context.js';
import type { Router } from '../../server/http/router.js';

/** A listening test server. */
export interface RouterServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listen on loopback (port 0 = free port) and dispatch to `router`. */
export async function serveRouter(router: Router, port = 0): Promise<RouterServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      const ctx: RequestContext = { req, res, method, url: new URL(req.url ?? '/', 'http://localhost'), params: {} };
      res.setHeader('x-content-type-options', 'nosniff');
      try {
        const match = router.match(method, ctx.url.pathname);
        if (match === undefined) {
          if (method === 'OPTIONS') {
            res.writeHead(204, { 'access-control-allow-methods': 'GET, HEAD, POST, DELETE, OPTIONS', 'access-control-allow-headers': 'content-type, authorization' });
            res.end();
            return;
          }
          throw new HttpError(404, 'not-found', `Nothing at ${ctx.url.pathname}.`);
        }
        if ('allowed' in match) throw new HttpError(405, 'method-not-allowed', `${method} is not allowed here.`, undefined, { allow: match.allowed.join(', ') });
        ctx.params = match.params;
        await match.handler(ctx);
      } catch (error) {
        const e = error instanceof HttpError ? error : new HttpError(500, 'internal', 'Something went wrong on the embed server.');
        if (!(error instanceof HttpError)) process.stderr.write(`unhandled: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        if (!res.headersSent) sendError(ctx, e);
        else res.destroy();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
