/** `perch-server report`: daily impression totals from the store, as CSV or JSON on stdout (for the conversation with X). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLD } from './impressions/alerts.js';
import { openImpressionStore } from './impressions/open-store.js';
import { buildSummary, MAX_SUMMARY_DAYS, summaryToCsv } from './impressions/report.js';
import { addDays, dayCount, isDay, utcDay } from './impressions/utc-day.js';
import { readConfigFile } from './cli-config.js';
import type { ServerConfig } from './config.js';

function usageError(err: (s: string) => void, msg: string): number {
  err(`perch-server report: ${msg}\n${USAGE}`);
  return 2;
}

const USAGE = `Usage: perch-server report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json]
                           [--config perch.json] [--store memory|redis://host:port]
                           [--impressions-store lmdb|redis] [--data-dir DIR] [--threshold N]
Prints daily impression totals (UTC days; default: the last 30 days), from the store the server writes.
  --config             the server's config file: its store, impressionsStore, dataDir and threshold (PERCH_CONFIG)
  --store              memory or a redis:// URL (PERCH_STORE)
  --impressions-store  lmdb (the file in --data-dir; default with --store memory) or redis (PERCH_IMPRESSIONS_STORE)
  --data-dir           where the LMDB file lives (PERCH_DATA_DIR, default ./perch-data)
`;

/** Run the report command with `argv` (the arguments after `report`); resolves with the exit code. */
export async function runReport(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, config: { type: 'string' }, store: { type: 'string' }, 'impressions-store': { type: 'string' }, 'data-dir': { type: 'string' }, threshold: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    out(USAGE);
    return 0;
  }
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const today = utcDay(Date.now());
  const to = str('to') ?? today;
  const from = str('from') ?? addDays(to, -29);
  const format = str('format') ?? 'csv';
  let file: Partial<ServerConfig> = {};
  const configPath = str('config') ?? process.env.PERCH_CONFIG;
  if (configPath !== undefined && configPath !== '') {
    try {
      file = readConfigFile(configPath);
    } catch (error) {
      err(`perch-server report: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
  }
  const configured = str('store') ?? process.env.PERCH_STORE ?? file.store ?? 'memory';
  const impressionsStore = str('impressions-store') ?? process.env.PERCH_IMPRESSIONS_STORE ?? file.impressionsStore ?? (configured === 'memory' ? 'lmdb' : 'redis');
  if (impressionsStore !== 'lmdb' && impressionsStore !== 'redis') return usageError(err, `--impressions-store: expected lmdb or redis, got "${impressionsStore}"`);
  if (impressionsStore === 'redis' && configured === 'memory') return usageError(err, '--impressions-store redis needs --store redis://…');
  // `openImpressionStore` takes `memory` for the LMDB file
  const store = impressionsStore === 'lmdb' ? 'memory' : configured;
  const dataDir = str('data-dir') ?? process.env.PERCH_DATA_DIR ?? file.dataDir ?? 'perch-data';
  const threshold = Number(str('threshold') ?? file.impressions?.threshold ?? DEFAULT_THRESHOLD);
  const usage = (msg: string): number => {
    err(`perch-server report: ${msg}\n${USAGE}`);
    return 2;
  };
  if (!isDay(from)) return usage(`--from: expected a date like 2026-01-31, got "${from}"`);
  if (!isDay(to)) return usage(`--to: expected a date like 2026-01-31, got "${to}"`);
  if (from > to) return usage('--from is after --to');
  if (dayCount(from, to) > MAX_SUMMARY_DAYS) return usage(`at most ${MAX_SUMMARY_DAYS} days at once`);
  if (format !== 'csv' && format !== 'json') return usage(`--format: expected csv or json, got "${format}"`);
  if (!Number.isFinite(threshold) || threshold <= 0) return usage('--threshold: expected a positive number');
  if (store !== 'memory' && !/^rediss?:\/\//.test(store)) return usage(`--store: expected "memory" or a redis:// URL, got "${store}"`);
  if (store === 'memory' && !existsSync(join(dataDir, 'impressions'))) {
    err(`perch-server report: no impressions store in ${dataDir} (use --data-dir)\n`);
    return 1;
  }
  let opened;
  try {
    opened = await openImpressionStore(store, dataDir);
  } catch (error) {
    err(`perch-server report: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const summary = await buildSummary(opened, from, to, threshold);
    out(format === 'csv' ? summaryToCsv(summary) : JSON.stringify(summary, null, 2) + '\n');
    return 0;
  } finally {
    await opened.close();
  }
}
