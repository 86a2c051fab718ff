import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/video/video.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { fixturePost, until } from './support/fixtures.js';
import { control, makePlayer, nextState, sampleVideo, videoServerUrl } from './support/video-helpers.js';

function inline(result: PostResult): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(result);
  return script;
}

describe('<perch-video> accessibility', () => {
  // Playback needs consent in every mode: these checks are about the player once it is given.
  beforeEach(() => {
    resetConsentCoreForTests();
    getConsentCore().grant();
  });
  after(() => resetConsentCoreForTests());
  let server: string;
  before(async () => {
    server = await videoServerUrl();
  });
  afterEach(() => document.querySelectorAll('perch-video').forEach((e) => e.remove()));

  for (const theme of ['light', 'dark'] as const) {
    it(`a post with video is axe-clean in the ${theme} theme: poster, playing with controls, and failed`, async () => {
      const post = await fixturePost('video-variants.json');
      const el = await fixture<PerchTweet>(html`<perch-tweet theme=${theme} server=${server}>${inline(post)}</perch-tweet>`);
      await until(() => el.shadowRoot!.querySelector('perch-video')?.shadowRoot?.querySelector('[part="play"]') != null, 5000, 'the player');
      const player = el.shadowRoot!.querySelector('perch-video')!;
      await expect(el).to.be.accessible();
      const playing = nextState(player, 'playing');
      control(player, 'Play video')!.click();
      await playing;
      await player.updateComplete;
      await expect(el).to.be.accessible();
      player.pause();
      await player.updateComplete;
      await expect(el).to.be.accessible();

      const failing = await makePlayer(sampleVideo({ variants: [{ url: 'https://video.twimg.com/x/vid/320x180/missing.mp4', contentType: 'video/mp4', bitrate: 1 }] }), { server });
      document.body.style.background = theme === 'dark' ? '#000' : '#fff';
      const failed = nextState(failing, 'error');
      control(failing, 'Play video')!.click();
      await failed;
      await failing.updateComplete;
      await expect(failing).to.be.accessible();
      document.body.style.background = '';
    });
  }
});
