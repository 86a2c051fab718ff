/**
 * Where the player's bytes come from: X's media URLs go through the embed server's proxy,
 * or to X itself only after consent, and the variant is picked for the element's size,
 * the screen and the reader's data-saving wish.
 */
import type { Video } from '../data/model.js';
import { isXMediaUrl, mediaUrl } from '../data/media-url.js';
import { pickVariant } from './variant-picker.js';

interface NetworkInformationLike {
  saveData?: boolean;
}

function saveDataRequested(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformationLike }).connection;
  return connection?.saveData === true;
}

/** What decides where media may be loaded from. */
export interface MediaRoute {
  /** The embed server's base URL, if any. */
  server: string | undefined;
  /** Ask the proxy to opt out of tailoring. */
  dnt: boolean;
  /** Content from X is allowed by the consent decision. */
  allowed: boolean;
}

/** Where to load one of X's media URLs from: the embed server's proxy, X itself only after consent, else nowhere. */
export function resolveMedia(original: string, route: MediaRoute): string | undefined {
  if (!isXMediaUrl(original)) return undefined;
  if (route.server !== undefined) return mediaUrl(original, route.server, { dnt: route.dnt });
  return route.allowed ? original : undefined;
}

/** The URL to play, `consent` when it waits for consent, or undefined when nothing here can be played. */
export function chooseSource(media: Video | undefined, video: HTMLVideoElement, host: HTMLElement, route: MediaRoute): string | 'consent' | undefined {
  if (media === undefined) return undefined;
  const variant = pickVariant(media.variants, {
    cssWidth: host.getBoundingClientRect().width,
    dpr: window.devicePixelRatio || 1,
    saveData: saveDataRequested(),
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
  });
  if (variant === undefined || !isXMediaUrl(variant.url)) return undefined;
  if (!route.allowed) return 'consent';
  return resolveMedia(variant.url, route) ?? 'consent';
}
