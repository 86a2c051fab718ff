import { expect } from '@open-wc/testing';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';

// The TCF, GPP and WordPress readers are loaded only on pages that have that platform,
// so a page without a consent platform never downloads them. This file runs in its own
// page: nothing else has imported the adapters before these tests.

const win = window as unknown as Record<string, unknown>;
const ADAPTER = /\/consent\/signals\/(tcf|gpp|wp-consent)\./;

/** Adapter modules this page has fetched since it opened (resource timing covers module imports). */
function adapterRequests(): string[] {
  return performance.getEntriesByType('resource').map((e) => e.name).filter((u) => ADAPTER.test(u));
}

describe('consent platform adapters load on demand', () => {
  afterEach(() => {
    resetConsentCoreForTests();
    for (const key of ['__tcfapi', 'wp_has_consent']) delete win[key];
    delete window.PerchConfig;
  });

  it('a page without a consent platform decides at once and downloads no adapter', async () => {
    window.PerchConfig = { consent: { timeoutMs: 150 } };
    const core = getConsentCore();
    expect(core.policy().content).to.deep.equal({ granted: false, decidedBy: 'default' });
    await core.whenSettled();
    expect(adapterRequests()).to.deep.equal([]);
  });

  it('with __tcfapi on the page, the decision waits for the TCF reader, which then decides', async () => {
    window.PerchConfig = { consent: { timeoutMs: 1000 } };
    win['__tcfapi'] = (command: string, _version: number, callback: (data: unknown, ok: boolean) => void): void => {
      if (command === 'addEventListener') {
        callback({ eventStatus: 'tcloaded', listenerId: 1, gdprApplies: true, purpose: { consents: { 1: true } }, publisher: { consents: { 1: true } } }, true);
      }
    };
    const core = getConsentCore();
    expect(core.policy().content.decidedBy, 'pending while the reader loads').to.equal('pending');
    expect(core.allows('content')).to.equal(false);
    await core.whenSettled();
    expect(core.policy().content).to.deep.equal({ granted: true, decidedBy: 'tcf' });
    const seen = adapterRequests();
    expect(seen.some((u) => u.includes('/signals/tcf.'))).to.equal(true);
    expect(seen.some((u) => u.includes('/signals/gpp.')), 'GPP is not on the page').to.equal(false);
  });

  it('a WordPress Consent API that appears later is heard through its change event', async () => {
    window.PerchConfig = { consent: { timeoutMs: 150 } };
    const core = getConsentCore();
    await core.whenSettled();
    expect(core.allows('content')).to.equal(false);
    win['wp_has_consent'] = (category: string): boolean => category === 'marketing';
    const changed = new Promise<void>((resolve) => document.addEventListener('perch-consent-change', () => resolve(), { once: true }));
    document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: { marketing: 'allow' } }));
    await changed;
    await core.whenSettled();
    expect(core.policy().content).to.deep.equal({ granted: true, decidedBy: 'wp-consent' });
  });
});
