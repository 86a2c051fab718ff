/**
 * Everything a publisher tunes, from three places: a JSON config file (`--config perch.json`), the
 * environment (`PERCH_*`), and flags; later ones win (file < environment < flags). One table below
 * names each setting in all three forms, so `--help`, the docs and the checks cannot drift apart.
 * Unknown keys, unknown `PERCH_*` variables and bad values throw a ConfigError naming where they came from.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, DEFAULT_TIMELINE_CACHE, type ServerConfig } from './config.js';

type Kind = 'string' | 'int' | 'number' | 'bool' | 'list' | 'url' | 'origin-list' | 'fraction-list';

/** One setting: its config-file key, flag, environment variable, and how it lands in ServerConfig. */
interface Setting {
  key: string;
  flag: string;
  env: readonly string[];
  kind: Kind;
  help: string;
  /** Allowed values (for strings). */
  choices?: readonly string[];
  /** Smallest allowed number. */
  min?: number;
  apply(config: Partial<ServerConfig>, value: string | number | boolean | string[] | number[]): void;
}

const rate = (config: Partial<ServerConfig>): NonNullable<Exclude<ServerConfig['impressions']['rateLimit'], false>> => {
  config.impressions ??= {};
  const current = config.impressions.rateLimit;
  const limit = current === false || current === undefined ? {} : current;
  config.impressions.rateLimit = limit;
  return limit;
};
const cache = (config: Partial<ServerConfig>): ServerConfig['cache'] => (config.cache ??= { maxEntries: 50_000, maxBytes: 64 * 1024 * 1024, freshMs: 15 * 60 * 1000 });

