/**
 * What the WordPress bench measures inside the page, installed before the page's scripts: paints,
 * layout shift, and the frame in which every post is shown as an embed — a `<perch-tweet>` whose
 * shadow root holds its `<article>` with text, or X's iframe made visible at its rendered height.
 */
export function probeScript(posts: number): string {
  return `(() => {
  const s = { fcp: null, lcp: null, cls: 0, firstRenderedAt: null, renderedAt: null };
  window.__wpProbe = s;
  const watch = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') s.fcp = e.startTime; });
  watch('largest-contentful-paint', (e) => { s.lcp = e.startTime; });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) s.cls += e.value; });
  const shown = () => {
    let n = 0;
    for (const el of document.querySelectorAll('perch-tweet')) {
      const a = el.shadowRoot && el.shadowRoot.querySelector('article');
      if (a && a.textContent.trim() !== '') n++;
    }
    for (const f of document.querySelectorAll('iframe[data-tweet-id]')) if (f.style.visibility === 'visible' && f.offsetHeight > 0) n++;
    return n;
  };
  const poll = () => {
    const n = shown();
    if (n > 0 && s.firstRenderedAt === null) s.firstRenderedAt = performance.now();
    if (n >= ${posts}) { s.renderedAt = performance.now(); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}
