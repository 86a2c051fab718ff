#!/usr/bin/env node
/** The `perch-server` command: config file, environment and flags → startServer, with clear start-up errors. */
import { parseArgs } from 'node:util';
import { startServer, type ServerConfig } from './index.js';
import { runReport } from './report-cli.js';
import { flagOptions, loadCliConfig, settingsHelp } from './cli-config.js';

const HELP = `Usage: perch-server [options]
       perch-server report [options]     daily impression totals (see perch-server report --help)

Every setting comes from a flag, an environment variable, or a key of a JSON file passed with
--config (flags win over the environment, which wins over the file). Unknown keys, unknown PERCH_*
variables and bad values stop start-up with a message naming them.

  --config <file>                   a JSON object of settings, keys as in brackets below [PERCH_CONFIG]
${settingsHelp()}
  -h, --help                        show this help

Stores: --store memory keeps the post cache in this process and the impression counts in an LMDB
file under --data-dir (--impressions-store lmdb); --store redis://… shares both between processes
(--impressions-store redis), or only the post cache with --impressions-store lmdb.

Secrets (environment only, never logged, never read from the config file):
  X_BEARER_TOKEN      X API v2 bearer token (required with --upstream x-api-v2)
  PERCH_ADMIN_TOKEN   token for admin endpoints (purge, summary, dashboard); off without it
`;

async function main(): Promise<void> {
  if (process.argv[2] === 'report') {
    process.exitCode = await runReport(process.argv.slice(3));
    return;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: { ...flagOptions(), config: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    process.stderr.write(`perch-server: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }
  let config: Partial<ServerConfig>;
  try {
    config = loadCliConfig(values, process.env);
  } catch (error) {
    fail(error);
  }
  let server;
  try {
    server = await startServer(config);
  } catch (error) {
    fail(error);
  }
  const running = server;
  process.stderr.write(`Perch embed server on ${running.url}${running.config.serveDemo ? ` — demo at ${running.url}/` : ''}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function fail(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`perch-server: ${code === 'EADDRINUSE' ? 'that port is already in use; pass --port <another>' : message}\n`);
  process.exit(1);
}

void main();
