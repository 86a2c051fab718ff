/** The conformance suite against perch-server, started in this process over a real socket. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/index.js';
import { DEFAULT_TIMELINE_CACHE } from '../../server/config.js';
import { conformanceSuite } from './conformance.js';

conformanceSuite({
  name: 'perch-server',
  async start(up) {
    const dataDir = mkdtempSync(join(tmpdir(), 'perch-contract-'));
    const server = await startServer({
      port: 0,
      logLevel: 'silent',
      serveDemo: false,
      upstream: 'x-api-v2',
      bearerToken: up.token,
      xApiBaseUrl: up.xApiBase,
      mediaResolveOrigin: () => up.mediaOrigin,
      dataDir,
      cache: { maxEntries: 10_000, maxBytes: 16 * 1024 * 1024, freshMs: 0 },
      timelines: { ...DEFAULT_TIMELINE_CACHE, freshMs: 0 },
    });
    return {
      baseUrl: server.url,
      async stop() {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
});
