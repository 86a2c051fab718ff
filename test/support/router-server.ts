/** Tests: serve a Router over real sockets through the server's own HTTP layer (`createHttpServer`). */
import type { AddressInfo } from 'node:net';
import { createHttpServer, type HandlerOptions, type PerchServer } from '../../server/http/handler.js';
import { createLogger } from '../../server/log.js';
import type { Router } from '../../server/http/router.js';

/** A listening test server. */
export interface RouterServer {
  url: string;
  server: PerchServer;
  close(): Promise<void>;
}

/** Listen on loopback (port 0 = free port) and dispatch to `router` exactly as the embed server does. */
export async function serveRouter(router: Router, port = 0, options: Omit<HandlerOptions, 'router'> = {}): Promise<RouterServer> {
  // Unhandled errors (500s) are printed: a test that meets one should say why.
  const server = createHttpServer({ router, log: createLogger('error', (line) => process.stderr.write(line)), ...options });
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
