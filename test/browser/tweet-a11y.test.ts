import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { fixtureFiles, fixturePost } from './support/fixtures.js';

// One test per fixture and theme: each is checked on its own, in a clean page.
const files = await fixtureFiles();

describe('<perch-tweet> accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const file of files) {
      it(`has no axe violations in the ${theme} theme: ${file}`, async () => {
        const el = await fixture<PerchTweet>(html`<perch-tweet theme=${theme}></perch-tweet>`);
        el.data = await fixturePost(file);
        await el.updateComplete;
        await expect(el, file).to.be.accessible();
      });
    }
  }

  it('every link and control is reachable by keyboard', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet></perch-tweet>`);
    el.data = await fixturePost('quote-tweet.json');
    await el.updateComplete;
    const focusable = [...el.shadowRoot!.querySelectorAll<HTMLElement>('a[href], button, summary')].filter((a) => a.tabIndex >= 0);
    expect(focusable.length).to.be.greaterThan(5);
    for (const a of focusable) {
      a.focus();
      expect(el.shadowRoot!.activeElement).to.equal(a);
    }
  });
});
