/** What every part of a rendered post needs to know besides the post itself. */
import { isXMediaUrl, mediaUrl } from '../../data/media-url.js';

export interface RenderContext {
  /** Language for Perch's own strings and dates (the post's text keeps its own). */
  lang: string | undefined;
  /** Embed server base URL; media is proxied through it when set. */
  server: string | undefined;
  /** `hide-cards`: no link card. */
  hideCards: boolean;
  /** `hide-thread`: no parent post or "Replying to". */
  hideThread: boolean;
  /** Time zone for the timestamp; the reader's own when undefined. */
  timeZone: string | undefined;
  /** Whether the visitor's consent allows loading from X's own hosts (needed when there is no embed server). */
  xContentAllowed: boolean;
  /**
   * The post sits inside an element that already is its `<article>` (a timeline's feed
   * item): render it as a plain box so assistive technology announces it once.
   */
  inArticle?: boolean;
  /** The opt-out (`dnt=true`) every request to the embed server carries, media included (under-13 pages, or the element's own `dnt`). */
  dnt?: boolean;
}

/**
 * Where the browser should load a piece of X media from: through the embed server when
 * there is one (first-party); straight from X only when consent allows it; otherwise
 * nowhere (the box keeps its size, the image waits for consent).
 */
export function mediaSrc(original: string, ctx: RenderContext): string | undefined {
  if (!isXMediaUrl(original)) return undefined; // only X's media, never an arbitrary third party
  if (ctx.server !== undefined) return mediaUrl(original, ctx.server, { dnt: ctx.dnt });
  return ctx.xContentAllowed ? original : undefined;
}
