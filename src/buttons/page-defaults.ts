/** Defaults the share button reads from the page: its canonical URL and the publisher's X account. */
import { xProfileUrl } from '../data/x-urls.js';

/** `<link rel="canonical">`'s URL (http or https), else the page's own address. */
export function canonicalUrl(doc: Document = document): string {
  const href = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.href;
  if (href !== undefined && /^https?:/.test(href)) return href;
  return doc.location.href;
}

/** The screen name in the first `<link rel="me">` pointing at an X (or Twitter) profile, if any. */
export function pageXAccount(doc: Document = document): string | undefined {
  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel~="me" i][href]')) {
    const name = xProfileUrl(link.href);
    if (name !== undefined) return name;
  }
  return undefined;
}
