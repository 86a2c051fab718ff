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
  /** Default `swap` for every `<perch-tweet>` with a pasted fallback: `auto` or `immediate`. */
  swap?: 'auto' | 'immediate';
  /** Default theme for every widget. */
  theme?: 'light' | 'dark' | 'auto';
  /** Video player defaults (`<perch-video>`). */
  video?: {
    /** `off` (click to play) or `in-view` (muted, when at least half visible). */
    autoplay?: 'off' | 'in-view';
  };
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

/**
 * Meta tags read during the current run of script (and the microtasks queued in it): a page of
 * posts upgraded at once reads each tag a few times instead of once per post and property.
 */
const metaMemo = new Map<string, string | undefined>();

function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined; // server rendering: no page
  if (metaMemo.has(name)) return metaMemo.get(name);
  if (metaMemo.size === 0) queueMicrotask(() => metaMemo.clear());
  const el = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`);
  const trimmed = el?.content.trim();
  const content = trimmed === undefined || trimmed === '' ? undefined : trimmed;
  metaMemo.set(name, content);
  return content;
}

/** Server addresses as given → as used (or null when not http(s)), per document base: parsing a URL for every post and render is not free. */
const normalized = new Map<string, string | null>();

function normalizeServer(given: string, base: string | undefined): string | undefined {
  const key = `${base ?? ''}\n${given}`;
  let known = normalized.get(key);
  if (known === undefined) {
    try {
      const url = new URL(given, base);
      known = url.protocol === 'http:' || url.protocol === 'https:' ? url.href.replace(/\/$/, '') : null;
    } catch {
      known = null;
    }
    if (normalized.size >= 64) normalized.clear();
    normalized.set(key, known);
  }
  return known ?? undefined;
}

/**
 * The embed server base URL for an element: its own `server` attribute, then
 * `window.PerchConfig.server`, then `<meta name="perch:server">`, then the origin
 * the Perch script came from. Undefined when none is known.
 */
export function resolveServer(own: string | null | undefined): string | undefined {
  const onPage = typeof window !== 'undefined'; // false under server rendering, where only `own` counts
  const candidates = [own ?? undefined, onPage ? window.PerchConfig?.server : undefined, meta('perch:server'), scriptOrigin];
  const base = onPage ? document.baseURI : undefined;
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    const server = normalizeServer(c, base);
    if (server !== undefined) return server;
  }
  return undefined;
}

/** Milliseconds before a data request is abandoned. */
export function requestTimeoutMs(): number {
  const t = window.PerchConfig?.timeoutMs;
  return typeof t === 'number' && t > 0 ? t : 10_000;
}

/** The page-wide default for replacing a pasted fallback (`PerchConfig.swap`), when set. */
export function pageSwap(): 'auto' | 'immediate' | undefined {
  const s = typeof window === 'undefined' ? undefined : window.PerchConfig?.swap;
  return s === 'auto' || s === 'immediate' ? s : undefined;
}

/** The page-wide default theme, when the publisher set one. */
export function pageTheme(): 'light' | 'dark' | 'auto' | undefined {
  const t = window.PerchConfig?.theme ?? meta('perch:theme') ?? meta('twitter:widgets:theme');
  return t === 'light' || t === 'dark' || t === 'auto' ? t : undefined;
}

/** The page-wide video autoplay policy (`PerchConfig.video.autoplay` or `<meta name="perch:video-autoplay">`), when set. */
export function pageVideoAutoplay(): 'off' | 'in-view' | undefined {
  if (typeof window === 'undefined') return undefined;
  const a = window.PerchConfig?.video?.autoplay ?? meta('perch:video-autoplay');
  return a === 'off' || a === 'in-view' ? a : undefined;
}
