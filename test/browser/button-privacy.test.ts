import { expect, fixture, html } from '@open-wc/testing';
import '../../src/buttons/buttons.js';
import type { PerchShareButton } from '../../src/buttons/share-button.component.js';
import { browserCookies, seenRequests, watchRequests } from './support/fixtures.js';

const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
};

/** Everything a page could have stored: cookies (all of the browser's), and both storages. */
async function storedState(): Promise<{ cookies: string[]; local: number; session: number }> {
  const cookies = (await browserCookies()).map((c) => `${c.name}=${c.value}`).sort();
  return { cookies, local: localStorage.length, session: sessionStorage.length };
}

async function renderAllFour(): Promise<HTMLElement> {
  const root = await fixture<HTMLDivElement>(html`<div>
    <perch-share-button text="Hello" url="https://news.example/" hashtags="perch" via="news" size="large"></perch-share-button>
    <perch-follow-button screen-name="TwitterDev"><a class="twitter-follow-button" href="https://twitter.com/TwitterDev">Follow</a></perch-follow-button>
    <perch-mention-button screen-name="TwitterDev"></perch-mention-button>
    <perch-hashtag-button hashtag="perch"></perch-hashtag-button>
  </div>`);
  await Promise.all([...root.children].map((el) => (el as PerchShareButton).updateComplete));
  await frames(3);
  return root;
}

describe('buttons: nothing requested and nothing stored before the click', () => {
  it('rendering all four buttons makes zero requests and sets zero cookies or storage', async () => {
    const before = await storedState();
    await watchRequests();
    const root = await renderAllFour();
    expect(root.querySelectorAll('perch-share-button, perch-follow-button, perch-mention-button, perch-hashtag-button')).to.have.length(4);
    for (const el of root.children) expect(el.shadowRoot!.querySelector('a[href^="https://x.com/intent/"]'), el.localName).to.exist;
    expect(await seenRequests()).to.deep.equal([]);
    expect(await storedState()).to.deep.equal(before);
    // Control: the watcher does see this page's requests.
    await fetch('/favicon.ico?control').catch(() => undefined);
    expect((await seenRequests()).some((u) => u.includes('favicon.ico?control'))).to.equal(true);
  });

  it('hovering and focusing do not warm any connection to X either', async () => {
    const root = await renderAllFour();
    await watchRequests();
    for (const el of root.children) {
      const a = el.shadowRoot!.querySelector('a')!;
      a.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
      a.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
      a.focus();
    }
    await frames(3);
    expect(await seenRequests()).to.deep.equal([]);
    expect(document.head.querySelector('link[rel="preconnect"], link[rel="dns-prefetch"]')).to.equal(null);
  });

  it('under-13 sites (twitter:dnt): same links, still zero requests and nothing stored', async () => {
    const meta = document.createElement('meta');
    meta.name = 'twitter:dnt';
    meta.content = 'on';
    document.head.append(meta);
    try {
      const before = await storedState();
      await watchRequests();
      const root = await renderAllFour();
      const share = root.querySelector('perch-share-button')!;
      expect(share.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('https://x.com/intent/post?text=Hello&url=https%3A%2F%2Fnews.example%2F&hashtags=perch&via=news');
      expect(share.shadowRoot!.querySelector('a')!.rel, 'no referrer is sent to X').to.contain('noreferrer');
      expect(await seenRequests()).to.deep.equal([]);
      expect(await storedState()).to.deep.equal(before);
    } finally {
      meta.remove();
    }
  });
});