/** Every setting the `perch-server` command reads. */
export const SETTINGS: readonly Setting[] = [
  { key: 'port', flag: 'port', env: ['PERCH_PORT', 'PORT'], kind: 'int', min: 0, help: 'port to listen on (default 8080; 0 picks a free one)', apply: (c, v) => (c.port = v as number) },
  { key: 'host', flag: 'host', env: ['PERCH_HOST'], kind: 'string', help: 'interface to listen on (default 127.0.0.1)', apply: (c, v) => (c.host = v as string) },
  { key: 'upstream', flag: 'upstream', env: ['PERCH_UPSTREAM'], kind: 'string', choices: ['fixtures', 'syndication', 'x-api-v2'], help: 'fixtures (default: built-in data, no network) | syndication | x-api-v2', apply: (c, v) => (c.upstream = v as ServerConfig['upstream']) },
  { key: 'syndicationUrl', flag: 'syndication-url', env: ['PERCH_SYNDICATION_URL'], kind: 'url', help: 'syndication origin for --upstream syndication (default X\'s; for proxies and tests)', apply: (c, v) => (c.syndicationBaseUrl = v as string) },
  { key: 'xApiBaseUrl', flag: 'x-api-base-url', env: ['PERCH_X_API_URL'], kind: 'url', help: 'X API origin for --upstream x-api-v2 (default https://api.x.com)', apply: (c, v) => (c.xApiBaseUrl = v as string) },
  { key: 'mediaUpstreamUrl', flag: 'media-upstream-url', env: ['PERCH_MEDIA_UPSTREAM_URL'], kind: 'url', help: 'send the media proxy\'s requests for X\'s media hosts to this origin instead (an egress proxy; tests)', apply: (c, v) => (c.mediaResolveOrigin = () => (v as string).replace(/\/$/, '')) },
  { key: 'store', flag: 'store', env: ['PERCH_STORE'], kind: 'string', help: 'post cache: memory (default, in-process LRU) | redis://host:port (shared by several processes)', apply: (c, v) => (c.store = v as string) },
  { key: 'impressionsStore', flag: 'impressions-store', env: ['PERCH_IMPRESSIONS_STORE'], kind: 'string', choices: ['lmdb', 'redis'], help: 'impression counts: lmdb (a file in --data-dir; default with --store memory) | redis (the --store Redis; default with Redis)', apply: (c, v) => (c.impressionsStore = v as ServerConfig['impressionsStore']) },
  { key: 'dataDir', flag: 'data-dir', env: ['PERCH_DATA_DIR'], kind: 'string', help: 'where the LMDB impressions file lives (default ./perch-data)', apply: (c, v) => (c.dataDir = v as string) },
  { key: 'allowedOrigins', flag: 'allowed-origins', env: ['PERCH_ALLOWED_ORIGINS'], kind: 'origin-list', help: 'comma-separated origins allowed to call the API from a browser (default *)', apply: (c, v) => (c.allowedOrigins = v as string[]) },
  { key: 'publicUrl', flag: 'public-url', env: ['PERCH_PUBLIC_URL'], kind: 'url', help: 'the URL visitors reach this server at (oEmbed and static HTML point there)', apply: (c, v) => (c.publicUrl = (v as string).replace(/\/$/, '')) },
  { key: 'cacheMaxEntries', flag: 'cache-max-entries', env: ['PERCH_CACHE_MAX_ENTRIES'], kind: 'int', min: 1, help: 'in-process post cache bound, in posts (default 50000)', apply: (c, v) => (cache(c).maxEntries = v as number) },
  { key: 'cacheMaxMegabytes', flag: 'cache-max-mb', env: ['PERCH_CACHE_MAX_MB'], kind: 'int', min: 1, help: 'in-process post cache bound, in MB (default 64)', apply: (c, v) => (cache(c).maxBytes = (v as number) * 1024 * 1024) },
  { key: 'freshSeconds', flag: 'fresh-seconds', env: ['PERCH_FRESH_SECONDS'], kind: 'int', min: 0, help: 'revalidate cached posts older than this (default 900; never served past 24 h)', apply: (c, v) => (cache(c).freshMs = (v as number) * 1000) },
  { key: 'timelineCacheSeconds', flag: 'timeline-cache-seconds', env: ['PERCH_TIMELINE_CACHE_SECONDS'], kind: 'int', min: 0, help: 'revalidate cached timeline pages older than this (default 60; never served past 24 h)', apply: (c, v) => (c.timelines = { ...DEFAULT_TIMELINE_CACHE, ...c.timelines, freshMs: (v as number) * 1000 }) },
  { key: 'threshold', flag: 'threshold', env: ['PERCH_THRESHOLD'], kind: 'int', min: 1, help: 'daily impressions threshold for alerts (default 10000000)', apply: (c, v) => ((c.impressions ??= {}).threshold = v as number) },
  { key: 'alertLevels', flag: 'alert-levels', env: ['PERCH_ALERT_LEVELS'], kind: 'fraction-list', help: 'comma-separated fractions of the threshold (default 0.5,0.8,1)', apply: (c, v) => ((c.impressions ??= {}).alertLevels = v as number[]) },
  { key: 'webhookUrl', flag: 'webhook-url', env: ['PERCH_WEBHOOK_URL'], kind: 'url', help: 'alerts are POSTed here as JSON', apply: (c, v) => ((c.impressions ??= {}).webhookUrl = v as string) },
  { key: 'impressionsRatePerSecond', flag: 'impressions-rate', env: ['PERCH_IMPRESSIONS_RATE'], kind: 'number', min: 0.001, help: 'sustained impression events per second one visitor may send (default 500)', apply: (c, v) => (rate(c).eventsPerSecond = v as number) },
  { key: 'impressionsBurst', flag: 'impressions-burst', env: ['PERCH_IMPRESSIONS_BURST'], kind: 'int', min: 1, help: 'impression events one visitor may send at once (default 5000)', apply: (c, v) => (rate(c).burst = v as number) },
  { key: 'clientEventsPerDay', flag: 'client-events-per-day', env: ['PERCH_CLIENT_EVENTS_PER_DAY'], kind: 'int', min: 1, help: 'impression events one visitor may add to a UTC day (default 20000)', apply: (c, v) => ((c.impressions ??= {}).clientEventsPerDay = v as number) },
  { key: 'retentionDays', flag: 'retention-days', env: ['PERCH_RETENTION_DAYS'], kind: 'int', min: 1, help: 'keep per-post impression counts this many days (default 90; daily totals are kept)', apply: (c, v) => ((c.impressions ??= {}).retentionDays = v as number) },
  { key: 'countUnservedPosts', flag: 'count-unserved-posts', env: ['PERCH_COUNT_UNSERVED_POSTS'], kind: 'bool', help: 'also count impressions of posts this server did not serve in the last 24 hours (default off)', apply: (c, v) => ((c.impressions ??= {}).countUnservedPosts = v as boolean) },
  { key: 'impressionsLimitLoopback', flag: 'impressions-limit-loopback', env: ['PERCH_IMPRESSIONS_LIMIT_LOOPBACK'], kind: 'bool', help: 'rate-limit loopback peers that send no X-Forwarded-For too (default off)', apply: (c, v) => (rate(c).exemptLoopback = !(v as boolean)) },
  { key: 'compressMinBytes', flag: 'compress-min-bytes', env: ['PERCH_COMPRESS_MIN_BYTES'], kind: 'int', min: 0, help: 'compress JSON and HTML answers at least this long (default 1024)', apply: (c, v) => (c.compressMinBytes = v as number) },
  { key: 'logLevel', flag: 'log-level', env: ['PERCH_LOG_LEVEL'], kind: 'string', choices: ['silent', 'error', 'warn', 'info', 'debug'], help: 'silent | error | warn | info (default) | debug', apply: (c, v) => (c.logLevel = v as ServerConfig['logLevel']) },
  { key: 'demo', flag: 'demo', env: ['PERCH_DEMO'], kind: 'bool', help: 'serve the demo pages (default on with the built-in data in a checkout); --no-demo turns them off', apply: (c, v) => (c.serveDemo = v as boolean) },
];

