import { preloadConsentPlaceholder } from '../../src/consent/consent-controller.js';
// Consent platforms and browser signals: IAB TCF v2.2 and GPP stubs that follow the CMP
// API specifications, GPC and DNT emulated, the WordPress Consent API, and broken platforms.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { ConsentController } from '../../src/consent/consent-controller.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { policy } from '../../src/consent/index.js';
import { browserCookies, requestsAfter, requestsSoFar, watchRequests } from './support/fixtures.js';

const PROBE_ORIGIN = 'http://127.0.0.1:9';

class SignalProbe extends LitElement {
  static override styles = css`
    :host {
      display: block;
      block-size: 200px;
    }
  `;
  readonly consent = new ConsentController(this, { purpose: 'content', firstParty: false });
  override render() {
    if (!this.consent.allowed) return this.consent.renderPlaceholder({ what: 'A post', from: 'X (x.com)' });
    return html`<p part="content">Loaded</p>
      <img alt="" src=${`${PROBE_ORIGIN}/signal-probe.png?dnt=${this.consent.effectiveDnt()}`} />`;
  }
}
customElements.define('signal-probe', SignalProbe);

const loaded = (el: SignalProbe): boolean => el.shadowRoot!.querySelector('[part="content"]') !== null;

type Win = Window & Record<string, unknown>;
const win = window as unknown as Win;

// --- An IAB TCF v2.2 CMP stub (CMP API v2.2: addEventListener / removeEventListener). ---
interface TcData {
  tcString: string;
  eventStatus: 'tcloaded' | 'cmpuishown' | 'useractioncomplete';
  cmpStatus: 'loaded';
  gdprApplies: boolean;
  listenerId?: number;
  purpose: { consents: Record<number, boolean>; legitimateInterests: Record<number, boolean> };
  vendor: { consents: Record<number, boolean>; legitimateInterests: Record<number, boolean> };
  publisher: { consents: Record<number, boolean> };
}
type TcfCallback = (tcData: TcData | boolean, success: boolean) => void;

function tcData(partial: Partial<TcData>): TcData {
  return {
    tcString: 'CP-stub',
    eventStatus: 'tcloaded',
    cmpStatus: 'loaded',
    gdprApplies: true,
    purpose: { consents: {}, legitimateInterests: {} },
    vendor: { consents: {}, legitimateInterests: {} },
    publisher: { consents: {} },
    ...partial,
  };
}

/** Installs `__tcfapi`; `emit` sends a tcData to every listener. */
function installTcf(initial: TcData | undefined): { emit(d: TcData): void; removed: number[] } {
  const listeners = new Map<number, TcfCallback>();
  const removed: number[] = [];
  let next = 1;
  win['__tcfapi'] = (command: string, version: number, callback: TcfCallback, parameter?: number): void => {
    if (version !== 2) return callback(false, false);
    if (command === 'addEventListener') {
      const id = next++;
      listeners.set(id, callback);
      if (initial !== undefined) callback({ ...initial, listenerId: id }, true);
    } else if (command === 'removeEventListener') {
      removed.push(parameter!);
      callback(listeners.delete(parameter!), true);
    }
  };
  return {
    emit(d) {
      for (const [id, cb] of listeners) cb({ ...d, listenerId: id }, true);
    },
    removed,
  };
}

// --- An IAB GPP v1.1 CMP stub. ---
function installGpp(pingData: Record<string, unknown>): void {
  win['__gpp'] = (command: string, callback?: (data: unknown, success: boolean) => void): unknown => {
    if (command === 'addEventListener') {
      callback?.({ eventName: 'listenerRegistered', listenerId: 1, data: true, pingData: { ...pingData, signalStatus: 'not ready' } }, true);
      setTimeout(() => callback?.({ eventName: 'signalStatus', listenerId: 1, data: 'ready', pingData }, true), 10);
      return undefined;
    }
    if (command === 'removeEventListener') {
      callback?.(true, true);
      return undefined;
    }
    return undefined;
  };
}

