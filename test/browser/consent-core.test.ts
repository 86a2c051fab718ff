import { preloadConsentPlaceholder } from '../../src/consent/consent-controller.js';
// The consent core in a real page: nothing requested or stored before consent, "Load this
// once" stores nothing, "Always allow" stores exactly one cookie, revoke undoes it at once.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ConsentController } from '../../src/consent/consent-controller.js';
import { getConsentCore, resetConsentCoreForTests, type PerchConsentChangeEvent } from '../../src/consent/consent-core.js';
import { disclosure, policy, type PolicyDecision } from '../../src/consent/index.js';
import '../../src/consent/consent-settings.js';
import type { PerchConsentSettings } from '../../src/consent/consent-settings.component.js';
import '../../src/consent/disclosure.js';
import { browserCookies, requestsAfter, requestsSoFar, until, watchRequests } from './support/fixtures.js';

const PROBE_ORIGIN = 'http://127.0.0.1:9';

/** A stand-in widget: loads an image from another origin only when consent allows it. */
class CoreProbe extends LitElement {
  static override styles = css`
    :host {
      display: block;
      inline-size: 400px;
      block-size: 300px;
    }
  `;
  @property({ type: Boolean, attribute: 'first-party' }) firstParty = false;
  readonly consent = new ConsentController(this, { purpose: 'content', firstParty: false });
  override willUpdate(): void {
    this.consent.firstParty = this.firstParty;
  }
  override render() {
    if (!this.consent.allowed) return this.consent.renderPlaceholder({ what: 'A post', from: 'X (x.com)' });
    return html`<p part="content">Loaded</p>
      <img alt="" src=${`${PROBE_ORIGIN}/core-probe.png?dnt=${this.consent.effectiveDnt()}&fp=${this.firstParty}`} />`;
  }
}
customElements.define('core-probe', CoreProbe);

function loaded(el: CoreProbe): boolean {
  return el.shadowRoot!.querySelector('[part="content"]') !== null;
}
function placeholder(el: Element): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>('[part="consent"]');
}
function button(root: Element, which: string): HTMLButtonElement | null {
  return root.shadowRoot!.querySelector<HTMLButtonElement>(`button[data-consent="${which}"]`);
}
async function storage(): Promise<{ cookie: string; local: number; session: number; idb: number }> {
  return { cookie: document.cookie, local: localStorage.length, session: sessionStorage.length, idb: (await indexedDB.databases()).length };
}
const NOTHING_STORED = { cookie: '', local: 0, session: 0, idb: 0 };
function offOrigin(urls: string[]): string[] {
  return urls.filter((u) => !u.startsWith(location.origin));
}
function clearCookie(): void {
  document.cookie = 'perch_consent=; Max-Age=0; path=/';
}


before(() => preloadConsentPlaceholder());

