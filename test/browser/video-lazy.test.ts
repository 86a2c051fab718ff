import { expect } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { parsePostResult } from '../../src/data/validate-model.js';
import { fixturePost, frames, requestsSoFar, until, watchRequests } from './support/fixtures.js';

// This file imports only <perch-tweet>: the player must arrive by itself, and only when needed.

function videoModules(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((u) => u.includes('/src/video/'));
}

async function render(result: PostResult): Promise<PerchTweet> {
  const el = document.createElement('perch-tweet');
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(result);
  el.append(script);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<perch-tweet> loads the video player only for posts with video or GIF', () => {
  it('a text-only post loads no player code', async () => {
    await watchRequests();
    const el = await render(await fixturePost('plain-text-affiliate-badge.json'));
    expect(el.shadowRoot!.querySelector('article')).to.exist;
    // The player is imported while the post renders: by the time a later request is seen, its would be too.
    expect((await requestsSoFar()).filter((u) => u.includes('/src/video/'))).to.deep.equal([]);
    expect(customElements.get('perch-video')).to.equal(undefined);
    expect(videoModules()).to.deep.equal([]);
    el.remove();
  });

  it('a video post loads and defines <perch-video>, in the same box (nothing moves)', async () => {
    let shift = 0;
    const count = (entries: PerformanceEntryList): void => {
      for (const e of entries as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) shift += e.value;
    };
    const observer = new PerformanceObserver((list) => count(list.getEntries()));
    observer.observe({ type: 'layout-shift', buffered: false });
    const el = await render(await fixturePost('video-variants.json'));
    const box = el.shadowRoot!.querySelector<HTMLElement>('.video')!;
    const before = box.getBoundingClientRect();
    await until(() => customElements.get('perch-video') !== undefined, 5000, 'the player to be defined');
    const player = box.querySelector('perch-video')!;
    await player.updateComplete;
    // Laid out and painted twice since the player rendered: any shift it caused is reported by now.
    await frames(2);
    count(observer.takeRecords());
    observer.disconnect();
    const after = box.getBoundingClientRect();
    expect(after.height).to.equal(before.height);
    expect(player.getBoundingClientRect().height).to.be.closeTo(after.height, 1);
    expect(shift).to.equal(0);
    expect(videoModules().some((u) => u.includes('/src/video/video'))).to.equal(true);
    expect(player.media?.variants.length).to.equal(4);
    expect(player.shadowRoot!.querySelector('[aria-label="Play video"]')).to.exist;
    el.remove();
  });

  it('a GIF post uses the same player', async () => {
    const el = await render(await fixturePost('synthetic-animated-gif.json'));
    const player = el.shadowRoot!.querySelector('perch-video')!;
    await player.updateComplete;
    expect(player.media?.type).to.equal('gif');
    expect(player.shadowRoot!.querySelector('.gif-label')).to.exist;
    el.remove();
  });

  it('optional caption tracks on a video are validated (https only)', async () => {
    const post = await fixturePost('video-variants.json');
    if (post.kind !== 'post') throw new Error('expected a post');
    const withCaptions = (url: string): unknown => ({ ...post, media: post.media.map((m) => (m.type === 'photo' ? m : { ...m, captions: [{ url, lang: 'en', label: 'English' }] })) });
    const ok = parsePostResult(withCaptions('https://video.twimg.com/subtitles/1/en.vtt'));
    expect(ok.kind === 'post' && ok.media[0]?.type !== 'photo' ? ok.media[0]?.captions?.[0]?.label : undefined).to.equal('English');
    expect(() => parsePostResult(withCaptions('javascript:alert(1)'))).to.throw();
  });
});