/** Variables read elsewhere (secrets, the config file path, the test suite's screenshot switch), not settings. */
const OTHER_ENV = new Set(['PERCH_CONFIG', 'PERCH_ADMIN_TOKEN', 'PERCH_SHOTS']);
/** Secrets are read from the environment only, never from a file that might be committed. */
const SECRET_KEYS: Record<string, string> = { adminToken: 'PERCH_ADMIN_TOKEN', bearerToken: 'X_BEARER_TOKEN' };

function parseValue(setting: Setting, raw: unknown, where: string): string | number | boolean | string[] | number[] {
  const bad = (detail: string): never => {
    throw new ConfigError(setting.flag, `${detail} (from ${where})`);
  };
  const text = typeof raw === 'string' ? raw.trim() : raw;
  switch (setting.kind) {
    case 'int':
    case 'number': {
      const n = typeof text === 'number' ? text : typeof text === 'string' && /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n) || (setting.kind === 'int' && !Number.isInteger(n))) return bad(`expected ${setting.kind === 'int' ? 'a whole number' : 'a number'}, got ${JSON.stringify(raw)}`);
      if (setting.min !== undefined && n < setting.min) return bad(`must be at least ${setting.min}, got ${n}`);
      if (setting.flag === 'port' && n > 65535) return bad(`must be at most 65535, got ${n}`);
      return n;
    }
    case 'bool': {
      if (typeof text === 'boolean') return text;
      if (text === 'true' || text === '1' || text === 'yes' || text === 'on') return true;
      if (text === 'false' || text === '0' || text === 'no' || text === 'off') return false;
      return bad(`expected true or false, got ${JSON.stringify(raw)}`);
    }
    case 'list':
    case 'origin-list':
    case 'fraction-list': {
      const items = Array.isArray(text) ? text.map((x) => String(x).trim()) : typeof text === 'string' ? text.split(',').map((x) => x.trim()).filter((x) => x !== '') : undefined;
      if (items === undefined || items.length === 0) return bad(`expected a comma-separated list, got ${JSON.stringify(raw)}`);
      if (setting.kind === 'origin-list') {
        for (const origin of items) if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin)) bad(`"${origin}" is not an origin like https://example.com`);
        return items;
      }
      if (setting.kind === 'fraction-list') {
        const levels = items.map(Number);
        if (levels.some((l) => !(l > 0) || !Number.isFinite(l))) bad('expected positive fractions like 0.5,0.8,1');
        return levels;
      }
      return items;
    }
    case 'url': {
      if (typeof text !== 'string' || !/^https?:\/\/[^\s]+$/.test(text)) return bad(`expected an http(s) URL, got ${JSON.stringify(raw)}`);
      try {
        new URL(text);
      } catch {
        return bad(`not a URL: ${text}`);
      }
      return text;
    }
    case 'string': {
      if (typeof text !== 'string' || text === '') return bad(`expected a string, got ${JSON.stringify(raw)}`);
      if (setting.choices !== undefined && !setting.choices.includes(text)) return bad(`expected ${setting.choices.join(' | ')}, got "${text}"`);
      return text;
    }
  }
}