describe('consent core', () => {
  beforeEach(() => {
    resetConsentCoreForTests();
    clearCookie();
    delete window.PerchConfig;
  });
  afterEach(() => {
    resetConsentCoreForTests();
    clearCookie();
    delete window.PerchConfig;
  });

  it('before consent: placeholder, no request off the page origin, no cookie, no storage', async () => {
    await watchRequests();
    const el = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    await until(() => placeholder(el) !== null, 5000, 'the placeholder');
    expect(loaded(el)).to.equal(false);
    expect(placeholder(el)).to.exist;
    expect(getConsentCore().state).to.equal('unknown');
    expect(policy().content).to.deep.equal({ granted: false, decidedBy: 'default' });
    expect(offOrigin(await requestsSoFar())).to.deep.equal([]);
    expect(await browserCookies()).to.deep.equal([]);
    expect(await storage()).to.deep.equal(NOTHING_STORED);
  });

  it('"Load this once" loads content and writes no cookie', async () => {
    await watchRequests();
    const el = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    button(el, 'once')!.click();
    await el.updateComplete;
    expect(loaded(el)).to.equal(true);
    expect(getConsentCore().state).to.equal('granted');
    expect(policy()).to.include({ stored: false });
    expect(policy().content.decidedBy).to.equal('api');
    expect((await requestsAfter(`${PROBE_ORIGIN}/core-probe.png`)).some((u) => u.startsWith(`${PROBE_ORIGIN}/core-probe.png`))).to.equal(true);
    expect(await browserCookies()).to.deep.equal([]);
    expect(await storage()).to.deep.equal(NOTHING_STORED);
    // A new page (a fresh core) asks again.
    resetConsentCoreForTests();
    expect(getConsentCore().state).to.equal('unknown');
  });

  it('"Always allow" writes exactly one first-party cookie, SameSite=Lax, for 180 days', async () => {
    const el = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    button(el, 'always')!.click();
    await el.updateComplete;
    expect(loaded(el)).to.equal(true);
    const cookies = await browserCookies();
    expect(cookies.map((c) => c.name)).to.deep.equal(['perch_consent']);
    const [cookie] = cookies;
    expect(cookie!.value).to.equal('v1.content.tailoring');
    expect(cookie!.sameSite).to.equal('Lax');
    expect(cookie!.secure).to.equal(false); // the test page is http
    const days = (cookie!.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).to.be.within(179.9, 180.1);
    expect(localStorage.length + sessionStorage.length + (await indexedDB.databases()).length).to.equal(0);
    expect(policy().stored).to.equal(true);

    // The next page load remembers it.
    resetConsentCoreForTests();
    expect(getConsentCore().policy().content).to.deep.equal({ granted: true, decidedBy: 'cookie' });
    const next = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    expect(loaded(next)).to.equal(true);
  });

  it('revoke() deletes the cookie and turns loaded widgets back into placeholders at once', async () => {
    const a = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    const b = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    getConsentCore().grant({ remember: true });
    await a.updateComplete;
    expect(loaded(a) && loaded(b)).to.equal(true);
    expect(document.cookie).to.contain('perch_consent=');

    const heard: PolicyDecision[] = [];
    const events: PerchConsentChangeEvent[] = [];
    const onEvent = (e: PerchConsentChangeEvent): void => void events.push(e);
    document.addEventListener('perch-consent-change', onEvent);
    getConsentCore().onChange((p) => heard.push(p));
    getConsentCore().revoke();
    document.removeEventListener('perch-consent-change', onEvent);
    // Listeners hear it synchronously, before revoke() returns.
    expect(heard).to.have.length(1);
    expect(heard[0]!.content.granted).to.equal(false);
    expect(events).to.have.length(1);
    expect(events[0]!.state).to.equal('unknown');
    expect(document.cookie).to.equal('');
    await a.updateComplete;
    await b.updateComplete;
    expect(loaded(a) || loaded(b)).to.equal(false);
    expect(placeholder(a)).to.exist;
    expect(placeholder(b)).to.exist;
    expect(await browserCookies()).to.deep.equal([]);
  });

  it('<perch-consent-settings> shows the state and revokes with its button', async () => {
    const probe = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    const settings = await fixture<PerchConsentSettings>(html`<perch-consent-settings></perch-consent-settings>`);
    const stateText = (): string => settings.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim();
    expect(stateText()).to.equal('Content from X loads only when you allow it.');
    expect(button(settings, 'revoke')!.disabled).to.equal(true);

    button(settings, 'always')!.click();
    await settings.updateComplete;
    await probe.updateComplete;
    expect(stateText()).to.equal('Content from X is always allowed on this site.');
    expect(loaded(probe)).to.equal(true);
    expect((await browserCookies()).map((c) => c.name)).to.deep.equal(['perch_consent']);

    button(settings, 'revoke')!.click();
    await settings.updateComplete;
    await probe.updateComplete;
    expect(stateText()).to.equal('Content from X loads only when you allow it.');
    expect(loaded(probe)).to.equal(false);
    expect(await browserCookies()).to.deep.equal([]);
  });

  it('treats a corrupted cookie as unknown, removes it, and replaces it on "Always allow"', async () => {
    document.cookie = 'perch_consent=v9.%7Bgarbage; path=/';
    expect(getConsentCore().state).to.equal('unknown');
    expect(policy().stored).to.equal(false);
    expect(document.cookie).to.equal('');
    const el = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    expect(placeholder(el)).to.exist;
    button(el, 'always')!.click();
    expect(document.cookie).to.equal('perch_consent=v1.content.tailoring');
  });

  it('removes a cookie value that cannot even be decoded (%E0%A4%A)', () => {
    document.cookie = 'perch_consent=%E0%A4%A; path=/';
    expect(getConsentCore().state).to.equal('unknown');
    expect(document.cookie).to.equal('');
  });

  it('mode not-required: content loads without asking and nothing is stored; deny() still blocks', async () => {
    window.PerchConfig = { consent: { mode: 'not-required' } };
    const el = await fixture<CoreProbe>(html`<core-probe></core-probe>`);
    expect(loaded(el)).to.equal(true);
    expect(policy()).to.deep.include({ mode: 'not-required', consentApplies: false, content: { granted: true, decidedBy: 'mode' } });
    expect(await browserCookies()).to.deep.equal([]);
    getConsentCore().deny();
    await el.updateComplete;
    expect(loaded(el)).to.equal(false);
    expect(getConsentCore().state).to.equal('denied');
  });

  it('first-party content renders before consent unless the publisher turns that off', async () => {
    const fp = await fixture<CoreProbe>(html`<core-probe first-party></core-probe>`);
    expect(loaded(fp)).to.equal(true);
    expect(getConsentCore().allows('content')).to.equal(false);
    resetConsentCoreForTests();
    window.PerchConfig = { consent: { firstPartyBeforeConsent: false } };
    const off = await fixture<CoreProbe>(html`<core-probe first-party></core-probe>`);
    expect(loaded(off)).to.equal(false);
  });

  it('effectiveDnt: on until tailoring is allowed; an element can only turn it on', () => {
    const core = getConsentCore();
    expect(core.effectiveDnt(false)).to.equal(true);
    core.grant();
    expect(core.allows('tailoring')).to.equal(true);
    expect(core.effectiveDnt(false)).to.equal(false);
    expect(core.effectiveDnt(true)).to.equal(true);
    core.grant({ tailoring: false });
    expect(core.effectiveDnt()).to.equal(true);
    expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'api' });
  });

  it('deny() forgets a remembered grant; deny({remember}) stores the refusal', async () => {
    const core = getConsentCore();
    core.grant({ remember: true });
    core.deny();
    expect(document.cookie).to.equal('');
    core.deny({ remember: true });
    expect(document.cookie).to.equal('perch_consent=v1.denied');
    resetConsentCoreForTests();
    expect(getConsentCore().state).to.equal('denied');
    expect(policy().content.decidedBy).to.equal('cookie');
  });

  it('disclosure() and <perch-disclosure> list hosts, the one cookie and the honoured signals', async () => {
    const d = disclosure();
    expect(d.cookies).to.deep.equal([{ name: 'perch_consent', purpose: d.cookies[0]!.purpose, maxAgeDays: 180 }]);
    expect(d.hosts).to.include('pbs.twimg.com');
    expect(d.honours).to.include.members(['Do Not Track', 'Global Privacy Control']);
    expect(d.text).to.contain('Do Not Track').and.contain('perch_consent');
    const el = await fixture(html`<perch-disclosure></perch-disclosure>`);
    const items = [...el.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.trim());
    expect(items).to.include('pbs.twimg.com');
    expect(items.some((t) => t.startsWith('perch_consent:') && t.includes('180 days'))).to.equal(true);
    expect(items).to.include('Global Privacy Control');
    await expect(el).to.be.accessible();
  });

  it('<perch-consent-settings> is accessible in every state', async () => {
    const el = await fixture<PerchConsentSettings>(html`<perch-consent-settings></perch-consent-settings>`);
    await expect(el).to.be.accessible();
    getConsentCore().grant({ remember: true });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });
});
