/**
 * Links to X (x.com, twitter.com): which post, profile or list a URL names. One parser for
 * the widgets.js compatibility layer (pasted markup, `twttr.widgets.createTimeline`), the
 * buttons' page defaults and the embed server's oEmbed endpoint. No DOM, no Lit.
 */
import type { TimelineQuery } from './timeline.js';

/** The hosts X's links use. */
export const X_HOSTS: ReadonlySet<string> = new Set(['x.com', 'www.x.com', 'mobile.x.com', 'twitter.com', 'www.twitter.com', 'mobile.twitter.com']);

/** `/<user>/status/<id>` (also `statuses`, `i/web`, `i`), optionally one of its photos or its video. */
const POST_PATH = /^\/(?:([A-Za-z0-9_]{1,15})|i\/web|i)\/status(?:es)?\/([0-9]{1,40})(?:\/(?:photo|video)\/[1-4])?\/?$/;
const PROFILE_PATH = /^\/([A-Za-z0-9_]{1,15})\/?$/;
const LIST_PATH = /^\/([A-Za-z0-9_]{1,15})\/lists\/([A-Za-z0-9_-]{1,60})\/?$/;
const LIST_ID_PATH = /^\/i\/lists\/([0-9]{1,40})\/?$/;

/** What a post URL names. */
export interface XPostUrl {
  id: string;
  /** The author's handle, when the URL carries it (`/i/status/…` does not). */
  handle: string | undefined;
}

/** The URL when it is an http(s) link on one of X's hosts (no user name, password or port). */
export function xUrl(href: string | URL): URL | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  const http = url.protocol === 'https:' || url.protocol === 'http:';
  return http && url.username === '' && url.password === '' && url.port === '' && X_HOSTS.has(url.hostname.toLowerCase()) ? url : undefined;
}

/** The post a path on X names (`/jack/status/20`), if it names one. */
export function xPostPath(pathname: string): XPostUrl | undefined {
  const m = POST_PATH.exec(pathname);
  return m === null ? undefined : { id: m[2] ?? '', handle: m[1] };
}

/** The post an X link names (query and fragment ignored: `?ref_src=…` as pasted), if it names one. */
export function xPostUrl(href: string): XPostUrl | undefined {
  const url = xUrl(href);
  return url === undefined ? undefined : xPostPath(url.pathname);
}

/** The screen name of an X profile link (`https://x.com/jack`), if it is one. */
export function xProfileUrl(href: string): string | undefined {
  const url = xUrl(href);
  return url === undefined ? undefined : PROFILE_PATH.exec(url.pathname)?.[1];
}

/** The timeline an X profile or list link names (`/jack`, `/jack/lists/news`, `/i/lists/123`), if any. */
export function xTimelineUrl(href: string): TimelineQuery | undefined {
  const url = xUrl(href);
  if (url === undefined) return undefined;
  const listId = LIST_ID_PATH.exec(url.pathname)?.[1];
  if (listId !== undefined) return { type: 'list', listId };
  const list = LIST_PATH.exec(url.pathname);
  if (list !== null) return { type: 'list', ownerScreenName: list[1] ?? '', slug: list[2] ?? '' };
  const screenName = PROFILE_PATH.exec(url.pathname)?.[1];
  return screenName === undefined ? undefined : { type: 'profile', screenName };
}
