// The placeholder is accessible through the change: focus follows "Load this once" to the
// loaded content, and a live region says when content loads or goes back to a placeholder.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { embedServerUrl, until } from './support/fixtures.js';

const POST = '1641086480675225601';
const liveText = (el: Element): string => el.shadowRoot!.querySelector('[data-perch-live]')?.textContent ?? '';

describe('placeholder focus and announcements', () => {
  beforeEach(() => {
    clearPostMemo();
    document.cookie = 'perch_consent=; Max-Age=0; path=/';
    window.PerchConfig = { consent: { firstPartyBeforeConsent: false } };
    resetConsentCoreForTests();
  });
  afterEach(() => {
    delete window.PerchConfig;
    resetConsentCoreForTests();
  });

  it('"Load this once" moves focus to the loaded post (not to <body>), and the change is announced both ways', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id=${POST} server=${await embedServerUrl()} loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('button[data-consent="once"]') !== null, 5000, 'the placeholder');
    const once = el.shadowRoot!.querySelector<HTMLButtonElement>('button[data-consent="once"]')!;
    once.focus();
    once.click();
    await until(() => el.shadowRoot!.querySelector('[part~="body"]') !== null, 8000, 'the post');
    await el.updateComplete;
    expect(document.activeElement, 'focus stays in the widget').to.equal(el);
    expect(el.shadowRoot!.activeElement?.classList.contains('frame'), 'on the loaded post').to.equal(true);
    await until(() => liveText(el) === 'Content from X loaded.', 2000, 'announced as loaded');
    getConsentCore().revoke();
    await until(() => liveText(el) === 'Content from X hidden until you allow it.', 2000, 'announced as hidden');
    expect(el.shadowRoot!.querySelector('[part~="consent"]')).to.not.equal(null);
  });
});
