import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/video/video.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { pendingImpressions, resetImpressionQueueForTests } from '../../src/impressions/index.js';
import { embedServerUrl, nextEvent, seenRequests, until, watchRequests } from './support/fixtures.js';

// Widgets removed, moved and put back while they load, as frameworks and CMS editors do.

const POST = '1641086480675225601';
const VIDEO_POST = '1684218600456876032';

async function delayedServer(ms: number): Promise<string> {
  const server = await embedServerUrl();
  return `${location.origin}/__delay/${ms}${new URL(server).pathname.replace(/\/$/, '')}`;
}

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
    clearPostMemo();
    resetImpressionQueueForTests();
  });

  it('a <perch-tweet> removed while its post loads counts no impression; put back, it counts one', async () => {
    const el = document.createElement('perch-tweet') as PerchTweet;
    el.loading = 'eager';
    el.server = await delayedServer(400);
    el.tweetId = POST;
    document.body.append(el);
    await until(() => el.isConnected, 1000, 'connected');
    const loaded = nextEvent(el, 'perch-load', 5000);
    await new Promise((r) => setTimeout(r, 50)); // the request is on its way
    el.remove();
    await loaded;
    await el.updateComplete;
    expect(renderedImpressions(POST), 'nobody saw it').to.equal(0);
    document.body.append(el);
    await el.updateComplete;
    await until(() => renderedImpressions(POST) === 1, 2000, 'one rendered impression once on the page');
    el.remove();
    document.body.append(el);
    await el.updateComplete;
    expect(renderedImpressions(POST), 'moving it counts nothing new').to.equal(1);
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
