#!/usr/bin/env node
/** The `perch-server` command: flags and environment → startServer, with clear start-up errors. */
import { parseArgs } from 'node:util';
import { ConfigError, startServer, type ServerConfig } from './index.js';
import { runReport } from './report-cli.js';
import { DEFAULT_TIMELINE_CACHE } from './config.js';

const HELP = `Usage: perch-server [options]

  --port <n>          port to listen on (default 8080; 0 picks a free one)
  --host <addr>       interface to listen on (default 127.0.0.1)
  --upstream <kind>   fixtures (default: built-in data, no network) | syndication | x-api-v2
  --store <s>         memory (default, in-process LRU) | redis://host:port (shared by several processes)
  --allowed-origins <list>  comma-separated origins allowed to call the API from a browser (default *)
  --public-url <url>  the URL visitors reach this server at (used in oEmbed HTML)
  --x-api-base-url <url>    X API origin for --upstream x-api-v2 (default https://api.x.com; PERCH_X_API_URL)
  --cache-max-entries <n>   in-process cache bound (default 50000)
  --data-dir <dir>    where the embedded impressions store lives (default ./perch-data; PERCH_DATA_DIR)
  --threshold <n>     daily impressions threshold for alerts (default 10000000)
  --alert-levels <l>  comma-separated fractions of the threshold (default 0.5,0.8,1)
  --webhook-url <url> alerts are POSTed here as JSON
  --client-events-per-day <n>  impression events one client address may add to a UTC day (default 20000)
  --retention-days <n>  keep per-post impression counts this many days (default 90; daily totals are kept)
  --count-unserved-posts  also count impressions of posts this server did not serve in the last 24 hours
  --fresh-seconds <n> revalidate cached posts older than this (default 900; never served past 24 h)
  --timeline-cache-seconds <n>  revalidate cached timeline pages older than this (default 60; never served past 24 h)
  --log-level <l>     silent | error | warn | info (default) | debug
  --no-demo           do not serve the demo pages and fixtures
  -h, --help          show this help

Commands:
  perch-server report --from YYYY-MM-DD --to YYYY-MM-DD --format csv|json [--store …] [--data-dir …]
                      daily impression totals, for the conversation with X

Environment:
  X_BEARER_TOKEN      X API v2 bearer token (required with --upstream x-api-v2; never logged)
  PERCH_ADMIN_TOKEN   token for admin endpoints such as DELETE /v1/tweets/:id (off without it)
  PERCH_STORE, PERCH_UPSTREAM, PERCH_ALLOWED_ORIGINS, PORT  defaults for the flags above
  PERCH_SYNDICATION_URL, PERCH_X_API_URL  other upstream base URLs (for tests and proxies)
`;

