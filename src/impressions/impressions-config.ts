/** Page configuration for impression counting: whether to count, and where to send. */
import { resolveServer } from '../shared/page-config.js';
import { getConsentCore } from '../consent/consent-core.js';

/** `always` (default: first-party, aggregate, nothing stored), `after-consent`, or `off`. */
export type ImpressionsMode = 'always' | 'after-consent' | 'off';

declare module '../shared/page-config.js' {
  interface PerchPageConfig {
    /** Impression counting toward X's daily threshold. */
    impressions?: ImpressionsMode;
    /** Where impressions are sent (default: the embed server). */
    collector?: string;
  }
}

/** The mode the page asked for. */
export function impressionsMode(): ImpressionsMode {
  const v = window.PerchConfig?.impressions;
  return v === 'off' || v === 'after-consent' ? v : 'always';
}

/** The collector's base URL, if any. */
export function collectorUrl(): string | undefined {
  const configured = window.PerchConfig?.collector;
  const base = typeof configured === 'string' && configured !== '' ? configured : resolveServer(undefined);
  if (base === undefined) return undefined;
  // An under-13 page says so on every request to the embed server, this one included.
  return `${base.replace(/\/$/, '')}/v1/impressions${getConsentCore().isChildDirected() ? '?dnt=true' : ''}`;
}
