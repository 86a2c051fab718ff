import { expect } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { estimatePostHeight } from '../../src/post/reserve-height.js';
import { fixtureFiles, fixturePost, nextEvent } from './support/fixtures.js';

// The height reserved from a post model (and put in oEmbed answers) against the height the post
// really takes, for every fixture post at X's default width and at a narrow one: the text below
// a post moves by the difference, so the estimate must stay close.

/** Largest error allowed, in pixels: 15 % of the post, at least 30 px and at most 100 px. */
const tolerance = (actual: number): number => Math.min(100, Math.max(30, actual * 0.15));

describe('reserved height from the post model', () => {
  for (const width of [550, 350]) {
    it(`is close to the rendered height of every fixture post at ${width} px`, async () => {
      const files = (await fixtureFiles()).filter((f) => !f.startsWith('tombstone'));
      const rows: string[] = [];
      let worst = 0;
      for (const file of files) {
        const post = await fixturePost(file);
        const el = document.createElement('perch-tweet') as PerchTweet;
        el.setAttribute('time-zone', 'UTC');
        el.setAttribute('width', String(width));
        el.setAttribute('server', location.origin);
        const rendered = nextEvent(el, 'perch-render');
        el.data = post;
        document.body.append(el);
        await rendered;
        await el.updateComplete;
        const actual = el.shadowRoot!.querySelector('.frame')!.getBoundingClientRect().height;
        const estimate = estimatePostHeight(post, width);
        const error = Math.abs(estimate - actual);
        worst = Math.max(worst, error / tolerance(actual));
        rows.push(`${file}: estimate ${estimate}, rendered ${Math.round(actual)}`);
        el.remove();
      }
      expect(worst, rows.join('\n')).to.be.at.most(1);
    });
  }
});
