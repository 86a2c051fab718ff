import { expect } from '@open-wc/testing';
import { embedServerUrl, until } from './support/fixtures.js';
import type { TwttrApi, TwttrEvent } from '../../src/cdn/twttr-api.js';

// Contract tests for the `window.twttr` Perch installs where X's widgets.js is absent,
// driven through the real built loader, as a page with X's async snippet would.
const events: TwttrEvent[] = [];
let readyCalls = 0;
let api: TwttrApi;

function container(): HTMLDivElement {
  const div = document.createElement('div');
  document.body.append(div);
  return div;
}

before(async () => {
  // X's async snippet: a stub twttr whose ready() queues callbacks until the real script arrives.
  const queued: Array<(t: TwttrApi) => void> = [];
  (window as unknown as { twttr: unknown }).twttr = { _e: queued, ready: (f: (t: TwttrApi) => void) => queued.push(f) };
  (window as unknown as { twttr: { ready(f: (t: TwttrApi) => void): void } }).twttr.ready((t) => {
    readyCalls++;
    for (const name of ['loaded', 'rendered', 'click', 'like', 'retweet', 'tweet', 'follow']) t.events.bind(name, (e) => events.push(e));
  });
  // Markup present before the script, with autoload off: only twttr.widgets.load upgrades it.
  const meta = document.createElement('meta');
  meta.name = 'twitter:widgets:autoload';
  meta.content = 'off';
  document.head.append(meta);
  const server = await embedServerUrl();
  const script = document.createElement('script');
  script.src = `${server}/dist/cdn/perch.js`;
  document.head.append(script);
  await until(() => (window.twttr as { perch?: boolean } | undefined)?.perch === true, 8000, 'twttr');
  api = window.twttr as TwttrApi;
  window.addEventListener('click', (e) => e.preventDefault(), true); // keep intent links from opening tabs
});

describe('window.twttr (Perch)', () => {
  it('runs callbacks queued by X async snippet before Perch loaded, and later ones too', async () => {
    await until(() => readyCalls === 1, 2000, 'the queued ready callback');
    let later: TwttrApi | undefined;
    api.ready((t) => (later = t));
    await until(() => later !== undefined, 2000, 'a later ready callback');
    expect(later).to.equal(api);
  });

  it('createTweet resolves with the rendered element, options mapped, and fires "rendered"', async () => {
    const target = container();
    const el = await api.widgets.createTweet('1629262255744503809', target, { theme: 'dark', width: 400, conversation: 'none', dnt: true });
    expect(el).to.exist;
    expect(el!.localName).to.equal('perch-tweet');
    expect([el!.getAttribute('theme'), el!.getAttribute('width'), el!.getAttribute('hide-thread'), el!.getAttribute('dnt'), el!.getAttribute('conversation')]).to.deep.equal(['dark', '400', '', '', null]);
    expect(el!.shadowRoot!.querySelector('article.post')).to.exist;
    expect(events.some((e) => e.type === 'rendered' && e.target === el)).to.equal(true);
  });

  it('createTweet resolves undefined for a post that cannot be shown, as X does', async () => {
    const el = await api.widgets.createTweet('not-an-id', container());
    expect(el).to.equal(undefined);
  });

  it('createTweet rejects a target that is not an element', async () => {
    let error: unknown;
    await api.widgets.createTweet('1629262255744503809', null as unknown as Element).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TypeError);
  });

  it('widgets.load(el) upgrades X markup even with autoload off', async () => {
    const target = container();
    const q = document.createElement('blockquote');
    q.className = 'twitter-tweet';
    const a = document.createElement('a');
    a.href = 'https://twitter.com/rhaksw/status/1703436713362870723?ref_src=twsrc%5Etfw';
    a.textContent = 'September 17, 2023';
    q.append(a);
    // The loader's MutationObserver, made before ours, has been told of the markup once ours is;
    // the compatibility chunk is loaded, so an upgrade would have run by the time this resumes.
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve();
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      target.append(q);
    });
    expect(target.querySelector('perch-tweet'), 'autoload off: not upgraded by the observer').to.equal(null);
    const loaded = await api.widgets.load(target);
    expect(loaded).to.have.length(1);
    expect(target.querySelector('perch-tweet')).to.equal(loaded[0]);
  });

  it('fires "click" and "like" with the post id when a reader uses the like action', async () => {
    const el = await api.widgets.createTweet('1703436713362870723', container());
    events.length = 0;
    el!.shadowRoot!.querySelector<HTMLAnchorElement>('a.action.like')!.click();
    const like = events.find((e) => e.type === 'like');
    expect(like?.data?.tweet_id).to.equal('1703436713362870723');
    expect(events.find((e) => e.type === 'click')?.region).to.equal('like');
  });

  it('unbind removes a handler', async () => {
    let n = 0;
    const h = (): void => {
      n++;
    };
    api.events.bind('rendered', h);
    api.events.unbind('rendered', h);
    await api.widgets.createTweet('1641086480675225601', container());
    expect(n).to.equal(0);
  });

  it('createVideo renders the post with its player, without the link card', async () => {
    const el = await api.widgets.createVideo('1684218600456876032', container(), { theme: 'dark' });
    expect(el!.localName).to.equal('perch-tweet');
    expect([el!.getAttribute('tweet-id'), el!.getAttribute('hide-cards'), el!.getAttribute('theme')]).to.deep.equal(['1684218600456876032', '', 'dark']);
    expect(el!.shadowRoot!.querySelector('.video perch-video')).to.exist;
  });

  it('createHashtagButton and createMentionButton resolve with working intent links, options mapped', async () => {
    const target = container();
    const hashtag = await api.widgets.createHashtagButton('perch', target, { size: 'large', text: 'Hello' });
    const mention = await api.widgets.createMentionButton('TwitterDev', target, { related: 'XDevelopers' });
    expect([hashtag!.localName, hashtag!.getAttribute('hashtag'), hashtag!.getAttribute('size')]).to.deep.equal(['perch-hashtag-button', 'perch', 'large']);
    expect([mention!.localName, mention!.getAttribute('screen-name'), mention!.getAttribute('related')]).to.deep.equal(['perch-mention-button', 'TwitterDev', 'XDevelopers']);
    await until(() => hashtag!.shadowRoot?.querySelector('a') != null && mention!.shadowRoot?.querySelector('a') != null, 5000, 'the buttons');
    const tagUrl = new URL(hashtag!.shadowRoot!.querySelector('a')!.href);
    expect([tagUrl.origin + tagUrl.pathname, tagUrl.searchParams.get('button_hashtag'), tagUrl.searchParams.get('text')]).to.deep.equal(['https://x.com/intent/post', 'perch', 'Hello']);
    const mentionUrl = new URL(mention!.shadowRoot!.querySelector('a')!.href);
    expect([mentionUrl.searchParams.get('screen_name'), mentionUrl.searchParams.get('related')]).to.deep.equal(['TwitterDev', 'XDevelopers']);
  });
});