/** Read and check a JSON config file: an object whose keys are the settings' `key`s. */
export function readConfigFile(path: string): Partial<ServerConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('config', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('config', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('config', `${path} must hold a JSON object of settings`);
  const config: Partial<ServerConfig> = {};
  const entries = Object.entries(parsed as Record<string, unknown>).filter(([key]) => key !== '$schema');
  const unknown = entries.map(([key]) => key).filter((key) => !SETTINGS.some((s) => s.key === key));
  for (const key of unknown) {
    const secret = SECRET_KEYS[key];
    if (secret !== undefined) throw new ConfigError('config', `${path}: "${key}" is a secret and is read from the environment only: set ${secret}`);
  }
  if (unknown.length > 0) throw new ConfigError('config', `${path}: unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${SETTINGS.map((s) => s.key).join(', ')})`);
  for (const [key, value] of entries) {
    const setting = SETTINGS.find((s) => s.key === key) as Setting;
    setting.apply(config, parseValue(setting, value, `${path}: "${key}"`));
  }
  return config;
}

function merge(into: Partial<ServerConfig>, from: Partial<ServerConfig>): void {
  for (const [k, v] of Object.entries(from) as Array<[keyof ServerConfig, unknown]>) {
    const current = into[k];
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof current === 'object' && current !== null && !Array.isArray(current)) {
      const nested = { ...(current as object) } as Record<string, unknown>;
      for (const [nk, nv] of Object.entries(v as object)) {
        const cur = nested[nk];
        nested[nk] = typeof nv === 'object' && nv !== null && !Array.isArray(nv) && typeof cur === 'object' && cur !== null ? { ...cur, ...nv } : nv;
      }
      (into as Record<string, unknown>)[k] = nested;
    } else (into as Record<string, unknown>)[k] = v;
  }
}

/** Settings from the environment (`PERCH_*`); unknown `PERCH_*` names are refused (a typo would be ignored silently otherwise). */
export function configFromEnv(env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const config: Partial<ServerConfig> = {};
  const known = new Set(SETTINGS.flatMap((s) => s.env));
  const unknown = Object.keys(env).filter((name) => name.startsWith('PERCH_') && !known.has(name) && !OTHER_ENV.has(name));
  if (unknown.length > 0) throw new ConfigError('config', `unknown environment ${unknown.length === 1 ? 'variable' : 'variables'} ${unknown.join(', ')}`);
  for (const setting of SETTINGS) {
    const name = setting.env.find((n) => env[n] !== undefined && env[n] !== '');
    if (name !== undefined) setting.apply(config, parseValue(setting, env[name], `environment ${name}`));
  }
  return config;
}

/** Flags as `node:util` `parseArgs` options. */
export function flagOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const s of SETTINGS) {
    options[s.flag] = { type: s.kind === 'bool' ? 'boolean' : 'string' };
    if (s.kind === 'bool') options[`no-${s.flag}`] = { type: 'boolean' };
  }
  return options;
}

/** Settings from parsed flags. */
export function configFromFlags(values: Record<string, string | boolean | undefined>): Partial<ServerConfig> {
  const config: Partial<ServerConfig> = {};
  for (const setting of SETTINGS) {
    const value = values[setting.flag];
    if (setting.kind === 'bool' && values[`no-${setting.flag}`] === true) setting.apply(config, false);
    else if (value !== undefined) setting.apply(config, parseValue(setting, value, `--${setting.flag}`));
  }
  return config;
}

/** The whole configuration the command starts with: file (from `--config` or PERCH_CONFIG) < environment < flags. */
export function loadCliConfig(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): Partial<ServerConfig> {
  const config: Partial<ServerConfig> = {};
  const file = typeof values.config === 'string' ? values.config : env.PERCH_CONFIG;
  if (file !== undefined && file !== '') merge(config, readConfigFile(file));
  merge(config, configFromEnv(env));
  merge(config, configFromFlags(values));
  if (env.X_BEARER_TOKEN !== undefined && env.X_BEARER_TOKEN !== '') config.bearerToken = env.X_BEARER_TOKEN;
  if (env.PERCH_ADMIN_TOKEN !== undefined && env.PERCH_ADMIN_TOKEN !== '') config.adminToken = env.PERCH_ADMIN_TOKEN;
  return config;
}

/** The settings part of `--help`: each flag with its environment variable and config-file key. */
export function settingsHelp(): string {
  return SETTINGS.map((s) => {
    const flag = s.kind === 'bool' ? `--[no-]${s.flag}` : `--${s.flag} <${s.kind === 'int' || s.kind === 'number' ? 'n' : s.kind.endsWith('list') ? 'list' : 'v'}>`;
    return `  ${flag.padEnd(34)}${s.help}\n  ${''.padEnd(34)}[${s.env.join(', ')}; "${s.key}"]`;
  }).join('\n');
}
