// Styling from the page: `::part(header)` on a timeline reaches the posts' headers only, and a
// post's video player can be styled through the post.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import '../../src/tweet/tweet.js';
import '../../src/video/video.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { timelinePage } from './support/timeline-pages.js';
import { fixturePost, until } from './support/fixtures.js';

const RED = 'rgb(255, 0, 0)';

describe('CSS parts from the page', () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement('style');
    style.textContent = `
      perch-timeline::part(header) { border-top-color: ${RED}; }
      perch-timeline::part(timeline-header) { outline-color: ${RED}; }
      perch-tweet::part(play) { background-color: ${RED}; }`;
    document.head.append(style);
  });
  afterEach(() => style.remove());

  it('perch-timeline::part(header) styles the posts\u2019 headers, not the timeline\u2019s own (that is part timeline-header)', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    el.data = timelinePage(2);
    await el.updateComplete;
    const own = el.shadowRoot!.querySelector<HTMLElement>('.timeline-header')!;
    expect(getComputedStyle(own).borderTopColor).to.not.equal(RED);
    expect(getComputedStyle(own).outlineColor).to.equal(RED);
    const postHeaders = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="header"]')];
    expect(postHeaders.length).to.equal(2);
    for (const h of postHeaders) expect(getComputedStyle(h).borderTopColor).to.equal(RED);
  });

  it('a post\u2019s video player parts are reachable through the post (exportparts)', async () => {
    resetConsentCoreForTests();
    getConsentCore().grant();
    try {
      const el = await fixture<PerchTweet>(html`<perch-tweet></perch-tweet>`);
      el.data = await fixturePost('video-variants.json');
      await until(() => el.shadowRoot!.querySelector('perch-video')?.shadowRoot?.querySelector('[part="play"]') != null, 5000, 'the player');
      const play = el.shadowRoot!.querySelector('perch-video')!.shadowRoot!.querySelector<HTMLElement>('[part="play"]')!;
      expect(getComputedStyle(play).backgroundColor).to.equal(RED);
    } finally {
      resetConsentCoreForTests();
    }
  });
});
