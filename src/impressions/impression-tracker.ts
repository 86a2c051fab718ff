/**
 * Counts impressions for widgets: one `rendered` when content is on the page, and one
 * `viewable` by the IAB/MRC rule (≥ 50% of pixels in view for one continuous second while
 * the tab is visible), each at most once per widget and id per page view. One shared
 * IntersectionObserver; timers only for widgets that are half visible right now.
 */
import { getConsentCore } from '../consent/consent-core.js';
import { impressionsMode } from './impressions-config.js';
import { enqueue } from './impression-sender.js';

/** What a widget is showing. */
export interface ImpressionInfo {
  kind: 'post' | 'timeline';
  id: string;
}

const VIEWABLE_MS = 1000;

/** The timers the viewability clock runs on. */
export interface ViewabilityTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ViewabilityTimers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
let timers = realTimers;

/** Run the viewability clock on `replacement` (a manual clock), or back on real timers without one. For tests. */
export function useViewabilityTimersForTests(replacement?: ViewabilityTimers): void {
  timers = replacement ?? realTimers;
}

const counted = new WeakMap<Element, Set<string>>();
const watching = new Map<Element, { info: ImpressionInfo; visible: boolean; timer: unknown }>();
let observer: IntersectionObserver | undefined;

function once(el: Element, key: string): boolean {
  let set = counted.get(el);
  if (set === undefined) counted.set(el, (set = new Set()));
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

function allowed(): boolean {
  const mode = impressionsMode();
  if (mode === 'off') return false;
  return mode === 'always' || getConsentCore().allows('content');
}

function startClock(el: Element): void {
  const w = watching.get(el);
  if (w === undefined || !w.visible || w.timer !== undefined || document.visibilityState !== 'visible') return;
  w.timer = timers.set(() => {
    w.timer = undefined;
    if (!el.isConnected) return stop(el); // taken off the page while the clock ran
    if (!w.visible || document.visibilityState !== 'visible') return;
    if (allowed() && once(el, `viewable:${w.info.kind}:${w.info.id}`)) enqueue({ ...w.info, type: 'viewable' });
    stop(el);
  }, VIEWABLE_MS);
}

function stopClock(el: Element): void {
  const w = watching.get(el);
  if (w?.timer !== undefined) {
    timers.clear(w.timer);
    w.timer = undefined;
  }
}

function getObserver(): IntersectionObserver {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const w = watching.get(entry.target);
        if (w === undefined) continue;
        // Only connected elements are watched: one taken off the page without being told is dropped.
        if (!entry.target.isConnected) {
          stop(entry.target);
          continue;
        }
        w.visible = entry.isIntersecting && entry.intersectionRatio >= 0.5;
        if (w.visible) startClock(entry.target);
        else stopClock(entry.target);
      }
    },
    { threshold: [0, 0.5] },
  );
  return observer;
}

let visibilityListening = false;
function listenVisibility(): void {
  if (visibilityListening) return;
  visibilityListening = true;
  document.addEventListener('visibilitychange', () => {
    for (const el of watching.keys()) {
      if (document.visibilityState === 'visible') startClock(el);
      else stopClock(el);
    }
  });
}

function stop(el: Element): void {
  stopClock(el);
  watching.delete(el);
  observer?.unobserve(el);
}

/**
 * Count impressions for `el` showing `info`. Returns a function that stops watching
 * (call it on disconnect). Calling again for the same element and id counts nothing new.
 */
export function trackImpressions(el: Element, info: ImpressionInfo): () => void {
  // Only what is on a page can be seen: a widget removed before it rendered counts nothing.
  if (!allowed() || !el.isConnected) return () => undefined;
  if (once(el, `rendered:${info.kind}:${info.id}`)) enqueue({ ...info, type: 'rendered' });
  if (counted.get(el)?.has(`viewable:${info.kind}:${info.id}`) === true) return () => undefined;
  // Already watched for the same thing (a server-rendered post, now hydrated): its clock keeps running.
  const current = watching.get(el)?.info;
  if (current?.kind === info.kind && current.id === info.id) return () => stop(el);
  stop(el);
  watching.set(el, { info, visible: false, timer: undefined });
  listenVisibility();
  getObserver().observe(el);
  return () => stop(el);
}

/** How many elements are being watched for a viewable impression now (for tests and diagnostics). */
export function watchedImpressionCount(): number {
  return watching.size;
}
