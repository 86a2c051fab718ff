/**
 * What the peer bench measures inside the page, installed before any of the page's scripts
 * (plain JS in a string, so no compiler helper ends up in the page): paints, layout shift, long
 * tasks, and the frame in which every post is on screen — a `<perch-tweet>` whose shadow root
 * holds its `<article>`, or a react-tweet box holding its `<article>`; the same test for both.
 */
export function probeScript(posts: number): string {
  return `(() => {
  const s = { fcp: null, lcp: null, cls: 0, longTasks: [], renderedAt: null, perchRenders: 0, interactiveAt: null };
  window.__peerProbe = s;
  const watch = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch {} };
  watch('paint', (e) => { if (e.name === 'first-contentful-paint') s.fcp = e.startTime; });
  watch('largest-contentful-paint', (e) => { s.lcp = e.startTime; });
  watch('layout-shift', (e) => { if (!e.hadRecentInput) s.cls += e.value; });
  watch('longtask', (e) => { s.longTasks.push([e.startTime, e.duration]); });
  addEventListener('perch-render', () => { if (++s.perchRenders === ${posts}) s.interactiveAt = performance.now(); }, true);
  const shown = () => {
    let n = 0;
    for (const el of document.querySelectorAll('perch-tweet')) if (el.shadowRoot && el.shadowRoot.querySelector('article')) n++;
    for (const el of document.querySelectorAll('[data-peer-post]')) if (el.querySelector('article')) n++;
    return n;
  };
  const poll = () => {
    if (shown() >= ${posts}) { s.renderedAt = performance.now(); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
}

/** Every node of the document, shadow roots' contents included (text and comment nodes too), and the elements among them. */
export const COUNT_NODES = `(() => {
  let nodes = 0, elements = 0;
  const stack = [document.documentElement];
  while (stack.length > 0) {
    const node = stack.pop();
    nodes++;
    if (node.nodeType === 1) { elements++; if (node.shadowRoot) stack.push(node.shadowRoot); }
    for (let c = node.firstChild; c !== null; c = c.nextSibling) stack.push(c);
  }
  return { nodes, elements };
})()`;

/**
 * Resolves once the main thread has had three idle periods in a row that came before their
 * deadline, so work a page does after its posts show (chunks, observers) is counted; or after
 * 5 s whatever happens (a playing video never leaves the page quite idle).
 */
export const QUIET = `new Promise((resolve) => {
  let quiet = 0;
  const started = performance.now();
  const tick = (d) => {
    quiet = d.didTimeout ? 0 : quiet + 1;
    if (quiet >= 3 || performance.now() - started > 5000) resolve();
    else requestIdleCallback(tick, { timeout: 500 });
  };
  requestIdleCallback(tick, { timeout: 500 });
})`;
