/**
 * One IntersectionObserver for every Perch widget: a widget asks to be told when it
 * comes within about one viewport of being seen, then loads.
 */

type Callback = () => void;

const callbacks = new WeakMap<Element, Callback>();
let observer: IntersectionObserver | undefined;

function getObserver(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined;
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const cb = callbacks.get(entry.target);
        unobserveNear(entry.target);
        cb?.();
      }
    },
    { rootMargin: '100% 0px 100% 0px' },
  );
  return observer;
}

/** Call `cb` once, when `el` is within about one viewport of the visible area. */
export function whenNear(el: Element, cb: Callback): void {
  const io = getObserver();
  if (io === undefined) {
    cb();
    return;
  }
  callbacks.set(el, cb);
  io.observe(el);
}

/** Stop waiting for `el`. */
export function unobserveNear(el: Element): void {
  callbacks.delete(el);
  observer?.unobserve(el);
}
