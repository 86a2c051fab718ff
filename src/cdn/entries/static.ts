/**
 * CDN chunk for pages whose posts all arrived server-rendered (`GET /v1/render/tweet/:id`):
 * the small script such a page runs up front. It counts the posts' impressions at once, with
 * the widgets' own tracker (same viewability rule, same collector, same consent rules), and
 * loads `<perch-tweet>` (which adopts the server's DOM) only when the reader needs it.
 */
import { trackImpressions } from '../../impressions/impression-tracker.js';
import { installGlobalApi } from '../global-api.js';
import { setScriptOrigin } from '../../shared/page-config.js';
import { hydrateWhenNeeded } from '../../render/hydrate-when-needed.js';
import { isPostId } from '../../data/model.js';
import type { BootOptions } from '../boot.js';

/** The id of the post a server-rendered `<perch-tweet>` shows, from its inline model; undefined for a tombstone. */
function shownPostId(el: Element): string | undefined {
  const script = el.querySelector(':scope > script[type="application/json"]');
  try {
    const model: unknown = JSON.parse(script?.textContent ?? '');
    if (typeof model !== 'object' || model === null) return undefined;
    const { kind, id } = model as { kind?: unknown; id?: unknown };
    return kind === 'post' && typeof id === 'string' && isPostId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Called by the loader instead of the `perch-tweet` chunk when every post on the page is server-rendered. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi(); // `window.perch` (consent calls from the page) works before hydration too
  const posts = [...document.querySelectorAll('perch-tweet')];
  // The same element and id the hydrated post reports: the tracker counts each once per page view.
  for (const el of posts) {
    const id = shownPostId(el);
    if (id !== undefined) trackImpressions(el, { kind: 'post', id });
  }
  hydrateWhenNeeded(posts, () => {
    options.load?.('perch-tweet');
    // The element's chunk asks for this only once it runs: fetched alongside instead, one round trip sooner.
    import('../../render/hydrate-support.js').catch(() => undefined);
  });
}
