// The CDN build's chunking: every module a page with one post needs goes into one shared
// `core` chunk (gzip compresses one file better than several, and the post page is the one
// most pages are), so that page loads the loader, the `perch-tweet` entry and `core`.
// Everything else (timeline, video, buttons, consent UI, language packs, consent-platform
// readers) stays in the chunks rollup would make anyway.

const ENTRY = /[\\/]src[\\/]cdn[\\/]entries[\\/]tweet\.ts$/;
/** The tweet entry's own modules stay in the entry chunk. */
const OWN = /[\\/]src[\\/](cdn[\\/]entries[\\/]|tweet[\\/]tweet\.component\.ts$)/;

/** Rollup `manualChunks`: `core` for modules statically reachable from the tweet entry. */
export function cdnChunks(id, { getModuleInfo }) {
  if (OWN.test(id)) return undefined;
  const seen = new Set();
  const reachable = (moduleId) => {
    if (ENTRY.test(moduleId)) return true;
    if (seen.has(moduleId)) return false;
    seen.add(moduleId);
    return (getModuleInfo(moduleId)?.importers ?? []).some(reachable);
  };
  return reachable(id) ? 'core' : undefined;
}
