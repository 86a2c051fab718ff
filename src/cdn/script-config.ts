/**
 * Page configuration from data attributes on the Perch script tag:
 *
 * ```html
 * <script async src="https://embed.example.com/dist/cdn/perch.js"
 *   data-server="https://embed.example.com" data-theme="dark" data-impressions="off"></script>
 * ```
 *
 * Merged into `window.PerchConfig`, under it: a key the publisher set in the global object
 * (before the script) wins over the same key on the script tag, and both win over `<meta>` tags.
 * Invalid values are ignored with a console warning.
 */
import type { PerchPageConfig } from '../shared/page-config.js';
import type {} from '../impressions/impressions-config.js'; // PerchPageConfig.impressions / collector

/** What the script tag can set (attribute → `PerchConfig` key). */
export interface ScriptTagConfig {
  config: PerchPageConfig;
  /** `data-autoload="off"`: as `<meta name="twitter:widgets:autoload" content="off">`. */
  autoloadOff: boolean;
}

function warn(attr: string, value: string): void {
  console.warn(`[perch] ignored ${attr}="${value}" on the Perch script tag`);
}

/** Read the configuration data attributes of `script` (the Perch script tag). */
export function readScriptConfig(script: HTMLScriptElement | null): ScriptTagConfig {
  const config: PerchPageConfig = {};
  const data = script?.dataset ?? {};
  const server = data.server?.trim();
  if (server !== undefined && server !== '') {
    let ok = false;
    try {
      const url = new URL(server, document.baseURI);
      ok = url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (ok) config.server = server;
    else warn('data-server', server);
  }
  const theme = data.theme?.trim();
  if (theme === 'light' || theme === 'dark' || theme === 'auto') config.theme = theme;
  else if (theme !== undefined) warn('data-theme', theme);
  const impressions = data.impressions?.trim();
  if (impressions === 'on' || impressions === 'always') config.impressions = 'always';
  else if (impressions === 'after-consent' || impressions === 'off') config.impressions = impressions;
  else if (impressions !== undefined) warn('data-impressions', impressions);
  const collector = data.collector?.trim();
  if (collector !== undefined && /^https?:\/\//i.test(collector)) config.collector = collector;
  else if (collector !== undefined) warn('data-collector', collector);
  const timeout = data.timeoutMs?.trim();
  if (timeout !== undefined && /^[0-9]{1,7}$/.test(timeout) && Number(timeout) > 0) config.timeoutMs = Number(timeout);
  else if (timeout !== undefined) warn('data-timeout-ms', timeout);
  const autoload = data.autoload?.trim();
  return { config, autoloadOff: autoload === 'off' };
}

/**
 * Merge the script tag's configuration into `window.PerchConfig` (the global wins, key by key),
 * so every widget chunk reads one effective configuration. Returns the script tag's part.
 */
export function applyScriptConfig(script: HTMLScriptElement | null): ScriptTagConfig {
  const read = readScriptConfig(script);
  const entries = Object.entries(read.config);
  if (entries.length === 0) return read;
  // Fill in place: a publisher who keeps a reference to their PerchConfig object keeps seeing the live one.
  const target: Record<string, unknown> = (window.PerchConfig ??= {}) as Record<string, unknown>;
  for (const [key, value] of entries) if (target[key] === undefined) target[key] = value;
  return read;
}
