/**
 * Where a widget loads a piece of media from. With an embed server the browser
 * fetches X's images and video through the server's media proxy, so the visitor
 * never contacts X's hosts; without one it would load from X directly (which the
 * consent core only allows after consent).
 */

/** The embed server's media proxy path. */
export const MEDIA_PROXY_PATH = '/v1/media';

/** Hosts whose media the embed server proxies (and nothing else). */
export const X_MEDIA_HOSTS: readonly string[] = ['pbs.twimg.com', 'video.twimg.com', 'abs.twimg.com', 'ton.twimg.com'];

/** True when `url` is an https URL on one of X's media hosts. */
export function isXMediaUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && X_MEDIA_HOSTS.includes(parsed.hostname) && parsed.port === '' && parsed.username === '' && parsed.password === '';
}

/**
 * The URL a widget should load `original` from.
 * @param original - the media URL as it stands in the post model
 * @param server - the embed server's base URL, or undefined when there is none
 * @param options - `dnt`: the page or element opted out (under 13): the proxy request says so too
 */
export function mediaUrl(original: string, server: string | undefined, options: { dnt?: boolean } = {}): string {
  if (server === undefined || !isXMediaUrl(original)) return original;
  const base = server.endsWith('/') ? server.slice(0, -1) : server;
  return `${base}${MEDIA_PROXY_PATH}?url=${encodeURIComponent(original)}${options.dnt === true ? '&dnt=true' : ''}`;
}
