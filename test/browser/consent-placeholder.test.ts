import { preloadConsentPlaceholder } from '../../src/consent/consent-controller.js';
// The consent placeholder a widget shows before consent: what and from whom, X's privacy
// and opt-out links, two real buttons, keyboard use, the publisher's slot, size, language.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, css } from 'lit';
import { ConsentController } from '../../src/consent/consent-controller.js';
import { LocalizeController } from '../../src/i18n/localize-controller.js';
import { videoMsg } from '../../src/video/video-i18n.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { X_ADS_OPT_OUT_URL, X_PRIVACY_URL } from '../../src/consent/index.js';
import { browserCookies } from './support/fixtures.js';

class PlaceholderProbe extends LitElement {
  static override styles = css`
    :host {
      display: block;
      inline-size: 420px;
      block-size: 320px;
    }
  `;
  readonly consent = new ConsentController(this, { purpose: 'content', firstParty: false });
  readonly l10n = new LocalizeController(this);
  override render() {
    if (!this.l10n.ready) return html``;
    if (!this.consent.allowed) return this.consent.renderPlaceholder({ what: videoMsg('consentWhat', this.l10n.lang), lang: this.l10n.lang });
    return html`<p part="content">Loaded</p>`;
  }
}
customElements.define('placeholder-probe', PlaceholderProbe);

const part = (el: Element): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part="consent"]')!;
const buttons = (el: Element): HTMLButtonElement[] => [...el.shadowRoot!.querySelectorAll('button')];
const loaded = (el: Element): boolean => el.shadowRoot!.querySelector('[part="content"]') !== null;

before(() => preloadConsentPlaceholder());

