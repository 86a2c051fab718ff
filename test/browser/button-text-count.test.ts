import { expect, fixture, html } from '@open-wc/testing';
import '../../src/buttons/buttons.js';
import type { PerchMentionButton } from '../../src/buttons/mention-button.component.js';
import type { PerchShareButton } from '../../src/buttons/share-button.component.js';
import { fitText, weightedLength } from '../../src/buttons/text-count.js';

/** The `text` parameter of a button's intent link, decoded. */
const textParam = (el: HTMLElement): string | null => new URL(el.shadowRoot!.querySelector('a')!.href).searchParams.get('text');

describe("buttons: X's weighted text counting (280, URLs count 23)", () => {
  it('counts Latin as 1, CJK as 2, any emoji sequence as 2 and any URL as 23', () => {
    expect(weightedLength('hello')).to.equal(5);
    expect(weightedLength('こんにちは')).to.equal(10);
    expect(weightedLength('안녕')).to.equal(4);
    expect(weightedLength('🎉')).to.equal(2);
    expect(weightedLength('👨‍👩‍👧')).to.equal(2, 'a ZWJ family is one emoji');
    expect(weightedLength('🇫🇷')).to.equal(2, 'a flag is one emoji');
    expect(weightedLength('cafe\u0301')).to.equal(4, 'normalised (NFC) first');
    expect(weightedLength(`https://example.com/${'x'.repeat(200)}`)).to.equal(23);
    expect(weightedLength('see example.com.')).to.equal(4 + 23 + 1, 'a bare domain is a link; the full stop is not part of it');
    expect(weightedLength('“quotes” – dash')).to.equal(15, 'general punctuation weighs 1');
    expect(weightedLength('test.museum')).to.equal(23, 'every top-level domain X knows');
    expect(weightedLength('\u200Eab')).to.equal(4, 'a directional mark weighs 2');
  });

  it('shortens with … only when needed, never inside a URL', () => {
    expect(fitText('short', 280)).to.deep.equal({ text: 'short', truncated: false });
    const fitted = fitText(`${'a'.repeat(20)} https://example.com/page more`, 30);
    expect(fitted).to.deep.equal({ text: `${'a'.repeat(20)}…`, truncated: true });
  });

  it('a share text that would make the post longer than 280 is shortened to fit exactly', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${'a'.repeat(300)} url="https://news.example.com/a"></perch-share-button>`);
    // 280 − (1 space + 23 for the URL) = 256 for the text: 254 letters and the ellipsis (which weighs 2).
    expect(textParam(el)).to.equal(`${'a'.repeat(254)}…`);
    expect(el.intent?.truncated).to.equal(true);
    expect(el.intent?.weightedLength).to.equal(280);
  });

  it('counts CJK as 2 when shortening', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${'字'.repeat(130)} url="https://news.example.com/a"></perch-share-button>`);
    expect(textParam(el)).to.equal(`${'字'.repeat(127)}…`);
    expect(el.intent?.weightedLength).to.equal(280);
  });

  it('a long URL inside the text counts 23, so a text that looks too long is kept whole', async () => {
    const text = `Read https://news.example.com/${'p'.repeat(150)} ${'b'.repeat(200)}`;
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${text} url="https://news.example.com/a"></perch-share-button>`);
    expect(text.length).to.be.greaterThan(280);
    expect(textParam(el)).to.equal(text);
    expect(el.intent?.truncated).to.equal(false);
    expect(el.intent?.weightedLength).to.equal(5 + 23 + 1 + 200 + 24);
  });

  it("a url X does not link (a reserved .example name) counts character by character, as in X's composer", async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${'a'.repeat(300)} url="https://news.example/a"></perch-share-button>`);
    // " https://news.example/a" is 23 plain characters, not 1 + 23: 257 for the text, 255 letters and the ellipsis.
    expect(textParam(el)).to.equal(`${'a'.repeat(255)}…`);
    expect(el.intent?.weightedLength).to.equal(280);
  });

  it('hashtags and via count toward the limit', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${'a'.repeat(280)} url="https://n.example.com/" hashtags="perch" via="news"></perch-share-button>`);
    // 280 − 24 (url) − 7 (" #perch") − 10 (" via @news") = 239: 237 letters and the ellipsis.
    expect(textParam(el)).to.equal(`${'a'.repeat(237)}…`);
    expect(el.intent?.weightedLength).to.equal(280);
  });

  it('a text with a lone surrogate still gives a working link (the broken character becomes U+FFFD)', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button text=${'ok \ud83d done'} url="https://news.example.com/a"></perch-share-button>`);
    expect(textParam(el)).to.equal('ok \ufffd done');
    expect(el.intent?.weightedLength).to.equal(3 + 2 + 5 + 24, 'U+FFFD weighs 2');
  });

  it('a mention counts the prefilled @name', async () => {
    const el = await fixture<PerchMentionButton>(html`<perch-mention-button screen-name="TwitterDev" text=${'a'.repeat(280)}></perch-mention-button>`);
    // 280 − 12 ("@TwitterDev ") = 268: 266 letters and the ellipsis.
    expect(textParam(el)).to.equal(`${'a'.repeat(266)}…`);
    expect(el.intent?.truncated).to.equal(true);
  });
});
