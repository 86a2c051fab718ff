import type { PerchSiteConfig, PostResult } from 'perch-widgets/render';

/** Options of the Perch Eleventy plugin: the site's Perch settings plus where post models come from. */
export interface PerchEleventyOptions extends PerchSiteConfig {
  /**
   * Post models by id (for example a global data file of models saved from the embed server's
   * `GET /v1/tweets/:id`), or a function answering one. Posts not found here are fetched from `server`.
   */
  posts?: Record<string, PostResult> | ((id: string) => PostResult | undefined | Promise<PostResult | undefined>);
  /** Turn paragraphs holding only a post URL into posts. Default true. */
  transform?: boolean;
  /**
   * Copy perch-widgets' own script build into the site at this path (default `/perch/`) and load
   * `perch.js` from there, so the site serves it itself. `false`: load it from `script` or the embed server.
   */
  selfHost?: string | false;
}

/** The Eleventy plugin: `eleventyConfig.addPlugin(perch, { server: 'https://embed.example.com' })`. */
export default function perch(eleventyConfig: unknown, options?: PerchEleventyOptions): void;