async function main(): Promise<void> {
  if (process.argv[2] === 'report') {
    process.exitCode = await runReport(process.argv.slice(3));
    return;
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        upstream: { type: 'string' },
        store: { type: 'string' },
        'allowed-origins': { type: 'string' },
        'public-url': { type: 'string' },
        'x-api-base-url': { type: 'string' },
        'cache-max-entries': { type: 'string' },
        'fresh-seconds': { type: 'string' },
        'timeline-cache-seconds': { type: 'string' },
        'data-dir': { type: 'string' },
        threshold: { type: 'string' },
        'alert-levels': { type: 'string' },
        'webhook-url': { type: 'string' },
        'client-events-per-day': { type: 'string' },
        'retention-days': { type: 'string' },
        'count-unserved-posts': { type: 'boolean' },
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
  const env = process.env;
  const config: Partial<ServerConfig> = {};
  const port = values.port ?? env.PORT;
  if (port !== undefined) {
    if (!/^[0-9]+$/.test(port)) fail(new ConfigError('port', `not a number: ${port}`));
    config.port = Number(port);
  }
  if (values.host !== undefined) config.host = values.host;
  const upstream = values.upstream ?? env.PERCH_UPSTREAM;
  if (upstream !== undefined) config.upstream = upstream as ServerConfig['upstream'];
  const store = values.store ?? env.PERCH_STORE;
  if (store !== undefined) config.store = store;
  const origins = values['allowed-origins'] ?? env.PERCH_ALLOWED_ORIGINS;
  if (origins !== undefined) config.allowedOrigins = origins.split(',').map((o) => o.trim()).filter((o) => o !== '');
  if (values['public-url'] !== undefined) config.publicUrl = values['public-url'].replace(/\/$/, '');
  if (values['cache-max-entries'] !== undefined) {
    if (!/^[0-9]+$/.test(values['cache-max-entries'])) fail(new ConfigError('cache-max-entries', 'not a number'));
    config.cache = { maxEntries: Number(values['cache-max-entries']), maxBytes: 64 * 1024 * 1024, freshMs: 15 * 60 * 1000 };
  }
  if (values['data-dir'] !== undefined) config.dataDir = values['data-dir'];
  const impressions: ServerConfig['impressions'] = {};
  if (values.threshold !== undefined) {
    if (!/^[0-9]+$/.test(values.threshold) || Number(values.threshold) === 0) fail(new ConfigError('threshold', 'must be a positive integer'));
    impressions.threshold = Number(values.threshold);
  }
  if (values['alert-levels'] !== undefined) {
    const levels = values['alert-levels'].split(',').map(Number);
    if (levels.some((l) => !(l > 0))) fail(new ConfigError('alert-levels', 'expected positive fractions like 0.5,0.8,1'));
    impressions.alertLevels = levels;
  }
  if (values['webhook-url'] !== undefined) {
    if (!/^https?:\/\//.test(values['webhook-url'])) fail(new ConfigError('webhook-url', 'expected an http(s) URL'));
    impressions.webhookUrl = values['webhook-url'];
  }
  if (values['client-events-per-day'] !== undefined) {
    if (!/^[0-9]+$/.test(values['client-events-per-day']) || Number(values['client-events-per-day']) === 0) fail(new ConfigError('client-events-per-day', 'must be a positive integer'));
    impressions.clientEventsPerDay = Number(values['client-events-per-day']);
  }
  if (values['retention-days'] !== undefined) {
    if (!/^[0-9]+$/.test(values['retention-days']) || Number(values['retention-days']) === 0) fail(new ConfigError('retention-days', 'must be a positive integer'));
    impressions.retentionDays = Number(values['retention-days']);
  }
  if (values['count-unserved-posts'] === true) impressions.countUnservedPosts = true;
  config.impressions = impressions;
  const fresh = values['fresh-seconds'];
  if (fresh !== undefined || config.cache !== undefined) {
    if (fresh !== undefined && !/^[0-9]+$/.test(fresh)) fail(new ConfigError('fresh-seconds', 'not a number'));
    config.cache = { maxEntries: config.cache?.maxEntries ?? 50_000, maxBytes: 64 * 1024 * 1024, freshMs: fresh === undefined ? 15 * 60 * 1000 : Number(fresh) * 1000 };
  }
  const timelineSeconds = values['timeline-cache-seconds'];
  if (timelineSeconds !== undefined) {
    if (!/^[0-9]+$/.test(timelineSeconds)) fail(new ConfigError('timeline-cache-seconds', 'not a number'));
    config.timelines = { ...DEFAULT_TIMELINE_CACHE, freshMs: Number(timelineSeconds) * 1000 };
  }
  if (env.PERCH_SYNDICATION_URL !== undefined) config.syndicationBaseUrl = env.PERCH_SYNDICATION_URL;
  if (env.PERCH_X_API_URL !== undefined) config.xApiBaseUrl = env.PERCH_X_API_URL;
  if (values['x-api-base-url'] !== undefined) config.xApiBaseUrl = values['x-api-base-url'];
  if (env.X_BEARER_TOKEN !== undefined && env.X_BEARER_TOKEN !== '') config.bearerToken = env.X_BEARER_TOKEN;
  if (env.PERCH_ADMIN_TOKEN !== undefined && env.PERCH_ADMIN_TOKEN !== '') config.adminToken = env.PERCH_ADMIN_TOKEN;
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
