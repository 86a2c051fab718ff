import { expect, fixture, html } from '@open-wc/testing';
import '../../src/buttons/buttons.js';
import type { PerchErrorEvent } from '../../src/shared/events.js';
import { nextEvent } from './support/fixtures.js';

/** Append `markup`'s element to the page with a perch-error listener already in place. */
async function withError(make: () => HTMLElement): Promise<{ el: HTMLElement; error: PerchErrorEvent }> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = make();
  const error = nextEvent<PerchErrorEvent>(host, 'perch-error');
  host.append(el);
  return { el, error: await error };
}

function element(tag: string, attrs: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

describe('buttons: invalid options show a readable error, never a broken link', () => {
  const warn = console.warn;
  beforeEach(() => (console.warn = () => {}));
  afterEach(() => (console.warn = warn));

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['perch-follow-button', { 'screen-name': 'not a name!' }, /screen-name/],
    ['perch-follow-button', { 'screen-name': 'sixteen_chars_xx' }, /screen-name/],
    ['perch-follow-button', {}, /screen-name/],
    ['perch-mention-button', { 'screen-name': '' }, /screen-name/],
    ['perch-hashtag-button', { hashtag: '123' }, /hashtag/],
    ['perch-hashtag-button', { hashtag: 'two words' }, /hashtag/],
    ['perch-share-button', { url: 'javascript:alert(1)' }, /url/],
    ['perch-share-button', { url: 'https://a.example/', hashtags: 'ok,not ok' }, /hashtags/],
    ['perch-share-button', { url: 'https://a.example/', via: 'bad-name' }, /via/],
    ['perch-share-button', { url: 'https://a.example/', related: 'ok,bad name:desc' }, /related/],
    ['perch-hashtag-button', { hashtag: 'perch', url: 'data:text/html,hi' }, /url/],
  ];
  for (const [tag, attrs, why] of cases) {
    it(`<${tag}> ${JSON.stringify(attrs)}`, async () => {
      const { el, error } = await withError(() => element(tag, attrs));
      expect(error.reason).to.equal('invalid-data');
      expect(error.message).to.match(why);
      expect(el.shadowRoot!.querySelector('a'), 'no link').to.equal(null);
      expect(el.shadowRoot!.querySelector('[part="message"]')!.textContent).to.equal('This X button is not set up correctly.');
    });
  }

  it('fixing the attribute brings the link back', async () => {
    const { el } = await withError(() => element('perch-follow-button', { 'screen-name': 'no way' }));
    el.setAttribute('screen-name', 'TwitterDev');
    await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('https://x.com/intent/follow?screen_name=TwitterDev');
    expect(el.shadowRoot!.querySelector('[part="message"]')).to.equal(null);
  });
});
