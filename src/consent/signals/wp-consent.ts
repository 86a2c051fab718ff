/**
 * The WordPress Consent API: `wp_has_consent('marketing')` decides content (embeds
 * from X set marketing cookies), re-read on its `wp_listen_for_consent_change` event.
 */
import { isRecord, watchSource, type StatusListener, type Stop } from './source.js';

/** The WordPress Consent API's answer. */
export interface WpConsentAnswer {
  /** Consent for the `marketing` category. */
  marketing: boolean;
  /** `window.wp_consent_type` (`optin`, `optout`, …) when set. */
  consentType: string | undefined;
}

/** The category Perch asks about. */
export const WP_CATEGORY = 'marketing';
/** The document event the Consent API fires when the visitor changes a category. */
export const WP_CHANGE_EVENT = 'wp_listen_for_consent_change';

interface WpWindow {
  wp_has_consent?: unknown;
  wp_consent_type?: unknown;
}

function hasConsentFn(): ((category: string) => unknown) | undefined {
  const fn = (window as unknown as WpWindow).wp_has_consent;
  return typeof fn === 'function' ? (fn as (category: string) => unknown) : undefined;
}

function read(): WpConsentAnswer | undefined {
  const fn = hasConsentFn();
  if (fn === undefined) return undefined;
  const type = (window as unknown as WpWindow).wp_consent_type;
  return { marketing: fn(WP_CATEGORY) === true, consentType: typeof type === 'string' ? type : undefined };
}

/**
 * Listens to the WordPress Consent API. `absent` when `wp_has_consent` is missing (its change event is still heard).
 * `first` is a change event that arrived before this adapter was loaded; it is applied at once.
 */
export function watchWpConsent(options: { timeoutMs: number }, onStatus: StatusListener<WpConsentAnswer>, first?: Event): Stop {
  const present = hasConsentFn() !== undefined;
  let stopSource: Stop = () => undefined;
  const onChange = (event: Event): void => {
    try {
      const now = read();
      if (now === undefined) return;
      const detail = (event as CustomEvent<unknown>).detail;
      if (isRecord(detail) && typeof detail[WP_CATEGORY] === 'string') now.marketing = detail[WP_CATEGORY] === 'allow';
      onStatus({ status: 'answered', value: now, userAction: true });
    } catch {
      // A broken Consent API leaves the previous answer in place.
    }
  };
  document.addEventListener(WP_CHANGE_EVENT, onChange);
  if (present) {
    stopSource = watchSource<WpConsentAnswer>(options.timeoutMs, onStatus, (answer) => {
      const now = read();
      if (now !== undefined) answer(now);
    });
  } else {
    onStatus({ status: 'absent' });
  }
  if (first !== undefined) onChange(first);
  return () => {
    document.removeEventListener(WP_CHANGE_EVENT, onChange);
    stopSource();
  };
}
