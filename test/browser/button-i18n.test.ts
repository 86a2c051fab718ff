import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/buttons/buttons.js';
import { BUTTON_LANGUAGES, buttonLanguage, buttonMsg } from '../../src/buttons/buttons-i18n.js';
import { loadLanguage } from '../../src/i18n/translate.js';

/** A button's label is there once its language's strings have loaded (on demand). */
const labelled = (el: Element): Promise<unknown> => waitUntil(() => el.shadowRoot?.querySelector('[part="label"]') != null, `${el.localName} gets its label`);

const label = (el: Element): string => el.shadowRoot!.querySelector('[part="label"]')?.textContent ?? '';
const link = (el: Element): HTMLAnchorElement => el.shadowRoot!.querySelector('a')!;

describe('buttons: localised labels', () => {
  it('labels follow the lang attribute', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <perch-share-button lang="es" url="https://a.example/"></perch-share-button>
      <perch-follow-button lang="fr" screen-name="TwitterDev"></perch-follow-button>
      <perch-mention-button lang="de" screen-name="TwitterDev"></perch-mention-button>
      <perch-hashtag-button lang="ja" hashtag="perch"></perch-hashtag-button>
    </div>`);
    await Promise.all([...root.children].map(labelled));
    expect([...root.children].map(label)).to.deep.equal(['Postear', 'Suivre @TwitterDev', 'Post an @TwitterDev', '#perch をポスト']);
    expect(link(root.children[0]!).lang).to.equal('es');
  });

  it("inherits the nearest ancestor's or the document's language, and follows changes", async () => {
    const root = await fixture<HTMLDivElement>(html`<div lang="pt-BR"><perch-follow-button screen-name="TwitterDev" hide-screen-name></perch-follow-button></div>`);
    const el = root.firstElementChild as HTMLElement & { updateComplete: Promise<boolean> };
    await labelled(el);
    expect(label(el)).to.equal('Seguir');
    el.setAttribute('lang', 'ko');
    await waitUntil(() => label(el) === '팔로우', 'the label follows lang');
    expect(link(el).lang).to.equal('ko');
  });

  it("accepts X's language codes (zh-cn, zh-tw, msa, fil) and BCP 47 variants", async () => {
    await loadLanguage('zh-tw');
    expect(buttonLanguage('zh-cn')).to.equal('zh-cn');
    expect(buttonLanguage('zh-Hant-TW')).to.equal('zh-tw');
    expect(buttonLanguage('zh-HK')).to.equal('zh-tw');
    expect(buttonLanguage('zh')).to.equal('zh-cn');
    expect(buttonLanguage('msa')).to.equal('msa');
    expect(buttonLanguage('ms-MY')).to.equal('msa');
    expect(buttonLanguage('fil')).to.equal('fil');
    expect(buttonLanguage('nb-NO')).to.equal('no');
    expect(buttonLanguage('xx')).to.equal('en');
    expect(buttonMsg('follow', 'zh-TW')).to.equal('跟隨');
  });

  it("has a label for every button in each of X's languages, never English by accident", async () => {
    expect(BUTTON_LANGUAGES.length).to.be.at.least(40);
    await Promise.all(BUTTON_LANGUAGES.map((l) => loadLanguage(l)));
    for (const lang of BUTTON_LANGUAGES) {
      for (const key of ['post', 'follow', 'followName', 'mention', 'hashtag'] as const) {
        const text = buttonMsg(key, lang, { name: 'n', tag: 't' });
        expect(text, `${lang} ${key}`).not.to.match(/\{\w+\}/);
        if (lang !== 'en' && !['da', 'no'].includes(lang)) expect(text, `${lang} ${key}`).not.to.equal(buttonMsg(key, 'en', { name: 'n', tag: 't' }));
      }
    }
  });

  it('right-to-left languages render right to left', async () => {
    const el = await fixture(html`<perch-follow-button lang="ar" screen-name="TwitterDev"></perch-follow-button>`);
    await labelled(el);
    expect(link(el).dir).to.equal('rtl');
    expect(label(el)).to.equal('متابعة @TwitterDev');
  });
});
