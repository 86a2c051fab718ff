/**
 * `window.perch` for script-tag pages: the consent API, `policy()` and `disclosure()`.
 * `disclosure()` answers with a Promise: its text loads only when asked for.
 */
import { getConsentCore, type DenyOptions, type GrantOptions } from '../consent/consent-core.js';
import type { Disclosure, PolicyDecision } from '../consent/policy-types.js';

const policy = (): PolicyDecision => getConsentCore().policy();
const disclosure = (): Promise<Disclosure> => import('../consent/disclosure-info.js').then((m) => m.describeDisclosure(getConsentCore()));

/** The page-level API a script-tag publisher calls. */
export interface PerchGlobal {
  policy(): PolicyDecision;
  /** Hosts, cookies and honoured signals for the privacy policy (loads its text on first use). */
  disclosure(): Promise<Disclosure>;
  grant(options?: GrantOptions): void;
  deny(options?: DenyOptions): void;
  revoke(): void;
  onChange(listener: (decision: PolicyDecision) => void): () => void;
}

declare global {
  interface Window {
    perch?: PerchGlobal;
  }
}

/** Install `window.perch` once (every widget chunk calls this; the first wins). */
export function installGlobalApi(): void {
  if (window.perch !== undefined) return;
  window.perch = {
    policy,
    disclosure,
    grant: (options) => getConsentCore().grant(options),
    deny: (options) => getConsentCore().deny(options),
    revoke: () => getConsentCore().revoke(),
    onChange: (listener) => getConsentCore().onChange(() => listener(policy())),
  };
}
