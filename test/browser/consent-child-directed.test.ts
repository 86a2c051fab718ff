import { preloadConsentPlaceholder } from '../../src/consent/consent-controller.js';
// The under-13 switch (R4): dnt=true on everything whatever an element says, no cookie and
// no storage ever (only "Load this once" is offered), and no way for an element to undo it.
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { property } from 'lit/decorators.js';
import { ConsentController } from '../../src/consent/consent-controller.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { disclosure, policy } from '../../src/consent/index.js';
import '../../src/consent/consent-settings.js';
import type { PerchConsentSettings } from '../../src/consent/consent-settings.component.js';
import { browserCookies, requestsAfter, watchRequests } from './support/fixtures.js';

const PROBE_ORIGIN = 'http://127.0.0.1:9';

/** A stand-in widget whose own `dnt` attribute asks for tailoring (`dnt="false"`). */
class ChildProbe extends LitElement {
  static override styles = css`
    :host {
      display: block;
      block-size: 260px;
    }
  `;
  @property() dnt: string | undefined;
  readonly consent = new ConsentController(this, { purpose: 'content', firstParty: false });
  override render() {
    if (!this.consent.allowed) return this.consent.renderPlaceholder({ what: 'A post', from: 'X (x.com)' });
    const dnt = this.consent.effectiveDnt(this.dnt === 'true');
    return html`<p part="content">Loaded</p>
      <img alt="" src=${`${PROBE_ORIGIN}/child-probe.png?dnt=${dnt}`} />`;
  }
}
customElements.define('child-probe', ChildProbe);

const loaded = (el: Element): boolean => el.shadowRoot!.querySelector('[part="content"]') !== null;
const button = (el: Element, which: string): HTMLButtonElement | null => el.shadowRoot!.querySelector(`button[data-consent="${which}"]`);

async function nothingStored(): Promise<void> {
  expect(await browserCookies(), 'cookies').to.deep.equal([]);
  expect(document.cookie).to.equal('');
  expect(localStorage.length, 'localStorage').to.equal(0);
  expect(sessionStorage.length, 'sessionStorage').to.equal(0);
  expect(await indexedDB.databases(), 'IndexedDB').to.deep.equal([]);
}

function addMeta(name: string, content: string): void {
  const meta = document.createElement('meta');
  meta.name = name;
  meta.content = content;
  meta.dataset['consentTest'] = '';
  document.head.append(meta);
}

before(() => preloadConsentPlaceholder());

describe('child-directed (under 13)', () => {
  function cleanUp(): void {
    resetConsentCoreForTests();
    document.cookie = 'perch_consent=; Max-Age=0; path=/';
    document.querySelectorAll('meta[data-consent-test]').forEach((m) => m.remove());
    delete window.PerchConfig;
  }
  beforeEach(cleanUp);
  afterEach(cleanUp);

  for (const [how, setUp, by] of [
    ['<meta name="twitter:dnt" content="on">', () => addMeta('twitter:dnt', 'on'), 'meta:twitter:dnt'],
    ['<meta name="perch:child-directed" content="on">', () => addMeta('perch:child-directed', 'on'), 'meta:perch:child-directed'],
    ['configuration', () => (window.PerchConfig = { consent: { childDirected: true } }), 'config'],
  ] as const) {
    it(`switched on by ${how}: no cookie, no storage, dnt=true on every request, whatever is pressed`, async () => {
      setUp();
      await watchRequests();
      const el = await fixture<ChildProbe>(html`<child-probe dnt="false"></child-probe>`);
      const settings = await fixture<PerchConsentSettings>(html`<perch-consent-settings></perch-consent-settings>`);
      expect(getConsentCore().isChildDirected()).to.equal(true);
      expect(policy()).to.deep.include({ childDirected: true, childDirectedBy: by });
      expect(button(el, 'always'), '"Always allow" is not offered').to.equal(null);
      expect(button(el, 'once')).to.exist;
      expect(getConsentCore().effectiveDnt(false)).to.equal(true);
      await nothingStored();

      button(el, 'once')!.click();
      await el.updateComplete;
      expect(loaded(el)).to.equal(true);
      await nothingStored();

      // The settings element offers only a page-lifetime allow, and the API refuses to store.
      await settings.updateComplete;
      expect(button(settings, 'always')).to.equal(null);
      button(settings, 'revoke')!.click();
      await settings.updateComplete;
      button(settings, 'once')!.click();
      getConsentCore().grant({ remember: true });
      getConsentCore().deny({ remember: true });
      getConsentCore().grant({ remember: true });
      await el.updateComplete;
      expect(loaded(el)).to.equal(true);
      expect(policy().stored).to.equal(false);
      expect(policy().tailoring).to.deep.equal({ allowed: false, decidedBy: 'child-directed' });
      expect(getConsentCore().effectiveDnt(false)).to.equal(true);
      await nothingStored();

      const leaving = (await requestsAfter(PROBE_ORIGIN)).filter((u) => !u.startsWith(location.origin));
      expect(leaving.length).to.be.greaterThan(0);
      for (const url of leaving) expect(new URL(url).searchParams.get('dnt'), url).to.equal('true');
    });
  }

  it('cannot be switched off: configuration false does not override the meta tag, and it latches', () => {
    addMeta('twitter:dnt', 'on');
    window.PerchConfig = { consent: { childDirected: false } };
    const core = getConsentCore();
    expect(core.isChildDirected()).to.equal(true);
    document.querySelectorAll('meta[data-consent-test]').forEach((m) => m.remove());
    expect(core.isChildDirected()).to.equal(true);
    expect(core.effectiveDnt(false)).to.equal(true);
  });

  it('a meta tag set to anything but "on" does not switch it on', () => {
    addMeta('twitter:dnt', 'off');
    expect(getConsentCore().isChildDirected()).to.equal(false);
  });

  it('a cookie left from before is read but never rewritten, only deleted; disclosure lists no cookie', () => {
    document.cookie = 'perch_consent=v1.content; path=/';
    window.PerchConfig = { consent: { childDirected: true } };
    const core = getConsentCore();
    expect(core.policy().content).to.deep.equal({ granted: true, decidedBy: 'cookie' });
    core.grant({ remember: true, tailoring: true });
    expect(document.cookie).to.equal('perch_consent=v1.content');
    // Refusing deletes the old grant (deleting stores nothing) and writes no refusal.
    core.deny({ remember: true });
    expect(document.cookie).to.equal('');
    expect(disclosure().cookies).to.deep.equal([]);
    expect(disclosure().text).to.contain('children under 13');
  });

  it('placeholder and settings are accessible', async () => {
    addMeta('perch:child-directed', 'on');
    const el = await fixture<ChildProbe>(html`<child-probe></child-probe>`);
    await expect(el).to.be.accessible();
    const settings = await fixture<PerchConsentSettings>(html`<perch-consent-settings></perch-consent-settings>`);
    await expect(settings).to.be.accessible();
    expect(settings.shadowRoot!.textContent).to.contain('This site is for children');
  });
});