describe('consent placeholder', () => {
  beforeEach(() => {
    resetConsentCoreForTests();
    document.cookie = 'perch_consent=; Max-Age=0; path=/';
  });
  afterEach(() => {
    resetConsentCoreForTests();
    document.cookie = 'perch_consent=; Max-Age=0; path=/';
  });

  it('says what would load and that it comes from X (never which server delivers it), links to X’s privacy policy and ads opt-out, and offers two buttons', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    const box = part(el);
    expect(box.textContent).to.contain('A video from X');
    expect(box.textContent).to.contain('It is shown only after you allow it.');
    expect(box.getAttribute('aria-label')).to.equal('Content from X');
    expect(box.textContent).not.to.match(/localhost|127\.0\.0\.1|x\.com/);
    expect(box.textContent).to.contain('interest-based advertising');
    const links = [...box.querySelectorAll('a')].map((a) => [a.href, a.textContent!.trim()]);
    expect(links).to.deep.equal([
      [X_PRIVACY_URL, 'X’s privacy policy'],
      [X_ADS_OPT_OUT_URL, 'How to opt out of X’s personalised ads'],
    ]);
    expect(buttons(el).map((b) => [b.type, b.textContent!.trim()])).to.deep.equal([
      ['button', 'Load this once'],
      ['button', 'Always allow'],
    ]);
    expect(box.querySelector('slot[name="consent"]')).to.exist;
  });

  it('is styled through an adopted stylesheet, with no <style> element (so a strict CSP allows it)', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    const box = part(el);
    expect(el.shadowRoot!.querySelector('style'), 'no inline <style>').to.equal(null);
    expect(getComputedStyle(box).display).to.equal('flex');
    expect(getComputedStyle(box).paddingTop).to.not.equal('0px');
    // Rendering again (a consent change, a second placeholder) does not adopt the sheet twice.
    el.requestUpdate();
    await el.updateComplete;
    const sheets = el.shadowRoot!.adoptedStyleSheets;
    expect(new Set(sheets).size).to.equal(sheets.length);
  });

  it('is operable by keyboard: Tab reaches both links and buttons, Enter loads', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    const focusables = [...part(el).querySelectorAll<HTMLElement>('a[href], button')];
    expect(focusables).to.have.length(4);
    for (const f of focusables) {
      f.focus();
      expect(el.shadowRoot!.activeElement).to.equal(f);
    }
    buttons(el)[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(loaded(el)).to.equal(true);
    expect(await browserCookies()).to.deep.equal([]);
  });

  it('Space on "Always allow" stores the choice', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    buttons(el)[1]!.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(loaded(el)).to.equal(true);
    expect((await browserCookies()).map((c) => c.name)).to.deep.equal(['perch_consent']);
  });

  it('fills the box the widget reserves', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    const host = el.getBoundingClientRect();
    const box = part(el).getBoundingClientRect();
    expect(box.width).to.be.closeTo(host.width, 0.5);
    expect(box.height).to.be.closeTo(host.height, 0.5);
  });

  it('lets the publisher replace its text through the consent slot; the buttons stay', async () => {
    const el = await fixture<PlaceholderProbe>(
      html`<placeholder-probe><p slot="consent">Our own words about X and <a href="/privacy">our privacy policy</a>.</p></placeholder-probe>`,
    );
    const slot = part(el).querySelector<HTMLSlotElement>('slot[name="consent"]')!;
    expect(slot.assignedElements().map((e) => e.textContent)).to.deep.equal(['Our own words about X and our privacy policy.']);
    // The default text is not rendered.
    const defaultText = slot.querySelector('p')!;
    expect(defaultText.getClientRects().length).to.equal(0);
    expect(buttons(el)).to.have.length(2);
  });

  for (const [lang, once, always] of [
    ['es', 'Cargar solo esta vez', 'Permitir siempre'],
    ['fr', 'Charger cette fois', 'Toujours autoriser'],
    ['de', 'Einmal laden', 'Immer erlauben'],
    ['pt-BR', 'Carregar só desta vez', 'Sempre permitir'],
    ['pl', 'Wczytaj tylko tym razem', 'Zawsze zezwalaj'],
    ['ar', 'التحميل هذه المرة فقط', 'السماح دائمًا'],
    ['he', 'טעינה הפעם בלבד', 'לאפשר תמיד'],
  ] as const) {
    it(`is localised (${lang}), whole sentences in one language, right to left where it reads so`, async () => {
      const el = await fixture<PlaceholderProbe>(html`<placeholder-probe lang=${lang}></placeholder-probe>`);
      await waitUntil(() => el.shadowRoot!.querySelector('button') !== null, 'the strings load');
      expect(buttons(el).map((b) => b.textContent!.trim())).to.deep.equal([once, always]);
      const box = part(el);
      expect(box.textContent).not.to.contain('from X is');
      expect(box.dir).to.equal(['ar', 'he'].includes(lang) ? 'rtl' : 'ltr');
      expect(box.lang).to.equal(lang === 'pt-BR' ? 'pt' : lang);
      if (box.dir === 'rtl') {
        // The chrome mirrors: the first button sits at the right.
        const [first, second] = buttons(el).map((b) => b.getBoundingClientRect());
        expect(first!.left).to.be.greaterThan(second!.left);
      }
    });
  }

  it('has no accessibility violations, in English, German and Arabic', async () => {
    const el = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    await expect(el).to.be.accessible();
    const de = await fixture<PlaceholderProbe>(html`<placeholder-probe lang="de"></placeholder-probe>`);
    await waitUntil(() => de.shadowRoot!.querySelector('button') !== null, 'the strings load');
    await expect(de).to.be.accessible();
    const ar = await fixture<PlaceholderProbe>(html`<placeholder-probe lang="ar"></placeholder-probe>`);
    await waitUntil(() => ar.shadowRoot!.querySelector('button') !== null, 'the strings load');
    await expect(ar).to.be.accessible();
  });

  it('goes away in every widget at once when one is allowed', async () => {
    const a = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    const b = await fixture<PlaceholderProbe>(html`<placeholder-probe></placeholder-probe>`);
    buttons(a)[0]!.click();
    await a.updateComplete;
    await b.updateComplete;
    expect(loaded(a) && loaded(b)).to.equal(true);
    expect(getConsentCore().policy().stored).to.equal(false);
  });
});
