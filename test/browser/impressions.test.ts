import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { flushImpressions, pendingImpressions, resetImpressionQueueForTests, trackImpressions } from '../../src/impressions/index.js';
import { useViewabilityTimersForTests, watchedImpressionCount, type ViewabilityTimers } from '../../src/impressions/impression-tracker.js';
import { browserCookies, embedServerUrl, fixturePost, until } from './support/fixtures.js';

// Impression counting in the page, sent to the real embed server's collector. The viewability
// second runs on a manual clock: the tests move time on, they do not wait for it.

/** Timers that fire only when the test advances the clock. */
class ManualClock implements ViewabilityTimers {
  private now = 0;
  private nextId = 1;
  private readonly due = new Map<number, { at: number; run: () => void }>();
  set(run: () => void, ms: number): number {
    const id = this.nextId++;
    this.due.set(id, { at: this.now + ms, run });
    return id;
  }
  /** Timers set and not yet run or cleared. */
  get pending(): number {
    return this.due.size;
  }
  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }
  /** Move time on by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = [...this.due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (next === undefined) break;
      this.due.delete(next[0]);
      this.now = next[1].at;
      next[1].run();
    }
    this.now = end;
  }
}
let clock = new ManualClock();
const answers: Array<{ status: number; body: { accepted?: number; duplicates?: number } }> = [];
const beacons: Array<{ url: string; type: string; text: string }> = [];
const realFetch = window.fetch.bind(window);
const realBeacon = navigator.sendBeacon.bind(navigator);

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

function box(top: number): HTMLDivElement {
  const el = document.createElement('div');
  el.style.cssText = `position: absolute; left: 0; top: ${top}px; width: 200px; height: 200px; background: #ddd`;
  document.body.append(el);
  return el;
}

describe('impressions', () => {
  before(async () => {
    window.PerchConfig = { collector: await embedServerUrl() };
    window.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if (String(input).includes('/v1/impressions')) answers.push({ status: res.status, body: (await res.clone().json()) as { accepted?: number } });
      return res;
    };
    navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
      const blob = data as Blob;
      void blob.text().then((text) => beacons.push({ url: String(url), type: blob.type, text }));
      return true;
    };
  });
  after(() => {
    useViewabilityTimersForTests();
    window.fetch = realFetch;
    navigator.sendBeacon = realBeacon;
    delete window.PerchConfig;
    setVisibility('visible');
  });
  beforeEach(() => {
    clock = new ManualClock();
    useViewabilityTimersForTests(clock);
    resetImpressionQueueForTests();
    answers.length = 0;
    beacons.length = 0;
    window.PerchConfig = { collector: window.PerchConfig?.collector ?? '' };
  });

  it('counts one rendered impression per post, whatever re-renders and moves happen, and the collector accepts it', async () => {
    const post = await fixturePost('quote-tweet.json');
    // The server counts only posts it served (a widget given its data directly still had it from the server).
    expect((await fetch(new URL(`/v1/tweets/${post.id}`, window.PerchConfig!.collector!))).status).to.equal(200);
    const el = await fixture<PerchTweet>(html`<perch-tweet></perch-tweet>`);
    el.data = post;
    await el.updateComplete;
    el.theme = 'dark';
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await el.updateComplete;
    const rendered = pendingImpressions().filter((e) => e.type === 'rendered' && e.id === post.id);
    expect(rendered).to.have.length(1);
    await flushImpressions();
    expect(answers.at(-1)?.status).to.equal(200);
    expect(answers.at(-1)?.body.accepted).to.be.greaterThan(0);
  });

  it('viewable: half visible for 0.8 s does not count, a full second does', async () => {
    const el = box(window.innerHeight - 100); // exactly half (100 of 200 px) in view
    trackImpressions(el, { kind: 'post', id: '111' });
    await until(() => clock.pending === 1, 5000, 'the clock to start'); // seen half visible
    clock.advance(800);
    el.style.top = `${window.innerHeight + 50}px`; // out of view before the second is up
    await until(() => clock.pending === 0, 5000, 'the clock to stop');
    clock.advance(600);
    expect(pendingImpressions().filter((e) => e.type === 'viewable' && e.id === '111')).to.have.length(0);
    el.style.top = '0px';
    await until(() => clock.pending === 1, 5000, 'the clock to start again');
    clock.advance(999);
    expect(pendingImpressions().filter((e) => e.type === 'viewable' && e.id === '111'), 'not before a full second').to.have.length(0);
    clock.advance(1);
    expect(pendingImpressions().filter((e) => e.type === 'viewable' && e.id === '111')).to.have.length(1);
    el.remove();
  });

  it('a hidden tab pauses the clock, and leaving the page hands the batch to sendBeacon as text/plain', async () => {
    const el = box(0);
    trackImpressions(el, { kind: 'post', id: '222' });
    await until(() => clock.pending === 1, 5000, 'the clock to start');
    setVisibility('hidden');
    await until(() => beacons.length > 0, 2000, 'the beacon');
    expect(beacons[0]!.type).to.equal('text/plain');
    expect(beacons[0]!.url).to.match(/\/v1\/impressions$/);
    const sent = JSON.parse(beacons[0]!.text) as { events: Array<{ type: string; id: string }>; pageView: string };
    expect(sent.events.some((e) => e.id === '222' && e.type === 'rendered')).to.equal(true);
    expect(sent.pageView).to.match(/^[A-Za-z0-9_-]{22,36}$/);
    clock.advance(1300);
    expect(pendingImpressions().filter((e) => e.type === 'viewable' && e.id === '222'), 'no viewable while hidden').to.have.length(0);
    setVisibility('visible');
    clock.advance(1000);
    expect(pendingImpressions().filter((e) => e.type === 'viewable' && e.id === '222')).to.have.length(1);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    await until(() => beacons.length > 1, 2000, 'the pagehide beacon');
    el.remove();
  });

  it('a failed send is retried with the same sequence numbers and counted once', async () => {
    const good = window.PerchConfig!.collector!;
    // The server counts only posts it served: serve this one first, as a widget would fetch it.
    const served = '1703436713362870723';
    expect((await fetch(new URL(`/v1/tweets/${served}`, good))).status).to.equal(200);
    window.PerchConfig = { collector: 'http://127.0.0.1:9' }; // nothing listens there
    const el = box(0);
    trackImpressions(el, { kind: 'post', id: served });
    const before = pendingImpressions().map((e) => e.seq);
    await flushImpressions();
    expect(pendingImpressions().map((e) => e.seq)).to.deep.equal(before);
    window.PerchConfig = { collector: good };
    const batch = [...pendingImpressions()];
    await flushImpressions();
    expect(answers.at(-1)?.body.accepted).to.equal(batch.length);
    expect(pendingImpressions()).to.have.length(0);
    el.remove();
  });

  it('mode "off" counts nothing; nothing is ever stored on the device', async () => {
    window.PerchConfig = { ...window.PerchConfig, impressions: 'off' };
    const el = box(0);
    const watched = watchedImpressionCount();
    trackImpressions(el, { kind: 'post', id: '444' });
    expect(watchedImpressionCount(), 'not watched at all').to.equal(watched);
    expect(clock.pending).to.equal(0);
    expect(pendingImpressions()).to.have.length(0);
    expect(await browserCookies()).to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    el.remove();
  });
});
