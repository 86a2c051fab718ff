/** JSON-lines logger: one object per line, never secrets (callers pass only what is safe). */
import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Fields attached to a log line. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** A logger writing JSON lines to a stream. */
export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  /** Whether lines at `level` are written (hot paths skip building fields otherwise). */
  enabled?(level: Exclude<LogLevel, 'silent'>): boolean;
}

/** What a disabled level does: nothing, not even look at its arguments. */
function noop(): void {
  // Level below the configured one.
}

/** Create a logger at `level`, writing to `out` (stdout by default). */
export function createLogger(level: LogLevel, out: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const enabled = (l: Exclude<LogLevel, 'silent'>): boolean => ORDER[l] <= ORDER[level];
  const at = (l: Exclude<LogLevel, 'silent'>) =>
    enabled(l)
      ? (msg: string, fields: LogFields = {}) => {
          out(JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...fields }) + '\n');
        }
      : noop;
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), enabled };
}
