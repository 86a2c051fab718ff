import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/video/video.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { pendingImpressions, resetImpressionQueueForTests } from '../../src/impressions/index.js';
import { watchedImpressionCount } from '../../src/impressions/impression-tracker.js';
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { embedServerUrl, seenRequests, until, watchRequests } from './support/fixtures.js';
import { PROFILE_SOURCE, STUB_SERVER, stubTimelineServer, timelinePage, type TimelineStub } from './support/timeline-pages.js';

// Widgets removed, moved and put back while they load, as frameworks and CMS editors do.

const POST = '1641086480675225601';
const VIDEO_POST = '1684218600456876032';

async function delayedServer(ms: number): Promise<string> {
  const server = await embedServerUrl();
  return `${location.origin}/__delay/${ms}${new URL(server).pathname.replace(/\/$/, '')}`;
}

/** True once the page has received the answer to a request for `id` (resource timing records it when the body is in). */
const answerReceived = (id: string): boolean =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('/v1/tweets') && e.name.includes(id) && (e as PerformanceResourceTiming).responseEnd > 0);

const renderedImpressions = (id: string): number => pendingImpressions().filter((e) => e.id === id && e.type === 'rendered').length;

describe('widget lifecycle', () => {
  before(() => {
    // Count impressions whatever the consent state: this is about which elements count.
    window.PerchConfig = { ...window.PerchConfig, impressions: 'always', collector: 'http://127.0.0.1:9' };
  });
  after(() => {
    delete window.PerchConfig;
  });
  beforeEach(() => {
    performance.clearResourceTimings();
    clearPostMemo();
    resetImpressionQueueForTests();
  });

  it('a <perch-tweet> removed while its post loads shows and counts nothing; put back, it renders from what was fetched and counts one', async () => {
    await watchRequests();
    const el = document.createElement('perch-tweet') as PerchTweet;
    el.loading = 'eager';
    el.server = await delayedServer(400);
    el.tweetId = POST;
    let loads = 0;
    let renders = 0;
    el.addEventListener('perch-load', () => loads++);
    el.addEventListener('perch-render', () => renders++);
    document.body.append(el);
    await until(() => el.isConnected, 1000, 'connected');
    await until(() => el.shadowRoot?.querySelector('.loading') !== null, 2000, 'loading');
    el.remove();
    // The answer arrives while the element is away: it is kept, not shown.
    await until(() => answerReceived(POST), 5000, 'the answer to the abandoned request');
    await el.updateComplete;
    expect(loads, 'no perch-load for a detached post').to.equal(0);
    expect(renders, 'no perch-render for a detached post').to.equal(0);
    expect(renderedImpressions(POST), 'nobody saw it').to.equal(0);
    document.body.append(el);
    await until(() => renders === 1, 5000, 'rendered once back on the page');
    await until(() => renderedImpressions(POST) === 1, 2000, 'one rendered impression once on the page');
    expect((await seenRequests()).filter((u) => u.includes('/v1/tweets') && u.includes(POST)).length, 'fetched once').to.equal(1);
    el.remove();
    document.body.append(el);
    await el.updateComplete;
    expect(renderedImpressions(POST), 'moving it counts nothing new').to.equal(1);
    expect(renders, 'moving it renders nothing new').to.equal(1);
    el.remove();
  });

  it('a <perch-video tweet-id> moved before it came near still loads once it does', async () => {
    await watchRequests();
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <div style="height: ${window.innerHeight * 4}px"></div>
      <perch-video tweet-id=${VIDEO_POST} server=${await embedServerUrl()}></perch-video>
    </div>`);
    const el = wrap.querySelector<PerchVideo>('perch-video')!;
    // Moved (detached and re-attached elsewhere) while still far from the viewport.
    const target = document.createElement('div');
    wrap.append(target);
    target.append(el);
    el.scrollIntoView();
    await until(() => el.media !== undefined, 5000, 'the video loaded after the move');
    expect((await seenRequests()).filter((u) => u.includes(`/v1/tweets`) && u.includes(VIDEO_POST)).length).to.equal(1);
  });
});

describe('timeline lifecycle', () => {
  let stub: TimelineStub;
  before(() => {
    window.PerchConfig = { ...window.PerchConfig, impressions: 'always', collector: 'http://127.0.0.1:9' };
  });
  after(() => {
    delete window.PerchConfig;
  });
  beforeEach(() => {
    resetImpressionQueueForTests();
    stub = stubTimelineServer(60);
  });
  afterEach(() => stub.restore());

  const firstPages = (): string[] => stub.urls.filter((u) => !u.includes('cursor='));
  const viewportOf = (el: PerchTimeline): HTMLElement => el.shadowRoot!.querySelector<HTMLElement>('[part~="viewport"]')!;

  it('moved in the DOM, it keeps its loaded pages and scroll position and fetches nothing again', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><div class="a"><perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" height="400"></perch-timeline></div><div class="b"></div></div>`);
    const el = wrap.querySelector<PerchTimeline>('perch-timeline')!;
    await until(() => el.postCount >= 10, 5000, 'first page');
    await el.loadMore();
    await el.updateComplete;
    const held = el.postCount;
    expect(held).to.be.greaterThan(10);
    const viewport = viewportOf(el);
    viewport.scrollTop = 600;
    await until(() => viewport.scrollTop === 600, 2000, 'scrolled');
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const requests = stub.urls.length;
    wrap.querySelector('.b')!.append(el);
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    expect(el.postCount, 'loaded pages kept').to.equal(held);
    expect(firstPages().length, 'page 1 fetched once').to.equal(1);
    expect(stub.urls.length, 'no request for the move').to.be.at.most(requests + 1); // scrolling near the end may ask for the next page
    expect(viewportOf(el).scrollTop, 'scroll position kept').to.equal(600);
  });

  it('a new source fires perch-render again and counts impressions under the new timeline', async () => {
    const original = window.fetch;
    // Answers each profile with its own source, so the timeline's identity follows the attribute.
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.origin !== STUB_SERVER) return original(input, init);
      const name = decodeURIComponent(url.pathname.split('/').pop() ?? '');
      const userId = name === 'Other' ? '1000000000000000002' : PROFILE_SOURCE.type === 'profile' ? PROFILE_SOURCE.userId : '';
      const page = timelinePage(3, { source: { type: 'profile', userId, handle: name } });
      return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    try {
      const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager"></perch-timeline>`);
      const renders: string[] = [];
      el.addEventListener('perch-render', (e) => renders.push(e.page.source.type === 'profile' ? e.page.source.userId : ''));
      await until(() => pendingImpressions().some((e) => e.kind === 'timeline' && e.type === 'rendered'), 5000, 'first timeline shown');
      el.screenName = 'Other';
      await until(() => renders.includes('1000000000000000002'), 5000, 'perch-render for the new source');
      const rendered = pendingImpressions().filter((e) => e.kind === 'timeline' && e.type === 'rendered').map((e) => e.id);
      expect(rendered).to.deep.equal([`profile:${PROFILE_SOURCE.type === 'profile' ? PROFILE_SOURCE.userId : ''}`, 'profile:1000000000000000002']);
      expect(el.data?.source, 'the new timeline is the one shown').to.deep.include({ userId: '1000000000000000002' });
    } finally {
      window.fetch = original;
    }
  });

  it('loadMore and refresh can be aborted by the caller, and are aborted when the element leaves the page', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" height="400"></perch-timeline>`);
    await until(() => el.postCount >= 10, 5000, 'first page');
    await el.updateComplete;
    const errors: Event[] = [];
    el.addEventListener('perch-error', (e) => errors.push(e));
    stub.hold = true;
    const caller = new AbortController();
    const more = el.loadMore({ signal: caller.signal });
    await until(() => stub.urls.some((u) => u.includes('cursor=')), 2000, 'next page asked for');
    caller.abort();
    expect(await more).to.equal(0);
    expect(stub.aborted.filter((u) => u.includes('cursor=')).length, 'the page request was aborted').to.equal(1);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.retry'), 'an abort is not a failure').to.equal(null);
    stub.numbers.unshift(100, 101);
    const refreshed = el.refresh();
    await until(() => stub.urls.filter((u) => !u.includes('cursor=')).length === 2, 2000, 'refresh asked');
    el.remove();
    expect(await refreshed).to.equal(0);
    expect(stub.aborted.filter((u) => !u.includes('cursor=')).length, 'leaving the page aborts the refresh').to.equal(1);
    expect(errors).to.deep.equal([]);
    stub.release();
  });
});

