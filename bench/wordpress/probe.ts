/**
 * What the WordPress bench measures inside the page, installed before the page's scripts: paints,
 * layout shift, and the frames in which the first post, every post in the first screen, and every
 * post are shown as embeds. A post is shown when it is a `<perch-tweet>` whose shadow root holds
 * its `<article>` with text, or X's iframe made visible at its rendered height; it is waiting
 * while it is a `<perch-tweet>` without one, or X's pasted blockquote not yet swapped for its iframe.
 * "In the first screen" is judged in each frame (posts grow as they render), at scroll 0.
 * Layout shifts are kept with their times, so the bench can tell those before the reader's first
 * scroll (`scrollAt`, set by the bench) from those after.
 */
export function probeScript(posts: number): string {
  return `(() => {
  const s = { fcp: null, lcp: null, cls: 0, shifts: [], scrollAt: null, firstRenderedAt: null, firstScreenAt: null, renderedAt: null };
  window.__wpProbe = s;
  const watch = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') s.fcp = e.startTime; });
  watch('largest-contentful-paint', (e) => { s.lcp = e.startTime; });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) { s.cls += e.value; s.shifts.push([e.startTime, e.value]); } });
  const inFirstScreen = (el) => { const r = el.getBoundingClientRect(); return scrollY === 0 && r.top < innerHeight && r.bottom > 0; };
  const poll = () => {
    let shown = 0, waitingInView = 0, shownInView = 0;
    for (const el of document.querySelectorAll('perch-tweet')) {
      const a = el.shadowRoot && el.shadowRoot.querySelector('article');
      const ok = a !== null && a !== undefined && a.textContent.trim() !== '';
      if (ok) shown++;
      if (inFirstScreen(el)) ok ? shownInView++ : waitingInView++;
    }
    for (const f of document.querySelectorAll('iframe[data-tweet-id]')) {
      if (f.style.visibility !== 'visible' || f.offsetHeight === 0) continue;
      shown++;
      if (inFirstScreen(f)) shownInView++;
    }
    for (const q of document.querySelectorAll('blockquote.twitter-tweet')) if (!q.closest('perch-tweet') && inFirstScreen(q)) waitingInView++;
    const now = performance.now();
    if (shown > 0 && s.firstRenderedAt === null) s.firstRenderedAt = now;
    if (s.firstScreenAt === null && shownInView > 0 && waitingInView === 0) s.firstScreenAt = now;
    if (shown >= ${posts}) { s.renderedAt = now; if (s.firstScreenAt === null) s.firstScreenAt = now; return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}
