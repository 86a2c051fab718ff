/**
 * The consent core's public API: the decision every widget obeys, the visitor's
 * choice, and the disclosure for the publisher's privacy policy. Registers no element.
 */
import { getConsentCore } from './consent-core.js';
import { describeDisclosure } from './disclosure-info.js';
import type { Disclosure, PolicyDecision } from './policy-types.js';

export type { ConsentConfig, ConsentMode, ConsentState, DecidedBy, DisclosedCookie, Disclosure, PolicyDecision, Purpose } from './policy-types.js';
export { ConsentCore, PerchConsentChangeEvent, getConsentCore, resetConsentCoreForTests, type DenyOptions, type GrantOptions } from './consent-core.js';
export { ConsentController, preloadConsentPlaceholder, type ConsentControllerOptions } from './consent-controller.js';
export { X_ADS_OPT_OUT_URL, X_PRIVACY_URL, renderConsentPlaceholder, type PlaceholderOptions } from './consent-placeholder.js';
export { CONSENT_COOKIE, CONSENT_COOKIE_DAYS } from './consent-store.js';
export { describeDisclosure } from './disclosure-info.js';
export { PerchConsentSettings } from './consent-settings.component.js';
export { PerchDisclosure } from './disclosure.component.js';

/** The effective consent and tailoring decision for the page (`perch.policy()`). */
export function policy(): PolicyDecision {
  return getConsentCore().policy();
}

/** Hosts, cookies and honoured signals, for the publisher's privacy policy (`perch.disclosure()`). */
export function disclosure(): Disclosure {
  return describeDisclosure(getConsentCore());
}
