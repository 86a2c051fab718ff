/**
 * When a page of server-rendered posts should load the code that makes them live: the server's
 * HTML is readable and on screen without it, so it waits for a reason. At once when the reader
 * reaches for a post (pointer down, focus, a key); otherwise only after the page has loaded
 * (the page's own resources go first), when a post comes near the viewport, or when the
 * browser is idle. No Lit, no import: it only calls `start`, once.
 */

/** How near the viewport a post must come before its code loads (the scroll ahead of the reader). */
export const NEAR_VIEWPORT_MARGIN = '300px 0px';
/** The longest `requestIdleCallback` may wait on a busy page. */
export const IDLE_TIMEOUT_MS = 5000;
/** Where `requestIdleCallback` does not exist: this long after the page has loaded. */
export const NO_IDLE_CALLBACK_DELAY_MS = 1500;

/** Events on a post that mean the reader is about to use it. */
const INTERACTION = ['pointerdown', 'focusin', 'keydown'] as const;

/**
 * Call `start` once, at the first of: an interaction with one of `posts`; once the page has
 * loaded, one of them near the viewport; once the page has loaded, the browser idle.
 * Returns a function that cancels every trigger (`start` is then never called by this).
 */
export function hydrateWhenNeeded(posts: readonly Element[], start: () => void): () => void {
  let done = false;
  const cleanups: Array<() => void> = [];
  const cancel = (): void => {
    done = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const fire = (): void => {
    if (done) return;
    cancel();
    start();
  };

  for (const post of posts) {
    for (const type of INTERACTION) post.addEventListener(type, fire, { capture: true, passive: true });
  }
  cleanups.push(() => {
    for (const post of posts) for (const type of INTERACTION) post.removeEventListener(type, fire, { capture: true });
  });

  const afterLoad = (): void => {
    if (done) return;
    const near = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) fire();
    }, { rootMargin: NEAR_VIEWPORT_MARGIN });
    for (const post of posts) near.observe(post);
    cleanups.push(() => near.disconnect());
    if (typeof window.requestIdleCallback === 'function') {
      const handle = requestIdleCallback(fire, { timeout: IDLE_TIMEOUT_MS });
      cleanups.push(() => cancelIdleCallback(handle));
    } else {
      const handle = setTimeout(fire, NO_IDLE_CALLBACK_DELAY_MS);
      cleanups.push(() => clearTimeout(handle));
    }
  };
  if (document.readyState === 'complete') afterLoad();
  else {
    addEventListener('load', afterLoad, { once: true });
    cleanups.push(() => removeEventListener('load', afterLoad));
  }
  return cancel;
}
