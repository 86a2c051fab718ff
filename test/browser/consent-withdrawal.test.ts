// Consent follows a widget's whole life: withdrawn consent takes loaded posts, timelines and
// playing media back to the placeholder at once, and video waits for consent in every mode.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/timeline/timeline.js';
import '../../src/video/video.js';
import '../../src/consent/consent-settings.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { installGlobalApi } from '../../src/cdn/global-api.js';
import { resetImpressionQueueForTests } from '../../src/impressions/index.js';
import { watchedImpressionCount } from '../../src/impressions/impression-tracker.js';
import { embedServerUrl, seenRequests, until, watchRequests } from './support/fixtures.js';
import { STUB_SERVER, stubTimelineServer, type TimelineStub } from './support/timeline-pages.js';
import { innerVideo, makePlayer, nextState, sampleGif, videoServerUrl } from './support/video-helpers.js';

const POST = '1641086480675225601';
type Win = Window & Record<string, unknown>;
const win = window as unknown as Win;

function clearConsentCookie(): void {
  document.cookie = 'perch_consent=; Max-Age=0; path=/';
}

const placeholderIn = (el: Element): Element | null => el.shadowRoot!.querySelector('[part~="consent"]');
const postBodyIn = (el: Element): Element | null => el.shadowRoot!.querySelector('[part~="body"]');
const isVideoRequest = (url: string): boolean => /video\.twimg\.com|\.mp4|\.m3u8/.test(decodeURIComponent(url));

interface Loaded {
  tweet: PerchTweet;
  timeline: PerchTimeline;
  gif: PerchVideo;
}

describe('consent withdrawn after widgets loaded', () => {
  let stub: TimelineStub;
  let server: string;
  let mediaServer: string;
  before(async () => {
    server = await embedServerUrl();
    mediaServer = await videoServerUrl();
  });
  beforeEach(() => {
    clearPostMemo();
    clearConsentCookie();
    delete win['__tcfapi'];
    delete win['wp_has_consent'];
    delete win['wp_consent_type'];
    window.PerchConfig = { consent: { firstPartyBeforeConsent: false }, impressions: 'after-consent', collector: 'http://127.0.0.1:9' };
    resetConsentCoreForTests();
    resetImpressionQueueForTests();
    stub = stubTimelineServer(30);
  });
  afterEach(() => {
    stub.restore();
    document.querySelectorAll('perch-video, perch-tweet, perch-timeline').forEach((e) => e.remove());
    delete win['__tcfapi'];
    delete win['wp_has_consent'];
    delete win['wp_consent_type'];
    delete window.PerchConfig;
    clearConsentCookie();
    resetConsentCoreForTests();
  });

  /** A playing GIF, a post and a timeline, all loaded under consent. */
  async function loadAll(): Promise<Loaded> {
    const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
    const gif = await makePlayer(sampleGif(), { server: mediaServer, autoplay: 'in-view' }, wrap);
    const playing = nextState(gif, 'playing');
    const tweet = document.createElement('perch-tweet');
    tweet.setAttribute('loading', 'eager');
    tweet.server = server;
    tweet.tweetId = POST;
    const timeline = document.createElement('perch-timeline');
    timeline.setAttribute('loading', 'eager');
    timeline.setAttribute('height', '300');
    timeline.server = STUB_SERVER;
    timeline.screenName = 'TwitterDev';
    wrap.append(tweet, timeline);
    await until(() => postBodyIn(tweet) !== null, 8000, 'the post');
    await until(() => timeline.postCount > 0, 8000, 'the timeline');
    await playing;
    return { tweet, timeline, gif };
  }

  /** Everything is back to a placeholder (or the poster): nothing from X on screen, nothing playing or watched. */
  async function expectAllWithdrawn({ tweet, timeline, gif }: Loaded): Promise<void> {
    await Promise.all([tweet.updateComplete, timeline.updateComplete, gif.updateComplete]);
    expect(postBodyIn(tweet), 'post content dropped').to.equal(null);
    await until(() => placeholderIn(tweet) !== null && placeholderIn(timeline) !== null, 2000, 'placeholders back');
    expect(timeline.postCount, 'timeline posts dropped').to.equal(0);
    expect(timeline.shadowRoot!.querySelector('[part~="feed"]'), 'no feed').to.equal(null);
    const video = innerVideo(gif);
    expect(video.paused, 'the GIF stopped').to.equal(true);
    expect(video.hasAttribute('src'), 'its download dropped').to.equal(false);
    expect(watchedImpressionCount(), 'no impression observer left').to.equal(0);
  }

  it('"Withdraw consent" in <perch-consent-settings> takes them all back', async () => {
    getConsentCore().grant({ remember: true });
    const loaded = await loadAll();
    const settings = document.createElement('perch-consent-settings');
    document.body.append(settings);
    await settings.updateComplete;
    settings.shadowRoot!.querySelector<HTMLButtonElement>('button[data-consent="revoke"]')!.click();
    await expectAllWithdrawn(loaded);
    settings.remove();
  });

  it('perch.revoke() takes them all back', async () => {
    installGlobalApi();
    getConsentCore().grant();
    const loaded = await loadAll();
    window.perch!.revoke();
    await expectAllWithdrawn(loaded);
  });

  it('a later refusal in the TCF platform takes them all back', async () => {
    const listeners = new Map<number, (d: unknown, ok: boolean) => void>();
    const base = { tcString: 'CP-stub', cmpStatus: 'loaded', gdprApplies: true, vendor: { consents: {}, legitimateInterests: {} }, publisher: { consents: { 1: true } } };
    win['__tcfapi'] = (command: string, _v: number, callback: (d: unknown, ok: boolean) => void): void => {
      if (command === 'addEventListener') {
        listeners.set(1, callback);
        callback({ ...base, listenerId: 1, eventStatus: 'tcloaded', purpose: { consents: { 1: true }, legitimateInterests: {} } }, true);
      } else if (command === 'removeEventListener') callback(true, true);
    };
    resetConsentCoreForTests();
    await getConsentCore().whenSettled();
    expect(getConsentCore().allows('content')).to.equal(true);
    const loaded = await loadAll();
    for (const cb of listeners.values()) cb({ ...base, listenerId: 1, eventStatus: 'useractioncomplete', purpose: { consents: {}, legitimateInterests: {} }, publisher: { consents: {} } }, true);
    await expectAllWithdrawn(loaded);
  });

  it('a WordPress Consent API "deny" takes them all back', async () => {
    let marketing = true;
    win['wp_consent_type'] = 'optin';
    win['wp_has_consent'] = (category: string): boolean => category === 'marketing' && marketing;
    resetConsentCoreForTests();
    await getConsentCore().whenSettled();
    expect(getConsentCore().allows('content')).to.equal(true);
    const loaded = await loadAll();
    marketing = false;
    document.dispatchEvent(new CustomEvent('wp_listen_for_consent_change', { detail: { marketing: 'deny' } }));
    await expectAllWithdrawn(loaded);
  });
});

