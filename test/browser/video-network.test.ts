import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/index.js';
import { pickVariant } from '../../src/video/variant-picker.js';
import { seenRequests, until, watchRequests } from './support/fixtures.js';
import { clearMediaHostLog, control, innerVideo, makePlayer, mediaHostLog, nextState, sampleGif, sampleVideo, videoServerUrl } from './support/video-helpers.js';

const VIDEO_POST = '1684218600456876032';

/** True when `url` asks for video bytes (directly or through the media proxy). */
function isVideoRequest(url: string): boolean {
  const decoded = decodeURIComponent(url);
  return /video\.twimg\.com|\.mp4|\.m3u8/.test(decoded);
}

async function playerIn(el: PerchTweet): Promise<PerchVideo> {
  await until(() => el.shadowRoot!.querySelector('perch-video')?.shadowRoot?.querySelector('[part="play"]') != null, 5000, 'the player');
  const player = el.shadowRoot!.querySelector('perch-video')!;
  await player.updateComplete;
  return player;
}

describe('<perch-video> network and failures', () => {
  let server: string;
  before(async () => {
    server = await videoServerUrl();
  });
  beforeEach(() => {
    clearPostMemo();
    delete window.PerchConfig;
    resetConsentCoreForTests();
    getConsentCore().grant(); // playback needs consent in every mode (see consent-withdrawal.test.ts)
  });
  afterEach(() => {
    document.querySelectorAll('perch-video').forEach((e) => e.remove());
    resetConsentCoreForTests();
  });

  it('a post with video requests no video byte before play; play streams the MP4 through the media proxy with HTTP Range', async () => {
    await clearMediaHostLog();
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id=${VIDEO_POST} server=${server} loading="eager"></perch-tweet>`);
    const player = await playerIn(el);
    await new Promise((r) => setTimeout(r, 800));
    expect((await seenRequests()).filter(isVideoRequest), 'video requests before play').to.deep.equal([]);
    expect((await mediaHostLog()).filter((r) => r.path.endsWith('.mp4'))).to.deep.equal([]);
    const video = innerVideo(player);
    expect(video.preload).to.equal('none');
    expect(video.hasAttribute('src')).to.equal(false);

    const playing = nextState(player, 'playing');
    control(player, 'Play video')!.click();
    await playing;
    const requested = (await seenRequests()).filter(isVideoRequest);
    expect(requested.length).to.be.greaterThan(0);
    for (const u of requested) expect(new URL(u).origin, 'first-party through the embed server').to.equal(new URL(server).origin);
    // Smallest MP4 at least as wide as the player (550 css px at dpr 1 → 584x360 of 438/584/886).
    expect(decodeURIComponent(video.currentSrc)).to.contain(window.devicePixelRatio > 1 ? '/886x546/' : '/584x360/');
    const log = (await mediaHostLog()).filter((r) => r.path.endsWith('.mp4'));
    expect(log.some((r) => r.range !== null && r.status === 206), JSON.stringify(log)).to.equal(true);
    expect(video.muted).to.equal(true);
  });

  it('a missing source shows a message with a link to watch on X, never a broken player', async () => {
    const el = await makePlayer(sampleVideo({ variants: [{ url: 'https://video.twimg.com/ext_tw_video/9/pu/vid/320x180/missing.mp4', contentType: 'video/mp4', bitrate: 1 }] }), { server });
    const failed = nextState(el, 'error');
    control(el, 'Play video')!.click();
    await failed;
    await el.updateComplete;
    const message = el.shadowRoot!.querySelector('[part="message"]')!;
    expect(message.textContent).to.contain('This video can’t be played here.');
    const link = message.querySelector('a')!;
    expect(link.textContent).to.equal('Watch on X');
    expect(link.href).to.equal('https://x.com/perch/status/1684218600456876032');
    expect(el.shadowRoot!.querySelector('[part="controls"]')).to.equal(null);
    // The poster stays behind the message, so the reader still sees what the video was.
    const poster = el.shadowRoot!.querySelector<HTMLImageElement>('[part="poster"]');
    expect(poster, 'poster kept').to.exist;
    const p = poster!.getBoundingClientRect();
    const m = message.getBoundingClientRect();
    expect(p.width * p.height, 'the poster is larger than the message box').to.be.greaterThan(m.width * m.height * 2);
  });

  it('an unsupported source (no MP4, no native HLS) shows the same message', async () => {
    const el = await makePlayer(sampleVideo({ variants: [{ url: 'https://video.twimg.com/ext_tw_video/9/pu/vid/320x180/x.webm', contentType: 'video/webm' }] }), { server });
    control(el, 'Play video')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="message"] a')!.textContent).to.equal('Watch on X');
  });

  it('a rejected play() (autoplay refused) leaves the poster and its play button', async () => {
    const original = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    try {
      const el = await makePlayer(sampleVideo(), { server, autoplay: 'in-view' });
      await new Promise((r) => setTimeout(r, 500));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="poster"]')).to.exist;
      expect(control(el, 'Play video')).to.exist;
      expect(el.shadowRoot!.querySelector('[part="message"]')).to.equal(null);
    } finally {
      HTMLMediaElement.prototype.play = original;
    }
  });

  it('used alone with tweet-id, fetches the post through the client and plays its video', async () => {
    const el = await fixture<PerchVideo>(html`<perch-video tweet-id=${VIDEO_POST} server=${server}></perch-video>`);
    await until(() => control(el, 'Play video') !== null, 5000, 'the poster');
    const r = el.getBoundingClientRect();
    expect(r.width / r.height).to.be.closeTo(443 / 273, 0.02);
    const playing = nextState(el, 'playing');
    control(el, 'Play video')!.click();
    await playing;
    expect(innerVideo(el).muted).to.equal(true);
  });

  it('without an embed server, X-hosted video waits for consent', async () => {
    window.PerchConfig = { consent: { firstPartyBeforeConsent: false } } as unknown as typeof window.PerchConfig;
    resetConsentCoreForTests();
    await watchRequests();
    const gif = await makePlayer(sampleGif());
    const el = await makePlayer(sampleVideo());
    await new Promise((r) => setTimeout(r, 300));
    // An in-view GIF does not start, and does not put a consent prompt over the post by itself.
    expect(gif.shadowRoot!.querySelector('[part="consent"]')).to.equal(null);
    expect(control(gif, 'Play GIF')).to.exist;
    control(el, 'Play video')!.click();
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="consent"]'), 'consent placeholder').to.exist;
    // This test's own media only (a request left over from the previous test may still be logged).
    expect((await seenRequests()).filter((u) => u.includes('twimg.com') && /sample|poster/.test(u))).to.deep.equal([]);
  });

  it('variant choice follows width, device pixel ratio and Save-Data; HLS only natively and without MP4', () => {
    const variants = sampleVideo().variants;
    const needs = { cssWidth: 300, dpr: 1, saveData: false, nativeHls: false };
    expect(pickVariant(variants, needs)!.url).to.contain('/320x180/');
    expect(pickVariant(variants, { ...needs, dpr: 2 })!.url).to.contain('/1280x720/');
    expect(pickVariant(variants, { ...needs, cssWidth: 2000 })!.url).to.contain('/1280x720/');
    expect(pickVariant(variants, { ...needs, cssWidth: 2000, saveData: true })!.url).to.contain('/320x180/');
    const hlsOnly = variants.filter((v) => v.contentType !== 'video/mp4');
    expect(pickVariant(hlsOnly, needs)).to.equal(undefined);
    expect(pickVariant(hlsOnly, { ...needs, nativeHls: true })!.url).to.contain('.m3u8');
  });
});
