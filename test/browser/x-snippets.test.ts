import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { until } from './support/fixtures.js';
import type { TwttrApi } from '../../src/cdn/twttr-api.js';

// demo/x-snippets.html — twenty of X's embed snippets as X's publish tool pastes them, with X's
// async twttr snippet — opened whole in a same-origin frame (served from the real embed server
// through test/browser/support/page-proxy.mjs), with the real built CDN loader. Requests for any
// non-loopback host (the pasted platform.twitter.com lines) are aborted and recorded.

interface PageLog {
  console: Array<{ type: string; text: string }>;
  errors: string[];
  external: string[];
}
interface DemoState {
  queuedBeforePerch: boolean;
  readyRan: boolean;
  events: Array<{ type: string; tag?: string }>;
  created: string | null | undefined;
}

/** Snippet number → the element it must become and the attributes it must carry. */
const UPGRADES: Record<number, { tag: string; attrs: Record<string, string>; style?: Record<string, string> }> = {
  1: { tag: 'perch-tweet', attrs: { 'tweet-id': '1641086480675225601' } },
  2: { tag: 'perch-tweet', attrs: { 'tweet-id': '1629262255744503809' } },
  3: { tag: 'perch-tweet', attrs: { 'tweet-id': '1641895049427550208', theme: 'dark', width: '400', align: 'center', lang: 'es' } },
  4: { tag: 'perch-tweet', attrs: { 'tweet-id': '9000000000000000001', 'hide-cards': '', 'hide-thread': '', dnt: '' } },
  5: { tag: 'perch-tweet', attrs: { 'tweet-id': '9000000000000000005' }, style: { '--perch-link-color': '#e0245e' } },
  6: { tag: 'perch-tweet', attrs: { 'tweet-id': '1684218600456876032', 'hide-cards': '' } },
  7: { tag: 'perch-tweet', attrs: { 'tweet-id': '2023357708301455483', align: 'right', width: '325', theme: 'light' } },
  8: {
    tag: 'perch-timeline',
    attrs: { 'screen-name': 'TwitterDev', 'tweet-limit': '3', theme: 'dark', chrome: 'noheader nofooter noborders', 'border-color': '#1d9bf0', lang: 'en', dnt: '', 'live-region': 'assertive' },
    style: { '--perch-link-color': '#f91880' },
  },
  9: { tag: 'perch-timeline', attrs: { 'owner-screen-name': 'TwitterDev', slug: 'perch-demo', height: '400', width: '500', 'show-replies': '', chrome: 'transparent noscrollbar' } },
  10: { tag: 'perch-timeline', attrs: { 'list-id': '9300000000000000001', 'tweet-limit': '2' } },
  11: {
    tag: 'perch-share-button',
    attrs: { text: 'Perch: fast, private X embeds', url: 'https://news.example/perch', hashtags: 'perch,webcomponents', via: 'TwitterDev', related: 'Twitter,TwitterDev', size: 'large', lang: 'fr', dnt: '' },
  },
  12: { tag: 'perch-follow-button', attrs: { 'screen-name': 'TwitterDev', size: 'large', 'hide-screen-name': '', lang: 'de', dnt: '' } },
  13: { tag: 'perch-mention-button', attrs: { 'screen-name': 'TwitterDev', text: 'Hello from Perch', related: 'Twitter', size: 'large' } },
  14: { tag: 'perch-hashtag-button', attrs: { hashtag: 'PerchDemo', text: 'Trying Perch', url: 'https://news.example/perch', related: 'TwitterDev' } },
  15: { tag: 'perch-follow-button', attrs: { 'screen-name': 'Twitter' } },
};
/** Malformed snippets: the fallback text that must stay readable. */
const MALFORMED: Record<number, string> = {
  17: 'A pasted post whose link lost its address',
  18: 'A post link with a broken id',
  19: 'Looks like a post, links elsewhere',
  20: 'Tweets by nobody',
};

let frame: HTMLIFrameElement;
let doc: Document;
let win: Window & { perchDemo?: DemoState; twttr?: { perch?: boolean } };

const section = (n: number): HTMLElement => doc.getElementById(`snippet-${n}`)!;

async function log(): Promise<PageLog> {
  return (await executeServerCommand<PageLog, undefined>('perch-page-log'))!;
}