const USNAT_OPTED_OUT = {
  gppVersion: '1.1',
  cmpStatus: 'loaded',
  cmpDisplayStatus: 'hidden',
  signalStatus: 'ready',
  supportedAPIs: ['7:usnat'],
  cmpId: 31,
  sectionList: [7],
  applicableSections: [7],
  gppString: 'DBABLA~BVQqAAAAAgA.QA',
  parsedSections: { usnat: { Version: 1, SaleOptOut: 1, SharingOptOut: 1, TargetedAdvertisingOptOut: 0 } },
};

function setNavigator(name: string, value: unknown): void {
  Object.defineProperty(navigator, name, { value, configurable: true });
}

/** Waits until every consent platform on the page has answered (their adapters load on demand), and the probe re-rendered. */
async function settle(el?: SignalProbe): Promise<void> {
  await getConsentCore().whenSettled();
  await el?.updateComplete;
}


before(() => preloadConsentPlaceholder());

describe('consent signals', () => {
  let uncaught: unknown[] = [];
  const onError = (e: ErrorEvent): void => void uncaught.push(e.error ?? e.message);
  function cleanUp(): void {
    resetConsentCoreForTests();
    document.cookie = 'perch_consent=; Max-Age=0; path=/';
    for (const key of ['__tcfapi', '__gpp', 'wp_has_consent', 'wp_consent_type']) delete win[key];
    delete (navigator as unknown as Record<string, unknown>)['globalPrivacyControl'];
    delete (navigator as unknown as Record<string, unknown>)['doNotTrack'];
    window.PerchConfig = { consent: { timeoutMs: 150 } };
  }
  beforeEach(() => {
    cleanUp();
    uncaught = [];
    window.addEventListener('error', onError);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    expect(uncaught, 'nothing reached window.onerror').to.deep.equal([]);
    cleanUp();
    delete window.PerchConfig;
  });

  describe('IAB TCF v2.2', () => {
    it('purpose 1 plus the configured vendor grants content; purposes 3 and 4 also allow tailoring', async () => {
      window.PerchConfig = { consent: { tcfVendorId: 123, timeoutMs: 150 } };
      const cmp = installTcf(tcData({ purpose: { consents: { 1: true }, legitimateInterests: {} }, vendor: { consents: { 123: true }, legitimateInterests: {} } }));
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await settle(el);
      expect(loaded(el)).to.equal(true);
      expect(policy().content).to.deep.equal({ granted: true, decidedBy: 'tcf' });
      expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'tcf' });
      expect(await browserCookies()).to.deep.equal([]);

      resetConsentCoreForTests();
      expect(cmp.removed, 'the listener is removed with its listenerId').to.deep.equal([1]);
      installTcf(tcData({ purpose: { consents: { 1: true, 3: true, 4: true }, legitimateInterests: {} }, vendor: { consents: { 123: true }, legitimateInterests: {} } }));
      await settle();
      expect(getConsentCore().policy().tailoring).to.deep.equal({ allowed: true, decidedBy: 'tcf' });
      expect(getConsentCore().effectiveDnt(false)).to.equal(false);
    });

    it('without the vendor\'s consent content stays a placeholder, and nothing leaves the page', async () => {
      await watchRequests();
      window.PerchConfig = { consent: { tcfVendorId: 123, timeoutMs: 150 } };
      installTcf(tcData({ purpose: { consents: { 1: true }, legitimateInterests: {} }, vendor: { consents: { 999: true }, legitimateInterests: {} } }));
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await settle(el);
      expect(loaded(el)).to.equal(false);
      expect(getConsentCore().state).to.equal('denied');
      expect((await requestsSoFar()).filter((u) => !u.startsWith(location.origin))).to.deep.equal([]);
    });

    it('without a vendor id, publisher consent for purpose 1 is needed', async () => {
      installTcf(tcData({ purpose: { consents: { 1: true }, legitimateInterests: {} } }));
      await settle();
      expect(getConsentCore().allows('content')).to.equal(false);
      resetConsentCoreForTests();
      installTcf(tcData({ purpose: { consents: { 1: true }, legitimateInterests: {} }, publisher: { consents: { 1: true } } }));
      await settle();
      expect(getConsentCore().allows('content')).to.equal(true);
    });

    it('ignores cmpuishown and acts on useractioncomplete', async () => {
      const cmp = installTcf(tcData({ eventStatus: 'cmpuishown' }));
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      expect(policy().content.decidedBy).to.equal('pending');
      await settle(el); // the platform timed out: still a placeholder
      expect(loaded(el)).to.equal(false);
      expect(policy().content.decidedBy).to.equal('default');
      cmp.emit(tcData({ eventStatus: 'useractioncomplete', purpose: { consents: { 1: true }, legitimateInterests: {} }, publisher: { consents: { 1: true } } }));
      await el.updateComplete;
      expect(loaded(el)).to.equal(true);
      expect(await browserCookies()).to.deep.equal([]);
    });

    it('a later user action in the CMP overrides an earlier revoke on the page', async () => {
      const cmp = installTcf(tcData({ purpose: { consents: { 1: true }, legitimateInterests: {} }, publisher: { consents: { 1: true } } }));
      const core = getConsentCore();
      await settle();
      expect(core.allows('content')).to.equal(true);
      core.revoke();
      expect(core.state).to.equal('unknown');
      cmp.emit(tcData({ eventStatus: 'useractioncomplete', purpose: { consents: { 1: true }, legitimateInterests: {} }, publisher: { consents: { 1: true } } }));
      expect(core.state).to.equal('granted');
    });

    it('mode auto: gdprApplies false means consent does not apply', async () => {
      window.PerchConfig = { consent: { mode: 'auto', timeoutMs: 150 } };
      installTcf(tcData({ gdprApplies: false }));
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await settle(el);
      expect(loaded(el)).to.equal(true);
      expect(policy()).to.deep.include({ consentApplies: false, content: { granted: true, decidedBy: 'mode' } });
    });

    it('mode auto: gdprApplies true without consent keeps the placeholder', async () => {
      window.PerchConfig = { consent: { mode: 'auto', timeoutMs: 150 } };
      installTcf(tcData({ gdprApplies: true }));
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await settle(el);
      expect(loaded(el)).to.equal(false);
      expect(policy().consentApplies).to.equal(true);
    });

    it('a CMP that throws leaves placeholders and never reaches window.onerror', async () => {
      win['__tcfapi'] = (): void => {
        throw new Error('CMP exploded');
      };
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await getConsentCore().whenSettled();
      expect(loaded(el)).to.equal(false);
      expect(el.shadowRoot!.querySelector('[part="consent"]')).to.exist;
    });

    it('a CMP whose callback data is malformed is ignored', async () => {
      win['__tcfapi'] = (_c: string, _v: number, cb: (d: unknown, s: boolean) => void): void => cb({ eventStatus: 'tcloaded', purpose: 7, vendor: null }, true);
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      expect(loaded(el)).to.equal(false);
    });

    it('a CMP that never answers is waited for until the timeout; then the remembered choice decides', async () => {
      document.cookie = 'perch_consent=v1.content.tailoring; path=/';
      win['__tcfapi'] = (): void => undefined;
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      expect(loaded(el)).to.equal(false);
      expect(policy().content.decidedBy).to.equal('pending');
      await getConsentCore().whenSettled();
      await el.updateComplete;
      // Silence is no answer: the visitor's own remembered choice then decides.
      expect(policy().content.decidedBy).to.equal('cookie');
      expect(loaded(el)).to.equal(true);
    });

    it('a CMP that never answers, with no remembered choice, leaves placeholders', async () => {
      win['__tcfapi'] = (): void => undefined;
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await getConsentCore().whenSettled();
      await el.updateComplete;
      expect(loaded(el)).to.equal(false);
      expect(policy().content).to.deep.equal({ granted: false, decidedBy: 'default' });
    });
  });

  describe('IAB GPP', () => {
    it('mode auto with only a US section: no consent needed, but the sale/sharing opt-out turns tailoring off', async () => {
      await watchRequests();
      window.PerchConfig = { consent: { mode: 'auto', timeoutMs: 150 } };
      installGpp(USNAT_OPTED_OUT);
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      expect(loaded(el)).to.equal(false); // GPP not ready yet
      await getConsentCore().whenSettled();
      await el.updateComplete;
      expect(loaded(el)).to.equal(true);
      expect(policy()).to.deep.include({ consentApplies: false, content: { granted: true, decidedBy: 'mode' }, tailoring: { allowed: false, decidedBy: 'gpp' } });
      expect(getConsentCore().effectiveDnt(false)).to.equal(true);
      const probes = (await requestsAfter(PROBE_ORIGIN)).filter((u) => u.startsWith(PROBE_ORIGIN));
      expect(probes.length).to.be.greaterThan(0);
      expect(probes.every((u) => u.includes('dnt=true'))).to.equal(true);
    });

    it('mode auto with the EU TCF section applicable: consent applies', async () => {
      window.PerchConfig = { consent: { mode: 'auto', timeoutMs: 150 } };
      installGpp({ ...USNAT_OPTED_OUT, applicableSections: [2], parsedSections: {} });
      await getConsentCore().whenSettled();
      expect(policy()).to.deep.include({ consentApplies: true, content: { granted: false, decidedBy: 'default' } });
    });

    it('mode required: a granted visitor with a GPP opt-out still gets no tailoring', async () => {
      installGpp(USNAT_OPTED_OUT);
      await getConsentCore().whenSettled();
      getConsentCore().grant();
      expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'gpp' });
      installGpp({ ...USNAT_OPTED_OUT, parsedSections: { usnat: { SaleOptOut: 2, SharingOptOut: 2 } } });
      resetConsentCoreForTests();
      await getConsentCore().whenSettled();
      getConsentCore().grant();
      expect(policy().tailoring.allowed).to.equal(true);
    });
  });

  describe('Global Privacy Control and Do Not Track', () => {
    it('navigator.globalPrivacyControl turns tailoring off', () => {
      setNavigator('globalPrivacyControl', true);
      getConsentCore().grant();
      expect(policy().content.granted).to.equal(true);
      expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'gpc' });
      expect(getConsentCore().effectiveDnt(false)).to.equal(true);
    });

    it("navigator.doNotTrack === '1' turns tailoring off", () => {
      setNavigator('doNotTrack', '1');
      getConsentCore().grant();
      expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'dnt' });
    });

    it("doNotTrack '0' and no GPC leave tailoring to the visitor's grant", () => {
      setNavigator('doNotTrack', '0');
      setNavigator('globalPrivacyControl', false);
      getConsentCore().grant();
      expect(policy().tailoring).to.deep.equal({ allowed: true, decidedBy: 'api' });
    });
  });

  describe('WordPress Consent API', () => {
    it('follows wp_has_consent("marketing") and its change event', async () => {
      let marketing = false;
      win['wp_consent_type'] = 'optin';
      win['wp_has_consent'] = (category: string): boolean => category === 'marketing' && marketing;
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await settle(el);
      expect(loaded(el)).to.equal(false);
      expect(policy().content).to.deep.equal({ granted: false, decidedBy: 'wp-consent' });
      marketing = true;
      document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: { marketing: 'allow' } }));
      await el.updateComplete;
      expect(loaded(el)).to.equal(true);
      expect(await browserCookies()).to.deep.equal([]);
      marketing = false;
      document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: { marketing: 'deny' } }));
      await el.updateComplete;
      expect(loaded(el)).to.equal(false);
    });

    it('a wp_has_consent that throws leaves placeholders', async () => {
      win['wp_has_consent'] = (): boolean => {
        throw new Error('broken plugin');
      };
      const el = await fixture<SignalProbe>(html`<signal-probe></signal-probe>`);
      await getConsentCore().whenSettled();
      expect(loaded(el)).to.equal(false);
    });
  });
});
