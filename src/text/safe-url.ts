/** Only http(s) URLs ever reach an `href` or `src`. */

/** The URL, normalised, when it parses and uses http: or https:; otherwise undefined. */
export function safeHttpUrl(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
