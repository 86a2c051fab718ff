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
  try {
    const count = (): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
      return m;
    };
    const before = count();
    await assert.rejects(startServer({ port, logLevel: 'silent', dataDir: mkdtempSync(join(tmpdir(), 'perch-http-')) }), /EADDRINUSE/);
    // Nothing of any kind is left open beyond what was there before (something unrelated may have closed
    // meanwhile). Closed handles are released within a few turns of the loop: wait for that, up to 2 s.
    const added = (): string[] => [...count()].filter(([kind, n]) => n > (before.get(kind) ?? 0)).map(([kind, n]) => `${kind} ${before.get(kind) ?? 0} → ${n}`);
    for (let i = 0; i < 40 && added().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(added(), []);
  } finally {
    await new Promise<void>((r) => blocker.close(() => r()));
  }
});
