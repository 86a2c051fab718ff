import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/video/video.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { afterIntersectionReport, frames, until } from './support/fixtures.js';
import { control, innerVideo, makePlayer, nextState, sampleGif, sampleVideo, spyOnPlay, videoServerUrl } from './support/video-helpers.js';

const spacers: HTMLElement[] = [];
function spacer(vh: number): HTMLElement {
  const d = document.createElement('div');
  d.style.height = `${vh}vh`;
  spacers.push(d);
  document.body.append(d);
  return d;
}

describe('<perch-video> playback', () => {
  // Playback needs consent in every mode: these tests are about the player once it is given.
  beforeEach(() => {
    resetConsentCoreForTests();
    getConsentCore().grant();
  });
  after(() => resetConsentCoreForTests());
  let server: string;
  before(async () => {
    server = await videoServerUrl();
  });
  afterEach(async () => {
    document.querySelectorAll('perch-video').forEach((e) => e.remove());
    spacers.splice(0).forEach((s) => s.remove());
    window.scrollTo(0, 0);
    await executeServerCommand('perch-emulate-media', { features: [{ name: 'prefers-reduced-motion', value: 'no-preference' }] });
  });

  it('a click plays the real MP4 muted; sound comes only from the person pressing Unmute', async () => {
    const spy = spyOnPlay();
    try {
      const el = await makePlayer(sampleVideo(), { server });
      const playing = nextState(el, 'playing');
      control(el, 'Play video')!.click();
      expect((await playing).automatic).to.equal(false);
      const video = innerVideo(el);
      expect(video.currentSrc).to.contain('/v1/media?url=');
      expect(video.muted).to.equal(true);
      expect(spy.calls.length).to.be.greaterThan(0);
      expect(spy.calls.every((c) => c.muted && c.defaultMuted)).to.equal(true);
      // Scripted unmuting (not the person's press) is undone at once.
      video.muted = false;
      await until(() => video.muted, 2000, 're-muted');
      control(el, 'Unmute')!.click();
      await el.updateComplete;
      expect(video.muted).to.equal(false);
      expect(control(el, 'Mute')).to.exist;
    } finally {
      spy.restore();
    }
  });

  it('in-view autoplay starts muted when half visible and pauses when scrolled away', async () => {
    const spy = spyOnPlay();
    try {
      spacer(150);
      const el = await makePlayer(sampleVideo(), { server, autoplay: 'in-view' });
      spacer(150);
      await afterIntersectionReport(el); // the player knows it is out of view
      await frames(1);
      expect(innerVideo(el).hasAttribute('src'), 'nothing loaded while out of view').to.equal(false);
      const started = nextState(el, 'playing');
      el.scrollIntoView({ block: 'center' });
      expect((await started).automatic).to.equal(true);
      expect(innerVideo(el).muted).to.equal(true);
      const paused = nextState(el, 'paused');
      window.scrollTo(0, 0);
      expect((await paused).automatic).to.equal(true);
      // Back in view: starts again, muted again.
      const again = nextState(el, 'playing');
      el.scrollIntoView({ block: 'center' });
      await again;
      expect(innerVideo(el).muted).to.equal(true);
      expect(spy.calls.length).to.be.greaterThan(1);
      expect(spy.calls.every((c) => c.muted && c.defaultMuted), JSON.stringify(spy.calls)).to.equal(true);
    } finally {
      spy.restore();
    }
  });

  it('muted is asserted after a source change and on a play() restarted outside the player', async () => {
    const spy = spyOnPlay();
    try {
      const el = await makePlayer(sampleVideo(), { server, autoplay: 'in-view' });
      await nextState(el, 'playing');
      // A new media object: back to the poster, then autoplay starts the new source muted.
      const again = nextState(el, 'playing');
      el.media = sampleVideo({ variants: [{ url: 'https://video.twimg.com/ext_tw_video/2/pu/vid/320x180/other.mp4', contentType: 'video/mp4', bitrate: 256000 }] });
      await again;
      const video = innerVideo(el);
      expect(video.currentSrc).to.contain('other.mp4');
      expect(video.muted).to.equal(true);
      // Something else (a script, the browser resuming) turns sound on and restarts the element:
      // the player re-mutes before the restart, so it is muted when it plays.
      video.pause();
      video.muted = false;
      await until(() => video.muted, 2000, 're-muted');
      await video.play();
      expect(video.muted).to.equal(true);
      expect(video.paused).to.equal(false);
      expect(spy.calls.filter((c) => c.src.includes('other.mp4')).length).to.be.greaterThan(0);
    } finally {
      spy.restore();
    }
  });

  it('GIFs loop muted in view by default; videos do not autoplay by default', async () => {
    const gif = await makePlayer(sampleGif(), { server });
    const video = await makePlayer(sampleVideo(), { server });
    await nextState(gif, 'playing');
    expect(innerVideo(gif).loop).to.equal(true);
    expect(innerVideo(gif).muted).to.equal(true);
    await afterIntersectionReport(video); // the video knows it is in view: its autoplay rule has run
    await video.updateComplete;
    expect(innerVideo(video).hasAttribute('src')).to.equal(false);
    expect(control(video, 'Play video')).to.exist;
  });

  it('the page-level policy (window.PerchConfig.video.autoplay) applies to players without their own', async () => {
    window.PerchConfig = { video: { autoplay: 'in-view' } };
    try {
      const el = await makePlayer(sampleVideo(), { server });
      expect(el.effectiveAutoplay).to.equal('in-view');
      expect((await nextState(el, 'playing')).automatic).to.equal(true);
      const off = await makePlayer(sampleVideo(), { server, autoplay: 'off' });
      expect(off.effectiveAutoplay).to.equal('off');
    } finally {
      delete window.PerchConfig;
    }
  });

  it('with prefers-reduced-motion: reduce nothing starts by itself, GIFs included', async () => {
    await executeServerCommand('perch-emulate-media', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] });
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches).to.equal(true);
    const gif = await makePlayer(sampleGif(), { server });
    const video = await makePlayer(sampleVideo(), { server, autoplay: 'in-view' });
    // Both know they are in view: their autoplay rules have run.
    await afterIntersectionReport(gif);
    await afterIntersectionReport(video);
    await frames(1);
    for (const el of [gif, video]) {
      expect(innerVideo(el).hasAttribute('src')).to.equal(false);
      expect(innerVideo(el).paused).to.equal(true);
    }
    expect(control(gif, 'Play GIF')).to.exist;
    // The person can still play.
    const playing = nextState(video, 'playing');
    control(video, 'Play video')!.click();
    expect((await playing).automatic).to.equal(false);
  });

  it('a hidden tab pauses playback; an in-view autoplay resumes when the tab is visible again', async () => {
    // Headless Chromium cannot hide its tab: document.hidden is overridden and the real event dispatched.
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    try {
      const el = await makePlayer(sampleVideo(), { server, autoplay: 'in-view' });
      await nextState(el, 'playing');
      const paused = nextState(el, 'paused');
      hidden = true;
      document.dispatchEvent(new Event('visibilitychange'));
      expect((await paused).automatic).to.equal(true);
      const resumed = nextState(el, 'playing');
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      expect((await resumed).automatic).to.equal(true);
      expect(innerVideo(el).muted).to.equal(true);
    } finally {
      delete (document as { hidden?: boolean }).hidden;
    }
  });

  it('only one video plays at a time', async () => {
    const a = await makePlayer(sampleVideo(), { server });
    const b = await makePlayer(sampleVideo({ variants: [{ url: 'https://video.twimg.com/ext_tw_video/3/pu/vid/320x180/b.mp4', contentType: 'video/mp4', bitrate: 256000 }] }), { server });
    const aPlaying = nextState(a, 'playing');
    control(a, 'Play video')!.click();
    await aPlaying;
    const aPaused = nextState(a, 'paused');
    const bPlaying = nextState(b, 'playing');
    control(b, 'Play video')!.click();
    await Promise.all([aPaused, bPlaying]);
    expect(innerVideo(a).paused).to.equal(true);
    expect(innerVideo(b).paused).to.equal(false);
    expect(control(a, 'Play')).to.exist;
    expect(control(b, 'Pause')).to.exist;
  });
});

export type { PerchVideo };
