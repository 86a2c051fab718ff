/** What every part of a rendered post needs to know besides the post itself. */
export interface RenderContext {
  /** Language for Perch's own strings and dates (the post's text keeps its own). */
  lang: string | undefined;
  /** Embed server base URL; media is proxied through it when set. */
  server: string | undefined;
  /** `cards="hidden"`: no link card. */
  hideCards: boolean;
  /** `conversation="none"`: no parent post or "Replying to". */
  hideThread: boolean;
  /** Time zone for the timestamp; the reader's own when undefined. */
  timeZone: string | undefined;
}
