/** Defaults the share button reads from the page: its canonical URL and the publisher's X account. */

const X_PROFILE = /^https?:\/\/(?:www\.|mobile\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/?(?:[?#]|$)/;

/** `<link rel="canonical">`'s URL (http or https), else the page's own address. */
export function canonicalUrl(doc: Document = document): string {
  const href = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i][href]')?.href;
  if (href !== undefined && /^https?:/.test(href)) return href;
  return doc.location.href;
}

/** The screen name in the first `<link rel="me">` pointing at an X (or Twitter) profile, if any. */
export function pageXAccount(doc: Document = document): string | undefined {
  for (const link of doc.querySelectorAll<HTMLLinkElement>('link[rel~="me" i][href]')) {
    const name = X_PROFILE.exec(link.href)?.[1];
    if (name !== undefined) return name;
  }
  return undefined;
}
