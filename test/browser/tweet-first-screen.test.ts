import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { defaultReserveHeight, estimateFromPasted } from '../../src/post/reserve-height.js';
import { embedServerUrl, nextEvent, until } from './support/fixtures.js';

// What a reader sees first, with no input of any kind: a post that has arrived is on screen
// (never held back behind its pasted fallback), its space is held before it arrives, and a
// post rendering above the reader does not move the text they are reading.

const PASTED = html`<blockquote class="twitter-tweet"><p lang="en" dir="ltr">If you are interested about View Flattening in React Native, I wrote a short post about it.</p>&mdash; sammy (@SamuelSusla) <a href="https://twitter.com/SamuelSusla/status/1641086480675225601">March 29, 2023</a></blockquote>`;

async function delayedServer(ms: number): Promise<string> {
  const server = await embedServerUrl();
  return `${location.origin}/__delay/${ms}${new URL(server).pathname.replace(/\/$/, '')}`;
}

describe('<perch-tweet>: the reader sees the post', () => {
  beforeEach(() => clearPostMemo());
  afterEach(() => window.scrollTo(0, 0));

  it('a post arriving in the first screen replaces its fallback with no input', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1641086480675225601" server=${await delayedServer(200)}>${PASTED}</perch-tweet>`);
    await nextEvent(el, 'perch-load', 5000);
    await until(() => el.shadowRoot?.querySelector('article.post') != null, 1000, 'the post on screen');
  });

  it('later in a visit, a post arriving while its fallback is in view is on screen shortly after, with no input', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <div style="height: ${window.innerHeight * 2}px">Earlier in the article.</div>
      <perch-tweet tweet-id="1641086480675225601" server=${await delayedServer(400)}>${PASTED}</perch-tweet>
      <div style="height: ${window.innerHeight * 2}px">Later.</div>
    </div>`);
    const el = wrap.querySelector<PerchTweet>('perch-tweet')!;
    // The reader has scrolled down to it: no longer the first screen, fallback in view.
    window.scrollTo(0, window.innerHeight * 2 - 100);
    const loaded = await nextEvent(el, 'perch-load', 5000).then(() => performance.now());
    expect(el.getBoundingClientRect().top).to.be.lessThan(window.innerHeight, 'the fallback is in view');
    await until(() => el.shadowRoot?.querySelector('article.post') != null, 2000, 'the post on screen without input');
    // Within the swap deadline (with slack for a loaded machine), not at the reader's next tap.
    expect(performance.now() - loaded).to.be.lessThan(1500);
  });

  it('before the post arrives, a <perch-tweet> without fallback holds the space of a typical post', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1641086480675225601" server=${await delayedServer(1500)}></perch-tweet>`);
    await until(() => el.getBoundingClientRect().height > 100, 2000, 'the reserved box');
    const width = el.getBoundingClientRect().width;
    expect(el.getBoundingClientRect().height).to.be.closeTo(defaultReserveHeight(width), 2);
    expect(el.shadowRoot!.querySelector('article')).to.equal(null, 'still loading');
  });

  it('before the post arrives, a pasted fallback holds the height estimated from its text', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1641086480675225601" server=${await delayedServer(1500)}>${PASTED}</perch-tweet>`);
    const text = el.querySelector('p')!.textContent!;
    await until(() => el.getBoundingClientRect().height > 150, 2000, 'the reserved box');
    const want = estimateFromPasted(text, false, el.getBoundingClientRect().width);
    expect(el.getBoundingClientRect().height).to.be.closeTo(want, 2);
    // The fallback stays readable inside the reserved box.
    expect(el.querySelector('blockquote')!.getBoundingClientRect().height).to.be.greaterThan(20);
  });

  it('a fallback whose post cannot load gets its own height back', async () => {
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1999999999999999999" server="http://127.0.0.1:9">${PASTED}</perch-tweet>`);
    await nextEvent(el, 'perch-error', 8000);
    await el.updateComplete;
    const quote = el.querySelector('blockquote')!.getBoundingClientRect().height;
    const message = el.shadowRoot!.querySelector('[part="message"]')!.getBoundingClientRect().height;
    expect(el.getBoundingClientRect().height).to.be.lessThan(quote + message + 80);
  });

  it('a post rendering above the reader does not move the text they are reading (scroll anchoring)', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <perch-tweet loading="eager" tweet-id="1641086480675225601" server=${await delayedServer(600)}>${PASTED}</perch-tweet>
      <div style="height: ${window.innerHeight * 1.5}px">Article text.</div>
      <p id="reading">The sentence the reader is reading.</p>
      <div style="height: ${window.innerHeight * 2}px"></div>
    </div>`);
    const el = wrap.querySelector<PerchTweet>('perch-tweet')!;
    const reading = wrap.querySelector('#reading')!;
    // The reader is further down: the post is above the viewport.
    window.scrollTo(0, reading.getBoundingClientRect().top + window.scrollY - 200);
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.getBoundingClientRect().bottom).to.be.lessThan(0, 'the post is above the viewport');
    const before = reading.getBoundingClientRect().top;
    const heightBefore = el.getBoundingClientRect().height;
    await nextEvent(el, 'perch-render', 5000);
    await new Promise((r) => requestAnimationFrame(r));
    expect(el.getBoundingClientRect().height).to.not.be.closeTo(heightBefore, 1, 'the post changed height');
    expect(reading.getBoundingClientRect().top).to.be.closeTo(before, 1);
  });
});
