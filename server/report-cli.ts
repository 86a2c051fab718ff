/** `perch-server report`: daily impression totals from the store, as CSV or JSON on stdout (for the conversation with X). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLD } from './impressions/alerts.js';
import { openImpressionStore } from './impressions/open-store.js';
import { buildSummary, MAX_SUMMARY_DAYS, summaryToCsv } from './impressions/report.js';
import { addDays, dayCount, isDay, utcDay } from './impressions/utc-day.js';

const USAGE = `Usage: perch-server report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|json]
                           [--store memory|redis://host:port] [--data-dir DIR] [--threshold N]
Prints daily impression totals (UTC days; default: the last 30 days).
  --store      memory (the embedded store in --data-dir, default) or a redis:// URL (PERCH_STORE)
  --data-dir   where the embedded store lives (PERCH_DATA_DIR, default ./perch-data)
`;

/** Run the report command with `argv` (the arguments after `report`); resolves with the exit code. */
export async function runReport(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, store: { type: 'string' }, 'data-dir': { type: 'string' }, threshold: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
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
  const store = str('store') ?? process.env.PERCH_STORE ?? 'memory';
  const dataDir = str('data-dir') ?? process.env.PERCH_DATA_DIR ?? 'perch-data';
  const threshold = Number(str('threshold') ?? DEFAULT_THRESHOLD);
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
