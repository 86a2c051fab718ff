/**
 * Swapping a readable fallback for the rendered widget changes its height. Done
 * while the reader is looking at it, that moves the text below (a layout shift).
 * This waits for a moment when the swap moves nothing the reader sees: the widget
 * is out of the viewport (above it, scroll anchoring keeps the reader's place), the
 * tab is hidden, or the reader has just interacted (the browser expects a change then).
 */

function inViewport(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth && r.height > 0;
}

/**
 * Call `commit` now if swapping cannot be seen, else at the first stable moment.
 * @returns a function that cancels the wait
 */
export function whenSwapIsStable(el: Element, commit: () => void): () => void {
  if (document.visibilityState === 'hidden' || !inViewport(el)) {
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
