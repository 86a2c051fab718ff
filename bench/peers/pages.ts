/** The pages of the peer bench: the same posts, in the same order, for every contender. */

/** A post model as `/v1/tweets` answers it (opaque here: it goes into the page as JSON). */
export type Model = { id: string } & Record<string, unknown>;

/** JSON safe inside a `<script>` element (no `</script>` or `<!--` can close it). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const shell = (title: string, head: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head><body>${body}</body></html>`;

const main = (posts: string): string => `<main id="root">${posts}</main>`;

const CDN = '<script async src="/dist/cdn/perch.js"></script>';

/** Perch by script tag, each post fetched from the embed server (`loading="eager"`: every post at once, as the peer renders them). */
export function scriptTagServerPage(ids: string[]): string {
  return shell('Perch: script tag, server fetch', '', main(ids.map((id) => `<perch-tweet tweet-id="${id}" loading="eager"></perch-tweet>`).join('')) + CDN);
}

function inlinePosts(models: Model[]): string {
  return models.map((m) => `<perch-tweet><script type="application/json">${scriptJson(m)}</script></perch-tweet>`).join('');
}

/** Perch by script tag, each post's model inline in the page. */
export function scriptTagInlinePage(models: Model[]): string {
  return shell('Perch: script tag, inline models', '', main(inlinePosts(models)) + CDN);
}

/** Perch's npm build bundled into an app (`app` is the bundle's URL), models inline. */
export function npmInlinePage(models: Model[], app: string): string {
  return shell('Perch: npm build, inline models', '', `${main(inlinePosts(models))}<script type="module" src="${app}"></script>`);
}

/** Posts rendered by the embed server (`GET /v1/render/tweet/:id`), adopted by the script tag. */
export function staticPage(fragments: string[]): string {
  return shell('Perch: static rendering', '', main(fragments.join('')) + CDN);
}

/** React-tweet: the syndication payloads inline, rendered by the bundled app. */
export function reactTweetPage(payloads: unknown[], app: string, css: string | undefined): string {
  const link = css === undefined ? '' : `<link rel="stylesheet" href="${css}">`;
  return shell('react-tweet', link, `<script id="tweets" type="application/json">${scriptJson(payloads)}</script>${main('')}<script type="module" src="${app}"></script>`);
}
