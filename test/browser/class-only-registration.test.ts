// The class-only entry (perch-widgets/tweet) registers nothing, not even the video player its
// posts use; the define entry (perch-widgets/tweet/define) still loads the player when needed.
import { expect } from '@open-wc/testing';
import { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { fixturePost, nextEvent, until } from './support/fixtures.js';

async function render(tag: string, result: PostResult): Promise<HTMLElement> {
  const el = document.createElement(tag) as PerchTweet;
  el.data = result;
  const rendered = nextEvent(el, 'perch-render');
  document.body.append(el);
  await rendered;
  await el.updateComplete;
  return el;
}

describe('class-only and define entries', () => {
  it('an app that registers the class itself gets a video post with its poster and "play on X" link, and no <perch-video> registration', async () => {
    customElements.define('my-post', class extends PerchTweet {});
    const el = await render('my-post', await fixturePost('video-variants.json'));
    const video = el.shadowRoot!.querySelector('perch-video')!;
    expect(video, 'the video box is there').to.exist;
    expect(video.querySelector('img.poster'), 'poster').to.exist;
    expect(video.querySelector<HTMLAnchorElement>('a.play')?.href).to.match(/^https:\/\/(x|twitter)\.com\//);
    expect(customElements.get('perch-video'), 'nothing registered <perch-video>').to.equal(undefined);
    expect(customElements.get('perch-tweet'), 'nor <perch-tweet>').to.equal(undefined);
    el.remove();
  });

  it('the define entry registers <perch-tweet> and loads the player for a video post', async () => {
    await import('../../src/tweet/tweet.js');
    const el = await render('perch-tweet', await fixturePost('video-variants.json'));
    await customElements.whenDefined('perch-video');
    const video = el.shadowRoot!.querySelector('perch-video')!;
    await until(() => video.shadowRoot !== null, 5000, 'the player upgrades the video box');
    el.remove();
  });
});
