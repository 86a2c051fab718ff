#!/usr/bin/env node
/** `perch-server [--port N] [--host H] [--upstream fixtures|syndication|x-api-v2] [--log-level L]` */
import { parseArgs } from 'node:util';
import { ConfigError, startServer, type ServerConfig } from './index.js';

const HELP = `Usage: perch-server [options]

  --port <n>          port to listen on (default 8080; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --upstream <kind>   fixtures (default: built-in data, no network) | syndication | x-api-v2
  --log-level <l>     silent | error | warn | info (default) | debug
  --no-demo           do not serve the demo pages and fixtures
  -h, --help          show this help
`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        upstream: { type: 'string' },
        'log-level': { type: 'string' },
        'no-demo': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    process.exit(2);
  }
  if (values.help === true) {
    process.stdout.write(HELP);
    return;
  }
  const config: Partial<ServerConfig> = {};
  if (values.port !== undefined) {
    if (!/^[0-9]+$/.test(values.port)) fail(new ConfigError('port', `not a number: ${values.port}`));
    config.port = Number(values.port);
  }
  if (values.host !== undefined) config.host = values.host;
  if (values.upstream !== undefined) config.upstream = values.upstream as ServerConfig['upstream'];
  if (values['log-level'] !== undefined) config.logLevel = values['log-level'] as ServerConfig['logLevel'];
  if (values['no-demo'] === true) config.serveDemo = false;
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
