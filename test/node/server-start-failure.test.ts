/** A server that cannot listen closes everything it opened: no socket, store or timer is left behind. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/index.js';

test('when listen fails, start-up rejects and leaves no socket, store or timer open', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as { port: number }).port;
  const before = process.getActiveResourcesInfo().length;
  await assert.rejects(startServer({ port, logLevel: 'silent', dataDir: mkdtempSync(join(tmpdir(), 'perch-http-')) }), /EADDRINUSE/);
  // Closed handles are released on the next turn of the loop.
  await new Promise((r) => setImmediate(r));
  assert.equal(process.getActiveResourcesInfo().length, before, process.getActiveResourcesInfo().join(','));
  await new Promise<void>((r) => blocker.close(() => r()));
});
