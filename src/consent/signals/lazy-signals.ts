/**
 * Consent-platform adapters load only on pages that have that platform. Most pages
 * have none, so the TCF, GPP and WordPress readers stay out of every widget's bundle;
 * where a platform is present its source reports `pending` at once, so nothing loads
 * from X while its reader arrives.
 */
import type { GppAnswer } from './gpp.js';
import type { StatusListener, Stop } from './source.js';
import type { TcfAnswer } from './tcf.js';
import type { WpConsentAnswer } from './wp-consent.js';

/** Starts watching a platform once its adapter has loaded. */
type Watch<T> = (onStatus: StatusListener<T>) => Stop;

/**
 * Reports `absent` when the platform is missing; otherwise `pending`, then whatever the
 * adapter reports once loaded (`no-answer` with reason `error` if it cannot load).
 */
export function watchLazily<T>(present: boolean, load: () => Promise<Watch<T>>, onStatus: StatusListener<T>): Stop {
  if (!present) {
    onStatus({ status: 'absent' });
    return () => undefined;
  }
  let stopped = false;
  let stop: Stop | undefined;
  onStatus({ status: 'pending' });
  load().then(
    (watch) => {
      if (!stopped) stop = watch(onStatus);
    },
    (error: unknown) => {
      console.error('[perch] could not load a consent platform adapter', error);
      if (!stopped) onStatus({ status: 'no-answer', reason: 'error' });
    },
  );
  return () => {
    stopped = true;
    stop?.();
  };
}

function isFunction(name: string): boolean {
  return typeof (window as unknown as Record<string, unknown>)[name] === 'function';
}

/** IAB TCF v2.2, when the page has `__tcfapi`. */
export const watchTcfLazily = (options: { timeoutMs: number; vendorId: number | undefined }, onStatus: StatusListener<TcfAnswer>): Stop =>
  watchLazily(isFunction('__tcfapi'), () => import('./tcf.js').then((m) => (report: StatusListener<TcfAnswer>) => m.watchTcf(options, report)), onStatus);

/** IAB GPP, when the page has `__gpp`. */
export const watchGppLazily = (options: { timeoutMs: number }, onStatus: StatusListener<GppAnswer>): Stop =>
  watchLazily(isFunction('__gpp'), () => import('./gpp.js').then((m) => (report: StatusListener<GppAnswer>) => m.watchGpp(options, report)), onStatus);

/** The WordPress Consent API's change event (kept here so hearing it needs no adapter). */
const WP_CHANGE_EVENT = 'wp_listen_for_consent_change';

/**
 * The WordPress Consent API, when the page has `wp_has_consent`. Without it, its change
 * event is still heard: the first one that arrives once the API exists loads the adapter.
 */
export function watchWpConsentLazily(options: { timeoutMs: number }, onStatus: StatusListener<WpConsentAnswer>): Stop {
  const load = (first?: Event): Promise<Watch<WpConsentAnswer>> =>
    import('./wp-consent.js').then((m) => (report: StatusListener<WpConsentAnswer>) => m.watchWpConsent(options, report, first));
  if (isFunction('wp_has_consent')) return watchLazily(true, () => load(), onStatus);
  onStatus({ status: 'absent' });
  let stop: Stop | undefined;
  const onFirstChange = (event: Event): void => {
    if (!isFunction('wp_has_consent')) return; // the adapter would ignore it too
    document.removeEventListener(WP_CHANGE_EVENT, onFirstChange);
    stop = watchLazily(true, () => load(event), onStatus);
  };
  document.addEventListener(WP_CHANGE_EVENT, onFirstChange);
  return () => {
    document.removeEventListener(WP_CHANGE_EVENT, onFirstChange);
    stop?.();
  };
}
