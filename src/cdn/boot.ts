/** What the CDN loader hands to each widget chunk it loads. */
export interface BootOptions {
  /** Origin the Perch script was served from: the default embed server. */
  scriptOrigin: string;
  /** Load the chunk of the widget `tag` now (each chunk once per page, however often asked). */
  load?: (tag: string) => void;
}

/** A widget chunk, as the loader sees it. */
export interface WidgetChunk {
  /** May return a Promise when the chunk must load something before defining its elements. */
  boot(options: BootOptions): void | Promise<void>;
}
