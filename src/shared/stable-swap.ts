/**
 * Swapping a readable fallback for the rendered widget changes its height. Done while the
 * reader is reading below it, that moves their text (a layout shift). The reader must see
 * the widget all the same, so this only picks the moment within a short wait (the caller
 * holds the deadline): at once while the page is still loading, when the widget starts in
 * the first screen, when it is out of the viewport (above it, scroll anchoring keeps the
 * reader's place) or the tab is hidden; otherwise at the reader's next interaction (the
 * browser expects a change then) or when the widget leaves the viewport.
 */

function inViewport(r: DOMRect): boolean {
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth && r.height > 0;
}

/**
 * Call `commit` now if swapping cannot disturb a reader, else at the first stable moment.
 * @returns a function that cancels the wait
 */
export function whenSwapIsStable(el: Element, commit: () => void): () => void {
  const r = el.getBoundingClientRect();
  const firstScreen = window.scrollY < window.innerHeight / 2 && r.top + window.scrollY < window.innerHeight;
  if (document.visibilityState === 'hidden' || document.readyState !== 'complete' || firstScreen || !inViewport(r)) {
    commit();
    return () => undefined;
  }
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    cleanup();
    commit();
  };
  const io = new IntersectionObserver((entries) => {
    if (entries.some((e) => !e.isIntersecting)) finish();
  });
  io.observe(el);
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') finish();
  };
  const options = { capture: true, passive: true } as const;
  window.addEventListener('pointerdown', finish, options);
  window.addEventListener('keydown', finish, options);
  document.addEventListener('visibilitychange', onVisibility);
  function cleanup(): void {
    io.disconnect();
    window.removeEventListener('pointerdown', finish, options);
    window.removeEventListener('keydown', finish, options);
    document.removeEventListener('visibilitychange', onVisibility);
  }
  return () => {
    done = true;
    cleanup();
  };
}
