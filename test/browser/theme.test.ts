import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/tweet/tweet.js';
import '../../src/timeline/timeline.js';
import '../../src/video/video.js';
import '../../src/buttons/buttons.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { preloadConsentPlaceholder } from '../../src/consent/consent-controller.js';
import { resetConsentCoreForTests } from '../../src/consent/index.js';
import { fixturePost, until } from './support/fixtures.js';

// One theming path: the publisher's `theme` is never rewritten, the effective theme is a
// custom state, and the consent placeholder and the video player take the post's colours.

const BLACK = 'rgb(0, 0, 0)';
const WHITE = 'rgb(255, 255, 255)';
const DARK_TEXT = 'rgb(231, 233, 234)';

async function post(attrs: Record<string, string> = {}): Promise<PerchTweet> {
  const el = document.createElement('perch-tweet');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(await fixturePost('photo-entities.json'));
  el.append(script);
  const rendered = new Promise((resolve) => el.addEventListener('perch-render', resolve, { once: true }));
  (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
  await rendered;
  await el.updateComplete;
  return el;
}

const frameBackground = (el: Element): string => getComputedStyle(el.shadowRoot!.querySelector('.frame')!).backgroundColor;

function consentBox(el: Element): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('.perch-consent')!;
}

describe('themes', () => {
  afterEach(async () => {
    delete window.PerchConfig;
    resetConsentCoreForTests();
    await executeServerCommand('perch-emulate-media', { features: [{ name: 'prefers-color-scheme', value: '' }] });
  });

  it('never writes a theme onto the element; the effective theme is the custom state light or dark', async () => {
    const plain = await post();
    expect(plain.hasAttribute('theme'), 'no theme attribute written').to.equal(false);
    expect(plain.matches(':state(light)')).to.equal(true);
    expect(plain.matches(':state(dark)')).to.equal(false);

    window.PerchConfig = { theme: 'dark' };
    const fromPage = await post();
    expect(fromPage.hasAttribute('theme'), 'the page default is not copied onto the element').to.equal(false);
    expect(fromPage.matches(':state(dark)')).to.equal(true);
    expect(frameBackground(fromPage)).to.equal(BLACK);

    const own = await post({ theme: 'light' });
    expect(own.getAttribute('theme')).to.equal('light');
    expect(own.matches(':state(light)')).to.equal(true);
    expect(frameBackground(own)).to.equal(WHITE);
  });

  it('auto follows prefers-color-scheme while the post is on the page', async () => {
    await executeServerCommand('perch-emulate-media', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    const el = await post({ theme: 'auto' });
    expect(el.matches(':state(light)')).to.equal(true);
    expect(frameBackground(el)).to.equal(WHITE);
    await executeServerCommand('perch-emulate-media', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    await until(() => el.matches(':state(dark)'), 2000, 'the dark state');
    expect(frameBackground(el)).to.equal(BLACK);
    expect(el.getAttribute('theme')).to.equal('auto');
  });

  it('buttons and timelines expose the same states and leave theme alone', async () => {
    window.PerchConfig = { theme: 'dark' };
    const root = await fixture<HTMLDivElement>(html`<div><perch-share-button url="https://news.example/"></perch-share-button><perch-timeline screen-name="TwitterDev" server="http://127.0.0.1:9"></perch-timeline></div>`);
    const button = root.querySelector('perch-share-button')!;
    const timeline = root.querySelector('perch-timeline')!;
    await button.updateComplete;
    await timeline.updateComplete;
    for (const el of [button, timeline]) {
      expect(el.hasAttribute('theme'), el.localName).to.equal(false);
      expect(el.matches(':state(dark)'), el.localName).to.equal(true);
    }
    const link = button.shadowRoot!.querySelector('.button')!;
    expect(getComputedStyle(link).backgroundColor, 'the dark pill').to.equal('rgb(239, 243, 244)');
  });

  describe('the consent placeholder takes the widget\'s theme', () => {
    before(() => preloadConsentPlaceholder());
    beforeEach(() => {
      window.PerchConfig = { consent: { firstPartyBeforeConsent: false } };
      resetConsentCoreForTests();
    });

    it('a dark post shows a dark placeholder, a light post a light one', async () => {
      const root = await fixture<HTMLDivElement>(html`<div>
        <perch-tweet theme="dark" tweet-id="1629262255744503809" server="http://127.0.0.1:9"></perch-tweet>
        <perch-tweet tweet-id="1629262255744503809" server="http://127.0.0.1:9"></perch-tweet>
      </div>`);
      const [dark, light] = root.querySelectorAll('perch-tweet');
      await until(() => consentBox(dark!) !== null && consentBox(light!) !== null, 3000, 'both placeholders');
      const d = getComputedStyle(consentBox(dark!));
      expect([d.backgroundColor, d.color]).to.deep.equal([BLACK, DARK_TEXT]);
      const primary = getComputedStyle(consentBox(dark!).querySelector('button.primary')!);
      expect([primary.backgroundColor, primary.color], 'the primary button inverts the dark colours').to.deep.equal([DARK_TEXT, BLACK]);
      const l = getComputedStyle(consentBox(light!));
      expect([l.backgroundColor, l.color]).to.deep.equal([WHITE, 'rgb(15, 20, 25)']);
    });

    it('a dark timeline shows a dark placeholder; --perch-background still overrides both themes', async () => {
      const root = await fixture<HTMLDivElement>(html`<div>
        <perch-timeline theme="dark" screen-name="TwitterDev" server="http://127.0.0.1:9" height="300"></perch-timeline>
        <perch-tweet theme="dark" tweet-id="1629262255744503809" server="http://127.0.0.1:9" style="--perch-background: rgb(1, 2, 3)"></perch-tweet>
      </div>`);
      const timeline = root.querySelector('perch-timeline')!;
      const custom = root.querySelector('perch-tweet')!;
      await until(() => consentBox(timeline) !== null && consentBox(custom) !== null, 3000, 'both placeholders');
      expect(getComputedStyle(consentBox(timeline)).backgroundColor).to.equal(BLACK);
      expect(getComputedStyle(consentBox(custom)).backgroundColor).to.equal('rgb(1, 2, 3)');
    });

    it('the video player\'s placeholder follows the colour scheme it sits in', async () => {
      const root = await fixture<HTMLDivElement>(html`<div style="color-scheme: dark; width: 400px">
        <perch-video tweet-id="1684218600456876032" server="http://127.0.0.1:9"></perch-video>
      </div>`);
      const video = root.querySelector('perch-video')!;
      await until(() => consentBox(video) !== null, 3000, 'the video placeholder');
      expect(getComputedStyle(consentBox(video)).backgroundColor).to.equal(BLACK);
      root.style.colorScheme = 'light';
      expect(getComputedStyle(consentBox(video)).backgroundColor).to.equal(WHITE);
    });
  });
});