describe('video waits for consent in every mode', () => {
  let mediaServer: string;
  before(async () => {
    mediaServer = await videoServerUrl();
  });
  beforeEach(() => {
    clearConsentCookie();
    delete window.PerchConfig; // the default: first-party content before consent
    resetConsentCoreForTests();
  });
  afterEach(() => {
    document.querySelectorAll('perch-video').forEach((e) => e.remove());
    resetConsentCoreForTests();
  });

  it('an in-view GIF neither plays nor fetches video before consent; Play asks, and plays once allowed', async () => {
    await watchRequests();
    // Its own URL, so a request left over from an earlier test cannot be mistaken for one of its own.
    const gif = await makePlayer(sampleGif({ variants: [{ url: 'https://video.twimg.com/tweet_video/sample.mp4?before-consent', contentType: 'video/mp4', bitrate: 0 }] }), { server: mediaServer, autoplay: 'in-view' });
    // Wait for the player to have seen itself in view (its poster is drawn through the proxy).
    await until(() => (gif.shadowRoot!.querySelector<HTMLImageElement>('[part="poster"]')?.complete ?? false), 5000, 'poster shown');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(innerVideo(gif).hasAttribute('src'), 'no source before consent').to.equal(false);
    expect(innerVideo(gif).paused).to.equal(true);
    gif.shadowRoot!.querySelector<HTMLButtonElement>('[part="play"]')!.click();
    await gif.updateComplete;
    expect(placeholderIn(gif), 'Play asks for consent').to.not.equal(null);
    expect(innerVideo(gif).hasAttribute('src')).to.equal(false);
    expect((await seenRequests()).filter((u) => isVideoRequest(u) && u.includes('before-consent')), 'no video bytes before consent').to.deep.equal([]);
    const playing = nextState(gif, 'playing');
    placeholderIn(gif)!.querySelector<HTMLButtonElement>('button[data-consent="once"]')!.click();
    await playing;
    expect(innerVideo(gif).muted).to.equal(true);
  });

  it('a GIF inside a post waits too', async () => {
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1684218600456876032" server=${mediaServer} loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('perch-video')?.shadowRoot?.querySelector('[part="play"]') != null, 5000, 'the player');
    const player = el.shadowRoot!.querySelector('perch-video')!;
    player.autoplay = 'in-view';
    await player.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(innerVideo(player).hasAttribute('src')).to.equal(false);
    expect((await seenRequests()).filter(isVideoRequest)).to.deep.equal([]);
  });
});
