// Under 13 (the site-wide switch), every request to the embed server says so: posts,
// timelines, media through the proxy, and impression batches.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/video/video.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { flushImpressions, resetImpressionQueueForTests } from '../../src/impressions/index.js';
import { embedServerUrl, seenRequests, until, watchRequests } from './support/fixtures.js';

const PHOTO_POST = '1641086480675225601';

describe('under 13, every request to the embed server carries dnt=true', () => {
  let meta: HTMLMetaElement;
  let server: string;
  before(async () => {
    server = await embedServerUrl();
  });
  beforeEach(() => {
    meta = document.createElement('meta');
    meta.name = 'twitter:dnt';
    meta.content = 'on';
    document.head.append(meta);
    clearPostMemo();
    resetImpressionQueueForTests();
    window.PerchConfig = { impressions: 'always', collector: server };
    resetConsentCoreForTests();
  });
  afterEach(() => {
    meta.remove();
    delete window.PerchConfig;
    resetConsentCoreForTests();
  });

  it('posts, their media through the proxy, and impression batches', async () => {
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id=${PHOTO_POST} server=${server} loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('[part~="media"] img') !== null, 8000, 'the post with its photo');
    const img = el.shadowRoot!.querySelector<HTMLImageElement>('[part~="media"] img')!;
    img.loading = 'eager';
    await until(() => img.complete, 5000, 'the photo');
    await until(() => el.shadowRoot!.querySelector('[part~="avatar"]') !== null, 2000, 'the avatar');
    await flushImpressions();
    const origin = new URL(server).origin;
    let toServer: string[] = [];
    // The DevTools request log arrives a little after the requests themselves: poll it.
    for (let i = 0; i < 40; i++) {
      toServer = (await seenRequests()).filter((u) => u.startsWith(origin) && /\/v1\//.test(u));
      if (toServer.some((u) => u.includes('/v1/impressions')) && toServer.some((u) => u.includes('/v1/media'))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(toServer.some((u) => u.includes('/v1/tweets')), 'post request seen').to.equal(true);
    expect(toServer.some((u) => u.includes('/v1/media')), 'media request seen').to.equal(true);
    expect(toServer.some((u) => u.includes('/v1/impressions')), 'impressions request seen').to.equal(true);
    for (const u of toServer) expect(new URL(u).searchParams.get('dnt'), u).to.equal('true');
  });
});