describe('widgets in a React app', () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    window.PerchConfig = { ...window.PerchConfig, impressions: 'always', collector: 'http://127.0.0.1:9' };
    clearPostMemo();
    resetImpressionQueueForTests();
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    root.unmount();
    container.remove();
    delete window.PerchConfig;
  });

  it('mounts, reorders (moves) and unmounts posts: each renders once, counts once, and an unmounted one leaves nothing watching', async () => {
    const server = await embedServerUrl();
    const ids = [POST, '1641895049427550208'];
    const renders = new Map<string, number>();
    const onRender = (e: Event): void => {
      const id = (e.target as PerchTweet).tweetId;
      renders.set(id, (renders.get(id) ?? 0) + 1);
    };
    const app = (order: string[], shown = true): ReactElement =>
      createElement('div', null, shown ? order.map((id) => createElement('perch-tweet', { key: id, 'tweet-id': id, server, loading: 'eager' })) : []);
    container.addEventListener('perch-render', onRender);
    flushSync(() => root.render(app(ids)));
    await until(() => ids.every((id) => renders.get(id) === 1), 8000, 'both posts rendered');
    // React moves the existing elements to reorder them (keys kept).
    const before = [...container.querySelectorAll('perch-tweet')];
    flushSync(() => root.render(app([...ids].reverse())));
    const after = [...container.querySelectorAll('perch-tweet')];
    expect(after[0]).to.equal(before[1]);
    await Promise.all(after.map((el) => (el as PerchTweet).updateComplete));
    for (const id of ids) {
      expect(renders.get(id), `${id} rendered once`).to.equal(1);
      expect(pendingImpressions().filter((e) => e.id === id && e.type === 'rendered').length, `${id} counted once`).to.equal(1);
    }
    flushSync(() => root.render(app(ids, false)));
    expect(container.querySelector('perch-tweet')).to.equal(null);
    // Unmounted posts are not watched: scrolling them "into view" again is impossible, and no viewable impression comes.
    expect(watchedImpressionCount()).to.equal(0);
  });
});
