import { expect, fixture, html } from '@open-wc/testing';
import { embedServerUrl, seenRequests, until, watchRequests } from './support/fixtures.js';
import type { TwttrApi, TwttrEvent } from '../../src/cdn/twttr-api.js';

// The real, built CDN loader (served by the embed server) on a page with X's pasted button links.
describe('buttons through the CDN loader', () => {
  it("upgrades X's four button links into Perch buttons from one chunk, requesting nothing from X", async () => {
    const server = await embedServerUrl();
    const root = await fixture<HTMLDivElement>(html`<div>
      <a href="https://twitter.com/share?ref_src=twsrc%5Etfw" class="twitter-share-button" data-text="Read this" data-url="https://news.example/a" data-hashtags="a,b" data-via="news" data-size="large">Post</a>
      <a href="https://twitter.com/TwitterDev?ref_src=twsrc%5Etfw" class="twitter-follow-button" data-show-screen-name="false">Follow @TwitterDev</a>
      <a href="https://twitter.com/intent/tweet?screen_name=TwitterDev&ref_src=twsrc%5Etfw" class="twitter-mention-button">Post to @TwitterDev</a>
      <a href="https://twitter.com/intent/tweet?button_hashtag=perch&ref_src=twsrc%5Etfw" class="twitter-hashtag-button">Post #perch</a>
    </div>`);
    await watchRequests();
    const script = document.createElement('script');
    script.src = `${server}/dist/cdn/perch.js`;
    script.async = true;
    document.head.append(script);
    const tags = ['perch-share-button', 'perch-follow-button', 'perch-mention-button', 'perch-hashtag-button'];
    await until(() => tags.every((t) => root.querySelector(t)?.shadowRoot?.querySelector('a') != null), 8000, 'the four buttons');
    const hrefs = tags.map((t) => root.querySelector(t)!.shadowRoot!.querySelector('a')!.getAttribute('href'));
    expect(hrefs).to.deep.equal([
      'https://x.com/intent/post?text=Read%20this&url=https%3A%2F%2Fnews.example%2Fa&hashtags=a,b&via=news',
      'https://x.com/intent/follow?screen_name=TwitterDev',
      'https://x.com/intent/post?screen_name=TwitterDev',
      'https://x.com/intent/post?button_hashtag=perch',
    ]);
    expect(root.querySelector('perch-follow-button a.twitter-follow-button'), 'the pasted link stays inside as the fallback').to.exist;
    const requests = await seenRequests();
    expect(requests.filter((u) => u.includes('perch-buttons.js')), 'one chunk for all four').to.have.length(1);
    expect(requests.filter((u) => !u.startsWith(server) && !u.startsWith(location.origin)), 'nothing but the embed server (and this test page)').to.deep.equal([]);
    expect(requests.filter((u) => /(^|\.)(x|twitter|twimg)\.com\//.test(new URL(u).hostname + '/')), 'nothing from X').to.deep.equal([]);
  });

  it('window.twttr creates the buttons (X options mapped) and reports a click as X\'s "click" and "follow" events', async () => {
    await until(() => typeof window.twttr?.ready === 'function', 8000, 'window.twttr');
    const api = await new Promise<TwttrApi>((resolve) => window.twttr!.ready!((t) => resolve(t)));
    const events: TwttrEvent[] = [];
    api.events.bind('click', (e) => events.push(e));
    api.events.bind('follow', (e) => events.push(e));
    const target = await fixture<HTMLDivElement>(html`<div></div>`);
    const follow = await api.widgets.createFollowButton('TwitterDev', target, { showScreenName: false, size: 'large' });
    const share = await api.widgets.createShareButton('https://news.example/a', target, { text: 'Read this', via: 'news' });
    expect(follow!.getAttribute('size')).to.equal('large');
    await until(() => follow!.shadowRoot?.querySelector('a') != null && share!.shadowRoot?.querySelector('a') != null, 5000, 'the buttons');
    expect(follow!.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('https://x.com/intent/follow?screen_name=TwitterDev');
    expect(follow!.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Follow');
    expect(share!.shadowRoot!.querySelector('a')!.getAttribute('href')).to.equal('https://x.com/intent/post?text=Read%20this&url=https%3A%2F%2Fnews.example%2Fa&via=news');
    const original = window.open;
    window.open = (() => ({ opener: null }) as unknown as Window) as typeof window.open;
    try {
      follow!.shadowRoot!.querySelector('a')!.click();
    } finally {
      window.open = original;
    }
    expect(events.map((e) => e.type)).to.deep.equal(['click', 'follow']);
    expect(events[0]!.target).to.equal(follow);
  });
});
