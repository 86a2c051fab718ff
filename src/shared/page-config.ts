/**
 * Page-level configuration: a global object set before Perch loads, `<meta>` tags,
 * and data attributes on the Perch script tag. Element attributes override these.
 */

/** What a publisher can set once for the whole page. */
export interface PerchPageConfig {
  /** Base URL of the embed server. */
  server?: string;
  /** Milliseconds before a data request is given up. Default 10000. */
  timeoutMs?: number;
  /** Default theme for every widget. */
  theme?: 'light' | 'dark' | 'auto';
}

declare global {
  interface Window {
    /** Configuration a publisher sets before the Perch script runs. */
    PerchConfig?: PerchPageConfig;
  }
}

let scriptOrigin: string | undefined;

/** Remember the origin the Perch script was served from (the CDN loader calls this). */
export function setScriptOrigin(origin: string): void {
  scriptOrigin = origin;
}

function meta(name: string): string | undefined {
  const el = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  const content = el?.content.trim();
  return content === undefined || content === '' ? undefined : content;
}

/**
 * The embed server base URL for an element: its own `server` attribute, then
 * `window.PerchConfig.server`, then `<meta name="perch:server">`, then the origin
 * the Perch script came from. Undefined when none is known.
 */
export function resolveServer(own: string | null | undefined): string | undefined {
  const candidates = [own ?? undefined, window.PerchConfig?.server, meta('perch:server'), scriptOrigin];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    try {
      const url = new URL(c, document.baseURI);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      return url.href.replace(/\/$/, '');
    } catch {
      continue;
    }
  }
  return undefined;
}

/** Milliseconds before a data request is abandoned. */
export function requestTimeoutMs(): number {
  const t = window.PerchConfig?.timeoutMs;
  return typeof t === 'number' && t > 0 ? t : 10_000;
}

/** The page-wide default theme, when the publisher set one. */
export function pageTheme(): 'light' | 'dark' | 'auto' | undefined {
  const t = window.PerchConfig?.theme ?? meta('perch:theme') ?? meta('twitter:widgets:theme');
  return t === 'light' || t === 'dark' || t === 'auto' ? t : undefined;
}
