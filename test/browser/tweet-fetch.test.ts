import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchErrorEvent } from '../../src/shared/events.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { afterIntersectionReport, embedServerUrl, nextEvent, recordFetches, until } from './support/fixtures.js';

const IDS = ['1641086480675225601', '1641895049427550208', '1629262255744503809'];

function tweetRequests(since: number): string[] {
  return performance
    .getEntriesByType('resource')
    .slice(since)
    .map((e) => e.name)
    .filter((u) => u.includes('/v1/tweets'));
}

describe('<perch-tweet> fetching', () => {
  let uncaught: unknown[] = [];
  const onError = (e: ErrorEvent): void => {
    uncaught.push(e.error ?? e.message);
  };
  const onRejection = (e: PromiseRejectionEvent): void => {
    uncaught.push(e.reason);
  };
  beforeEach(() => {
    clearPostMemo();
    uncaught = [];
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(uncaught, 'nothing reaches window.onerror').to.deep.equal([]);
  });

  it('fetches several posts on one page in one batched request', async () => {
    const server = await embedServerUrl();
    const before = performance.getEntriesByType('resource').length;
    const wrap = await fixture<HTMLDivElement>(html`<div>${IDS.map((id) => html`<perch-tweet tweet-id=${id} server=${server}></perch-tweet>`)}</div>`);
    const els = [...wrap.querySelectorAll('perch-tweet')];
    await Promise.all(els.map((el) => nextEvent(el, 'perch-render')));
    const requests = tweetRequests(before);
    expect(requests).to.have.length(1);
    const ids = new URL(requests[0]!).searchParams.get('ids')!.split(',');
    expect(ids.sort()).to.deep.equal([...IDS].sort());
  });

  it('requests nothing until the post is within about one viewport', async () => {
    const server = await embedServerUrl();
    const before = performance.getEntriesByType('resource').length;
    const wrap = await fixture<HTMLDivElement>(html`<div><div style="height: ${window.innerHeight * 4}px"></div><perch-tweet tweet-id=${IDS[0]} server=${server}></perch-tweet></div>`);
    const el = wrap.querySelector('perch-tweet')!;
    const fetches = recordFetches();
    try {
      await afterIntersectionReport(el);
      // A post asked for now goes out with, or after, any request the far post has made.
      const marker = document.createElement('perch-tweet');
      for (const [name, value] of [['tweet-id', IDS[2]!], ['server', server], ['loading', 'eager']] as const) marker.setAttribute(name, value);
      const markerRendered = nextEvent(marker, 'perch-render');
      wrap.prepend(marker);
      await markerRendered;
      expect(fetches.urls.filter((u) => u.includes('/v1/tweets')).map((u) => new URL(u).searchParams.get('ids'))).to.deep.equal([IDS[2]]);
    } finally {
      fetches.stop();
    }
    const rendered = nextEvent(el, 'perch-render');
    el.scrollIntoView();
    await rendered;
    expect(tweetRequests(before).filter((u) => u.includes(IDS[0]!))).to.have.length(1);
    window.scrollTo(0, 0);
  });

  it('loading="eager" fetches at once even far below the fold', async () => {
    const server = await embedServerUrl();
    const wrap = await fixture<HTMLDivElement>(html`<div><div style="height: ${window.innerHeight * 4}px"></div><perch-tweet loading="eager" tweet-id=${IDS[1]} server=${server}></perch-tweet></div>`);
    await nextEvent(wrap.querySelector('perch-tweet')!, 'perch-render');
  });

  it('rejects a bad id without any request, keeps the fallback and says so', async () => {
    const before = performance.getEntriesByType('resource').length;
    const el = document.createElement('perch-tweet');
    el.setAttribute('tweet-id', '12ab');
    el.innerHTML = '<blockquote>Pasted fallback</blockquote>';
    const error = nextEvent<PerchErrorEvent>(el, 'perch-error');
    document.body.append(el);
    expect((await error).reason).to.equal('invalid-id');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(el.querySelector('blockquote')!.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[part="message"]')!.textContent).to.match(/not valid/);
    expect(tweetRequests(before)).to.deep.equal([]);
    el.remove();
  });

  it('a server that cannot be reached leaves the fallback, a message and an error event', async () => {
    const el = document.createElement('perch-tweet');
    el.setAttribute('tweet-id', IDS[0]!);
    el.setAttribute('server', 'http://127.0.0.1:9');
    el.setAttribute('loading', 'eager');
    el.innerHTML = '<blockquote>Pasted fallback</blockquote>';
    const error = nextEvent<PerchErrorEvent>(el, 'perch-error');
    document.body.append(el);
    const event = await error;
    expect(event.reason).to.equal('network');
    expect(event.bubbles && event.composed).to.equal(true);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="message"]')!.getAttribute('role')).to.equal('status');
    el.remove();
  });

  it('a server that answers too late times out into the fallback', async () => {
    await embedServerUrl(); // the delaying proxy forwards to the embed server: have it running
    window.PerchConfig = { timeoutMs: 200 };
    try {
      const el = document.createElement('perch-tweet');
      el.setAttribute('tweet-id', IDS[2]!);
      // The test runner's delaying proxy answers after 2 s.
      el.setAttribute('server', `${location.origin}/__delay/2000`);
      el.setAttribute('loading', 'eager');
      const error = nextEvent<PerchErrorEvent>(el, 'perch-error');
      document.body.append(el);
      expect((await error).reason).to.equal('timeout');
      el.remove();
    } finally {
      delete window.PerchConfig;
    }
  });

  it('a server answering something that is not JSON (a captive portal, an error page from a proxy) is reported as invalid data', async () => {
    const realFetch = window.fetch;
    window.fetch = async (input, init) =>
      String(input).includes('/v1/tweets') ? new Response('<!doctype html><title>Sign in to the Wi-Fi</title>', { status: 200, headers: { 'content-type': 'text/html' } }) : realFetch(input, init);
    try {
      const el = document.createElement('perch-tweet');
      el.setAttribute('tweet-id', IDS[1]!);
      el.setAttribute('server', 'http://127.0.0.1:9');
      el.setAttribute('loading', 'eager');
      const error = nextEvent<PerchErrorEvent>(el, 'perch-error');
      document.body.append(el);
      expect((await error).reason).to.equal('invalid-data');
      el.remove();
    } finally {
      window.fetch = realFetch;
    }
  });

  it('malformed inline data shows an error, not a half-rendered post', async () => {
    for (const bad of ['{', '{"kind":"post","version":1,"id":"1"}', '[]', 'null', '{"kind":"tombstone","version":1,"id":"5","reason":"eaten"}']) {
      const el = document.createElement('perch-tweet');
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = bad;
      el.append(script);
      const error = nextEvent<PerchErrorEvent>(el, 'perch-error');
      document.body.append(el);
      expect((await error).reason, bad).to.equal('invalid-data');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('article'), bad).to.equal(null);
      el.remove();
    }
  });

  it('an unknown id renders a not-found tombstone', async () => {
    const server = await embedServerUrl();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1234567890123" server=${server} loading="eager"></perch-tweet>`);
    await nextEvent(el, 'perch-render');
    await until(() => el.shadowRoot!.querySelector('[part="tombstone"]') !== null);
    expect(el.shadowRoot!.querySelector('[part="tombstone"]')!.getAttribute('data-reason')).to.equal('not-found');
  });

  it('loads when a script creates the element, connects it, and only then sets its id', async () => {
    const server = await embedServerUrl();
    const el = document.createElement('perch-tweet');
    el.setAttribute('server', server);
    document.body.append(el);
    await el.updateComplete;
    el.setAttribute('tweet-id', '1703436713362870723');
    await until(() => el.shadowRoot!.querySelector('article.post') !== null, 5000, 'the post');
    el.remove();
  });
});