/** Wait for the shadow content, with no input of any kind (what a reader who only looks sees). */
async function rendered(el: Element, selector: string, what: string): Promise<void> {
  el.scrollIntoView({ block: 'center' }); // widgets load when about a viewport away (loading="lazy")
  await until(() => {
    return el.shadowRoot?.querySelector(selector) != null;
  }, 10_000, what);
}

before(async () => {
  await executeServerCommand('perch-page-log-start');
  frame = document.createElement('iframe');
  frame.style.width = '900px';
  frame.style.height = '6000px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/__page/x-snippets.html';
  document.body.append(frame);
  await loaded;
  doc = frame.contentDocument!;
  win = frame.contentWindow as typeof win;
  await until(() => doc.querySelectorAll('[data-perch]').length >= 19, 10_000, 'the loader to handle the snippets');
});

after(async () => {
  await executeServerCommand('perch-page-log-stop');
  frame.remove();
});

describe('20 of X embed snippets on one page (demo/x-snippets.html)', () => {
  for (const [n, want] of Object.entries(UPGRADES)) {
    it(`snippet ${n} becomes <${want.tag}> with X's options mapped, the pasted markup inside as the fallback`, () => {
      const s = section(Number(n));
      const els = s.querySelectorAll(want.tag);
      expect(els.length, `one <${want.tag}>`).to.equal(1);
      const el = els[0]!;
      for (const [attr, value] of Object.entries(want.attrs)) expect(el.getAttribute(attr), attr).to.equal(value);
      for (const [prop, value] of Object.entries(want.style ?? {})) expect((el as HTMLElement).style.getPropertyValue(prop), prop).to.equal(value);
      const original = el.querySelector(':scope > blockquote, :scope > a');
      expect(original, 'the pasted markup, kept inside').to.exist;
      expect(original!.getAttribute('data-perch')).to.equal('upgraded');
    });
  }

  it('renders every upgraded post and timeline', async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const el = section(n).querySelector('perch-tweet')!;
      await rendered(el, 'article.post', `the post of snippet ${n}`);
      expect(el.shadowRoot!.querySelector('article.post')!.getAttribute('data-post-id'), `snippet ${n}`).to.equal(el.getAttribute('tweet-id'));
    }
    // Options a reader sees: dark theme, hidden card and conversation, the poll.
    const dark = section(3).querySelector('perch-tweet')!;
    expect(getComputedStyle(dark.shadowRoot!.querySelector('article.post')!).color).not.to.equal(getComputedStyle(section(2).querySelector('perch-tweet')!.shadowRoot!.querySelector('article.post')!).color);
    expect(section(4).querySelector('perch-tweet')!.shadowRoot!.querySelector('[part="card"]')).to.equal(null);
    expect(section(5).querySelector('perch-tweet')!.shadowRoot!.querySelector('[part="poll"]'), 'poll').to.exist;
    for (const [n, count] of [[8, 3], [10, 2]] as const) {
      const el = section(n).querySelector('perch-timeline')!;
      await rendered(el, 'article.item', `the timeline of snippet ${n}: ${el.outerHTML.slice(0, 300)} ${el.shadowRoot?.innerHTML.slice(0, 600) ?? 'no shadow root'}`);
      await until(() => el.shadowRoot!.querySelectorAll('article.item').length === count, 8000, `${count} posts in snippet ${n}: ${el.shadowRoot?.textContent?.slice(0, 300) ?? ''}`);
    }
    const list = section(9).querySelector('perch-timeline')!;
    await rendered(list, 'article.item', 'the list timeline of snippet 9');
  });

  it('runs twttr.ready callbacks queued by X async snippet before Perch loaded; createTweet renders', async () => {
    const state = (): DemoState => win.perchDemo!;
    expect(state().queuedBeforePerch, 'queued while twttr was still X\'s stub').to.equal(true);
    await until(() => state().created !== undefined, 10_000, 'createTweet');
    expect(state().readyRan).to.equal(true);
    expect(state().created).to.equal('perch-tweet');
    expect(win.twttr?.perch).to.equal(true);
    const el = section(16).querySelector('perch-tweet')!;
    expect([el.getAttribute('tweet-id'), el.getAttribute('theme'), el.getAttribute('hide-thread'), el.getAttribute('width')]).to.deep.equal(['9000000000000000006', 'dark', '', '450']);
    expect(el.shadowRoot!.querySelector('article.post')).to.exist;
    expect(state().events.some((e) => e.type === 'rendered' && e.tag === 'perch-tweet')).to.equal(true);
    // "loaded" once every widget found at start-up has settled (all were scrolled into view above).
    const pending = (): string => [...doc.querySelectorAll('*')].filter((e) => e.localName.startsWith('perch-')).map((e) => `${e.localName}:${e.shadowRoot === null ? 'no-shadow' : e.shadowRoot.querySelector('article') ? 'ok' : 'empty'}:${String(customElements.get(e.localName) !== undefined || win.customElements.get(e.localName) !== undefined)}`).join(' ');
    await until(() => state().events.some((e) => e.type === 'loaded'), 10_000, `the loaded event ${pending()}`);
    expect(doc.getElementById('twttr-status')!.textContent).to.contain('rendered');
  });

  it('twttr.widgets.createTimeline resolves with the rendered timeline, for a profile object and a list URL', async () => {
    const api = win.twttr as unknown as TwttrApi;
    const target = doc.createElement('div');
    section(16).append(target);
    target.scrollIntoView({ block: 'center' });
    const profile = await api.widgets.createTimeline({ sourceType: 'profile', screenName: 'TwitterDev' }, target, { tweetLimit: 2, theme: 'dark' });
    expect(profile?.localName).to.equal('perch-timeline');
    expect([profile!.getAttribute('screen-name'), profile!.getAttribute('tweet-limit'), profile!.getAttribute('theme')]).to.deep.equal(['TwitterDev', '2', 'dark']);
    expect(profile!.shadowRoot!.querySelectorAll('article.item').length).to.equal(2);
    const list = await api.widgets.createTimeline('https://x.com/TwitterDev/lists/perch-demo', target, { tweetLimit: 1 });
    expect([list?.getAttribute('owner-screen-name'), list?.getAttribute('slug')]).to.deep.equal(['TwitterDev', 'perch-demo']);
    const rendered = win.perchDemo!.events.filter((e) => e.type === 'rendered' && e.tag === 'perch-timeline');
    expect(rendered.length, '"rendered" once per timeline (three pasted, two created)').to.equal(5);
  });

  it('leaves malformed snippets as readable fallbacks, each with a console warning', async () => {
    for (const [n, text] of Object.entries(MALFORMED)) {
      const s = section(Number(n));
      expect(s.querySelector('perch-tweet, perch-timeline'), `snippet ${n} not upgraded`).to.equal(null);
      const original = s.querySelector('blockquote, a.twitter-timeline')!;
      expect(original.getAttribute('data-perch'), `snippet ${n}`).to.equal('skipped');
      expect(original.textContent, `snippet ${n}`).to.contain(text);
      const box = original.getBoundingClientRect();
      expect(box.width > 0 && box.height > 0, `snippet ${n} visible`).to.equal(true);
    }
    const warnings = (await log()).console.filter((m) => m.type === 'warn' && m.text.includes('[perch] left X markup as it is'));
    expect(warnings.length, warnings.map((w) => w.text).join('\n')).to.equal(Object.keys(MALFORMED).length);
  });

  it('throws nothing, logs no error, and sends nothing past loopback (only the pasted widgets.js lines were attempted, and aborted)', async () => {
    const { errors, console: messages, external } = await log();
    expect(errors, 'uncaught errors in the page').to.deep.equal([]);
    // (The aborted widgets.js requests log "net::ERR_BLOCKED_BY_CLIENT"; Perch's own requests are all loopback, checked below.)
    const consoleErrors = messages.filter((m) => m.type === 'error' && !m.text.includes('net::ERR_BLOCKED_BY_CLIENT'));
    expect(consoleErrors, JSON.stringify(consoleErrors)).to.deep.equal([]);
    expect(external.length, 'the pasted widgets.js lines were requested by the page itself').to.be.greaterThan(0);
    expect([...new Set(external)], 'no other host than the pasted script\'s').to.deep.equal(['https://platform.twitter.com/widgets.js']);
  });
});
