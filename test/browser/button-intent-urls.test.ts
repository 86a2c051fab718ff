import { expect, fixture, html } from '@open-wc/testing';
import '../../src/buttons/buttons.js';
import type { PerchFollowButton } from '../../src/buttons/follow-button.component.js';
import type { PerchHashtagButton } from '../../src/buttons/hashtag-button.component.js';
import type { PerchMentionButton } from '../../src/buttons/mention-button.component.js';
import type { PerchShareButton } from '../../src/buttons/share-button.component.js';

/** The link a reader would follow, read from the rendered button. */
const href = (el: HTMLElement): string | null => el.shadowRoot!.querySelector('a')!.getAttribute('href');
const label = (el: HTMLElement): string => el.shadowRoot!.querySelector('[part="label"]')!.textContent ?? '';

/** Add `<link>`s to the document head for one test. */
function headLinks(...links: Array<[rel: string, href: string]>): () => void {
  const added = links.map(([rel, h]) => {
    const link = document.createElement('link');
    link.rel = rel;
    link.href = h;
    document.head.append(link);
    return link;
  });
  return () => added.forEach((l) => l.remove());
}

describe('buttons: exact intent URLs', () => {
  let title: string;
  beforeEach(() => {
    title = document.title;
    document.title = '';
  });
  afterEach(() => {
    document.title = title;
  });

  it('share: every option, with spaces, & and emoji percent-encoded', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button
      text="Hello world & friends 🎉"
      url="https://news.example/a?b=1&c=2"
      hashtags="#perch, café"
      via="@news"
      related="TwitterDev:The dev account,X"
    ></perch-share-button>`);
    expect(href(el)).to.equal(
      'https://x.com/intent/post?text=Hello%20world%20%26%20friends%20%F0%9F%8E%89&url=https%3A%2F%2Fnews.example%2Fa%3Fb%3D1%26c%3D2&hashtags=perch,caf%C3%A9&via=news&related=TwitterDev:The%20dev%20account,X',
    );
    expect(label(el)).to.equal('Post');
    const a = el.shadowRoot!.querySelector('a')!;
    expect(a.target).to.equal('_blank');
    expect(a.rel).to.equal('noopener noreferrer');
  });

  it('share: url defaults to <link rel="canonical">, via to <link rel="me"> on x.com or twitter.com, text to the title', async () => {
    const remove = headLinks(['canonical', 'https://news.example/story?id=7'], ['me', 'https://mastodon.example/@news'], ['me', 'https://twitter.com/perchnews']);
    document.title = 'A story';
    try {
      const el = await fixture<PerchShareButton>(html`<perch-share-button></perch-share-button>`);
      expect(href(el)).to.equal('https://x.com/intent/post?text=A%20story&url=https%3A%2F%2Fnews.example%2Fstory%3Fid%3D7&via=perchnews');
      const explicit = await fixture<PerchShareButton>(html`<perch-share-button text="" url="https://other.example/" via="someone"></perch-share-button>`);
      expect(href(explicit), 'attributes win; an empty text sends none').to.equal('https://x.com/intent/post?url=https%3A%2F%2Fother.example%2F&via=someone');
    } finally {
      remove();
    }
  });

  it('share: without a canonical link the url is the page address; relative urls resolve against it', async () => {
    const el = await fixture<PerchShareButton>(html`<perch-share-button></perch-share-button>`);
    expect(href(el)).to.equal(`https://x.com/intent/post?url=${encodeURIComponent(location.href)}`);
    const relative = await fixture<PerchShareButton>(html`<perch-share-button url="/news/1 2"></perch-share-button>`);
    expect(href(relative)).to.equal(`https://x.com/intent/post?url=${encodeURIComponent(`${location.origin}/news/1%202`)}`);
  });

  it('follow: intent/follow?screen_name=NAME, labelled with or without the name', async () => {
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="@TwitterDev"></perch-follow-button>`);
    expect(href(el)).to.equal('https://x.com/intent/follow?screen_name=TwitterDev');
    expect(label(el)).to.equal('Follow @TwitterDev');
    el.showScreenName = 'false';
    await el.updateComplete;
    expect(label(el)).to.equal('Follow');
    expect(href(el)).to.equal('https://x.com/intent/follow?screen_name=TwitterDev');
  });

  it('mention: intent/post?screen_name=NAME (X prefills @NAME) with text and related', async () => {
    const el = await fixture<PerchMentionButton>(html`<perch-mention-button screen-name="TwitterDev" text="Hi there & welcome" related="XDevelopers"></perch-mention-button>`);
    expect(href(el)).to.equal('https://x.com/intent/post?screen_name=TwitterDev&text=Hi%20there%20%26%20welcome&related=XDevelopers');
    expect(label(el)).to.equal('Post to @TwitterDev');
  });

  it('hashtag: intent/post?button_hashtag=TAG with text, url and related', async () => {
    const el = await fixture<PerchHashtagButton>(html`<perch-hashtag-button hashtag="#perch" text="Try it" url="https://perch.example/" related="TwitterDev"></perch-hashtag-button>`);
    expect(href(el)).to.equal('https://x.com/intent/post?button_hashtag=perch&text=Try%20it&url=https%3A%2F%2Fperch.example%2F&related=TwitterDev');
    expect(label(el)).to.equal('Post #perch');
    const unicode = await fixture<PerchHashtagButton>(html`<perch-hashtag-button hashtag="日本語"></perch-hashtag-button>`);
    expect(href(unicode)).to.equal('https://x.com/intent/post?button_hashtag=%E6%97%A5%E6%9C%AC%E8%AA%9E');
  });

  it('changing an attribute changes the link', async () => {
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="TwitterDev"></perch-follow-button>`);
    el.setAttribute('screen-name', 'XDevelopers');
    await el.updateComplete;
    expect(href(el)).to.equal('https://x.com/intent/follow?screen_name=XDevelopers');
    expect(el.intent?.url).to.equal('https://x.com/intent/follow?screen_name=XDevelopers');
  });

  it('sizes small (default) and large', async () => {
    const small = await fixture<PerchShareButton>(html`<perch-share-button url="https://a.example/"></perch-share-button>`);
    const large = await fixture<PerchShareButton>(html`<perch-share-button size="large" url="https://a.example/"></perch-share-button>`);
    const h = (el: HTMLElement): number => el.shadowRoot!.querySelector('a')!.getBoundingClientRect().height;
    expect(h(small)).to.equal(20);
    expect(h(large)).to.equal(28);
  });

  it("the publisher's pasted <a> stays in the element as the no-JavaScript fallback but is not shown twice", async () => {
    const el = await fixture<PerchFollowButton>(html`<perch-follow-button screen-name="TwitterDev"><a class="twitter-follow-button" href="https://twitter.com/TwitterDev">Follow @TwitterDev</a></perch-follow-button>`);
    const fallback = el.querySelector('a')!;
    expect(fallback.getClientRects().length, 'the fallback is not rendered').to.equal(0);
    expect(el.shadowRoot!.querySelector('a')!.getClientRects().length).to.equal(1);
  });
});
