/**
 * Options of a statically rendered post (the `<perch-tweet>` attributes that change
 * what is drawn), and their validation from a query string. No Lit, no DOM.
 */

/** Options for `renderTweetHtml`, mirroring `<perch-tweet>`'s attributes. */
export interface RenderTweetOptions {
  /** `light`, `dark` or `auto`. Omitted: the page's setting (else light) decides on the client. */
  theme?: 'light' | 'dark' | 'auto';
  /** Maximum width in CSS pixels, 250–550. */
  width?: number;
  /** `left`, `center` or `right`. */
  align?: 'left' | 'center' | 'right';
  /** Language of Perch's own labels and of the timestamp (BCP 47). */
  lang?: string;
  /** Hide the link card (the element's `hide-cards`). */
  hideCards?: boolean;
  /** Hide "Replying to" and the parent post (the element's `hide-thread`). */
  hideThread?: boolean;
  /** @deprecated Use `hideCards`; `'hidden'` still works until the next minor version. */
  cards?: 'hidden';
  /** @deprecated Use `hideThread`; `'none'` still works until the next minor version. */
  conversation?: 'none';
  /** Embed server base URL (http/https): media is proxied through it, and the client keeps using it. */
  server?: string;
  /** The opt-out of tailoring (the element's `dnt`): media URLs in the HTML carry `dnt=true`, and so does every later request of the element. */
  dnt?: boolean;
  /** IANA time zone of the timestamp. Omitted: the server's zone now, the reader's after any later client update. */
  timeZone?: string;
}

/** A rejected option: which query parameter, and why. */
export class RenderOptionError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'RenderOptionError';
  }
}

const LANG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

/** A boolean query parameter: present alone or `true` is on, `false` off. */
function flag(params: URLSearchParams, param: string): boolean | undefined {
  const v = params.get(param);
  if (v === null) return undefined;
  if (v === '' || v === 'true') return true;
  if (v === 'false') return false;
  throw new RenderOptionError(param, `${param} is on when present (or "true"), off when absent (or "false"); got "${v.slice(0, 20)}".`);
}

function oneOf<T extends string>(param: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RenderOptionError(param, `${param} must be one of ${allowed.join(', ')}; got "${value.slice(0, 40)}".`);
}

/** True when `tz` is a time zone this runtime knows. */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Check an embed server base URL: absolute http(s), no credentials; returned without a trailing slash. */
export function checkServerUrl(value: string, param = 'server'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RenderOptionError(param, `${param} must be an absolute http(s) URL.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw new RenderOptionError(param, `${param} must be an http(s) URL without credentials.`);
  }
  return url.href.replace(/\/$/, '');
}

/**
 * Read and validate render options from query parameters (the names are the element's
 * attribute names: `theme`, `width`, `align`, `lang`, `hide-cards`, `hide-thread`, `dnt` (on when present
 * or `true`), `server`, `time-zone`; the deprecated `cards=hidden` and `conversation=none` still work). Throws a `RenderOptionError` naming the first bad parameter.
 */
export function parseRenderOptions(params: URLSearchParams): RenderTweetOptions {
  const options: RenderTweetOptions = {};
  const get = (name: string): string | undefined => {
    const v = params.get(name);
    return v === null || v === '' ? undefined : v;
  };
  const theme = get('theme');
  if (theme !== undefined) options.theme = oneOf('theme', theme, ['light', 'dark', 'auto'] as const);
  const width = get('width');
  if (width !== undefined) {
    if (!/^\d{1,4}$/.test(width) || Number(width) < 250 || Number(width) > 550) throw new RenderOptionError('width', `width must be a whole number from 250 to 550; got "${width.slice(0, 20)}".`);
    options.width = Number(width);
  }
  const align = get('align');
  if (align !== undefined) options.align = oneOf('align', align, ['left', 'center', 'right'] as const);
  const lang = get('lang');
  if (lang !== undefined) {
    if (!LANG_PATTERN.test(lang)) throw new RenderOptionError('lang', `lang must be a BCP 47 language tag; got "${lang.slice(0, 40)}".`);
    options.lang = lang;
  }
  const cards = get('cards');
  const hideCards = flag(params, 'hide-cards') ?? (cards === undefined ? undefined : oneOf('cards', cards, ['hidden'] as const) === 'hidden');
  if (hideCards !== undefined) options.hideCards = hideCards;
  const conversation = get('conversation');
  const hideThread = flag(params, 'hide-thread') ?? (conversation === undefined ? undefined : oneOf('conversation', conversation, ['none'] as const) === 'none');
  if (hideThread !== undefined) options.hideThread = hideThread;
  const dnt = flag(params, 'dnt');
  if (dnt !== undefined) options.dnt = dnt;
  const server = get('server');
  if (server !== undefined) options.server = checkServerUrl(server);
  const timeZone = get('time-zone');
  if (timeZone !== undefined) {
    if (timeZone.length > 64 || !isTimeZone(timeZone)) throw new RenderOptionError('time-zone', `time-zone must be an IANA time zone name; got "${timeZone.slice(0, 64)}".`);
    options.timeZone = timeZone;
  }
  return options;
}
