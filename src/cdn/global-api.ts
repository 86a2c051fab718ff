/** `window.perch` for script-tag pages: the consent API, `policy()` and `disclosure()`. */
import { getConsentCore, type DenyOptions, type GrantOptions } from '../consent/consent-core.js';
import type { Disclosure, PolicyDecision } from '../consent/policy-types.js';

const policy = (): PolicyDecision => getConsentCore().policy();
const disclosure = (): Disclosure => getConsentCore().disclosure();

/** The page-level API a script-tag publisher calls. */
export interface PerchGlobal {
  policy(): PolicyDecision;
  disclosure(): Disclosure;
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
