// The CDN build's chunking: every module a page with one post needs goes into one shared
// `core` chunk (gzip compresses one file better than several, and the post page is the one
// most pages are), so that page loads the loader, the `perch-tweet` entry and `core`.
// The few modules the static-page chunk (`perch-static`: impressions, consent, page
// configuration) shares with the post go into `counting` instead, so a page of server-rendered
// posts runs only those up front, and one module instance serves both (one page-view id, one
// count per post). Everything else (timeline, video, buttons, consent UI, language packs,
// consent-platform readers) stays in the chunks rollup would make anyway.

const ENTRY = /[\\/]src[\\/]cdn[\\/]entries[\\/]tweet\.ts$/;
const STATIC_ENTRY = /[\\/]src[\\/]cdn[\\/]entries[\\/]static\.ts$/;
/** The entries' own modules stay in their entry chunks. */
const OWN = /[\\/]src[\\/](cdn[\\/]entries[\\/]|tweet[\\/]tweet\.component\.ts$|render[\\/]hydrate-when-needed\.ts$)/;

/** Whether `id` is statically imported, directly or not, by a module matching `entry`. */
function reachableFrom(entry, id, getModuleInfo) {
  const seen = new Set();
  const reachable = (moduleId) => {
    if (entry.test(moduleId)) return true;
    if (seen.has(moduleId)) return false;
    seen.add(moduleId);
    return (getModuleInfo(moduleId)?.importers ?? []).some(reachable);
  };
  return reachable(id);
}

/** Rollup `manualChunks`: `counting` for what the static-page entry needs, `core` for the rest the tweet entry needs. */
export function cdnChunks(id, { getModuleInfo }) {
  if (OWN.test(id)) return undefined;
  if (reachableFrom(STATIC_ENTRY, id, getModuleInfo)) return 'counting';
  return reachableFrom(ENTRY, id, getModuleInfo) ? 'core' : undefined;
}
