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

function meta(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined; // server rendering: no page
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
  const onPage = typeof window !== 'undefined'; // false under server rendering, where only `own` counts
  const candidates = [own ?? undefined, onPage ? window.PerchConfig?.server : undefined, meta('perch:server'), scriptOrigin];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    try {
      const url = new URL(c, onPage ? document.baseURI : undefined);
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
