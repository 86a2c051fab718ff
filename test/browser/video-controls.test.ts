import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/video/video.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import type { PerchVideo } from '../../src/video/video.component.js';
import { until } from './support/fixtures.js';
import { control, innerVideo, makePlayer, nextState, sampleVideo, videoServerUrl } from './support/video-helpers.js';

function focused(el: PerchVideo): Element | null {
  return el.shadowRoot!.activeElement;
}

describe('<perch-video> controls', () => {
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
    if (document.fullscreenElement !== null) await document.exitFullscreen();
    document.querySelectorAll('perch-video').forEach((e) => e.remove());
  });

  it('every control is a labelled button that says its state', async () => {
    const el = await makePlayer(sampleVideo({ captions: [{ url: 'https://video.twimg.com/subtitles/1/sample.en.vtt', lang: 'en', label: 'English' }] }), { server });
    const poster = el.shadowRoot!.querySelector<HTMLImageElement>('[part="poster"]')!;
    expect(poster.alt).to.equal('A test tone over a colour pattern');
    expect(control(el, 'Play video')!.tagName).to.equal('BUTTON');
    const playing = nextState(el, 'playing');
    control(el, 'Play video')!.click();
    await playing;
    await el.updateComplete;
    for (const label of ['Pause', 'Stop', 'Unmute', 'Full screen', 'Show captions']) {
      expect(control(el, label), label).to.exist;
      expect(control(el, label)!.tagName, label).to.equal('BUTTON');
    }
    const seek = control(el, 'Seek') as HTMLInputElement;
    expect(seek.type).to.equal('range');
    expect(seek.getAttribute('aria-valuetext')).to.match(/^0:0\d of 0:04$/);
    expect(el.shadowRoot!.querySelector('.time')!.textContent).to.match(/0:0\d \/ 0:04/);
    // Captions: the button toggles the track and its label.
    control(el, 'Show captions')!.click();
    await el.updateComplete;
    expect(control(el, 'Hide captions')).to.exist;
    expect(innerVideo(el).textTracks[0]!.mode).to.equal('showing');
    // Announced to screen readers.
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.not.equal('');
  });

  it('keyboard: space, k, m, arrow keys and f', async () => {
    const el = await makePlayer(sampleVideo(), { server });
    control(el, 'Play video')!.focus();
    const playing = nextState(el, 'playing');
    await sendKeys({ press: 'Space' });
    await playing;
    await el.updateComplete;
    const video = innerVideo(el);
    // Focus moved to the bar's play/pause button, so the keys keep working.
    expect(focused(el)?.getAttribute('aria-label')).to.equal('Pause');

    await sendKeys({ press: 'k' });
    await until(() => video.paused, 3000, 'k pauses');
    await el.updateComplete;
    expect(control(el, 'Play')).to.exist;
    await sendKeys({ press: 'k' });
    await until(() => !video.paused, 3000, 'k plays');
    await sendKeys({ press: 'k' });
    await until(() => video.paused, 3000, 'k pauses again');

    // Space on a non-button spot of the player (the seek bar's own keys are its own).
    expect(video.muted).to.equal(true);
    await sendKeys({ press: 'm' });
    await el.updateComplete;
    expect(video.muted).to.equal(false);
    expect(control(el, 'Mute')).to.exist;
    await sendKeys({ press: 'm' });
    await el.updateComplete;
    expect(video.muted).to.equal(true);

    video.currentTime = 2;
    await until(() => video.currentTime === 2, 3000, 'seeked');
    await sendKeys({ press: 'ArrowRight' });
    expect(video.currentTime).to.be.closeTo(3, 0.01);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(video.currentTime).to.be.closeTo(1, 0.01);

    video.volume = 0.5;
    await sendKeys({ press: 'ArrowDown' });
    expect(video.volume).to.be.closeTo(0.4, 0.001);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(video.volume).to.be.closeTo(0.6, 0.001);
    expect(video.muted, 'volume keys do not unmute').to.equal(true);

    await sendKeys({ press: 'f' });
    await until(() => document.fullscreenElement === el, 3000, 'fullscreen');
    await el.updateComplete;
    expect(control(el, 'Exit full screen')).to.exist;
    await sendKeys({ press: 'f' });
    await until(() => document.fullscreenElement === null, 3000, 'fullscreen exit');

    // Space on the focused play/pause button plays (the button's own activation, once).
    expect(video.paused).to.equal(true);
    (control(el, 'Play') as HTMLElement).focus();
    await sendKeys({ press: 'Space' });
    await until(() => !video.paused, 3000, 'space plays');
  });

  it('stop returns to the poster and drops the download', async () => {
    const el = await makePlayer(sampleVideo(), { server });
    const playing = nextState(el, 'playing');
    control(el, 'Play video')!.click();
    await playing;
    await el.updateComplete;
    control(el, 'Stop')!.focus();
    const stopped = nextState(el, 'stopped');
    await sendKeys({ press: 'Enter' });
    await stopped;
    await el.updateComplete;
    const video = innerVideo(el);
    expect(video.paused).to.equal(true);
    expect(video.hasAttribute('src')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="poster"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="controls"]')).to.equal(null);
    await until(() => focused(el)?.getAttribute('aria-label') === 'Play video', 2000, 'focus on the play button');
  });
});
