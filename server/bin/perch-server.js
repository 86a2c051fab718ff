#!/usr/bin/env node
// The `perch-server` command. The server itself is built into dist/ (by `npm run build` in the
// repository, or shipped in the package); this file exists from the start so npm can link it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/server/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('perch-server: the server is not built yet: run `npm run build` in the repository\n');
  process.exit(1);
}
await import(cli.href);
