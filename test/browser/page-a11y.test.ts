// Accessibility of a page of widgets, not of one widget alone: names that repeat across posts,
// a timeline's feed items, and the timeline's live-region option.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/timeline/timeline.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { Post } from '../../src/data/model.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { fixturePost } from './support/fixtures.js';
import { syntheticPost, timelinePage } from './support/timeline-pages.js';

async function quotedPost(): Promise<Post> {
  const result = await fixturePost('quote-tweet.json');
  if (result.kind !== 'post' || result.quoted?.kind !== 'post') throw new Error('quote-tweet.json holds no quoted post');
  return result.quoted;
}

describe('a page of posts and timelines, checked with axe', () => {
  it('three posts quoting the same post: no repeated landmark, no violation', async () => {
    const quoted = await quotedPost();
    const page = await fixture<HTMLElement>(html`<main><perch-tweet></perch-tweet><perch-tweet></perch-tweet><perch-tweet></perch-tweet></main>`);
    const posts = [...page.querySelectorAll<PerchTweet>('perch-tweet')];
    posts.forEach((el, i) => (el.data = syntheticPost(i + 1, { quoted })));
    await Promise.all(posts.map((el) => el.updateComplete));
    for (const el of posts) expect(el.shadowRoot!.querySelector('[part~="quoted"]'), 'the quoted post is shown').to.not.equal(null);
    await expect(page).to.be.accessible();
  });

  it('a timeline announces each post once, as one article of its feed', async () => {
    const quoted = await quotedPost();
    const el = await fixture<PerchTimeline>(html`<perch-timeline tweet-limit="3"></perch-timeline>`);
    const data = timelinePage(3);
    data.posts = data.posts.map((_, i) => syntheticPost(i + 1, { quoted }));
    el.data = data;
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('[role="feed"] > *')];
    expect(items.length).to.equal(3);
    for (const item of items) {
      expect(item.tagName).to.equal('ARTICLE');
      expect(item.querySelectorAll('article').length, 'no article inside the feed item').to.equal(0);
    }
    await expect(el).to.be.accessible();
  });

  it('live-region="assertive" sets the live region and is valid markup; X\'s aria-polite still works', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline live-region="assertive" tweet-limit="2"></perch-timeline>`);
    el.data = timelinePage(2);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[aria-live]')?.getAttribute('aria-live')).to.equal('assertive');
    await expect(el).to.be.accessible();

    const old = await fixture<PerchTimeline>(html`<perch-timeline aria-polite="assertive"></perch-timeline>`);
    old.data = timelinePage(2);
    await old.updateComplete;
    expect(old.shadowRoot!.querySelector('[aria-live]')?.getAttribute('aria-live'), 'the deprecated attribute is still read').to.equal('assertive');
  });
});

/** Every demo page, as the embed server serves it (`demo/*.html`). */
const DEMO_PAGES = ['index.html', 'article.html', 'cdn.html', 'csp.html', 'npm.html', 'static.html', 'x-snippets.html'];

describe('every demo page, checked with axe as a whole', () => {
  it('the list covers every page in demo/', async () => {
    expect(await executeServerCommand<string[], undefined>('perch-demo-pages')).to.deep.equal([...DEMO_PAGES].sort());
  });

  for (const page of DEMO_PAGES) {
    it(`demo/${page} has no axe violations`, async function () {
      this.timeout(90_000);
      // The page at the embed server's own origin, in a tab of its own (see `perch-axe-page`).
      const { violations, unsettled } = (await executeServerCommand<{ violations: string[]; unsettled: string[] }, { page: string }>('perch-axe-page', { page }))!;
      expect(violations, `demo/${page}`).to.deep.equal([]);
      expect(unsettled, `demo/${page}: widgets that never settled (checked as they were)`).to.deep.equal([]);
    });
  }
});
