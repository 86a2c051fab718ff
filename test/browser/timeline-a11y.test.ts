import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { LIST_SOURCE, STUB_SERVER, stubTimelineServer, timelinePage } from './support/timeline-pages.js';

describe('<perch-timeline> accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations in the ${theme} theme (profile, list, fixed, new-posts button)`, async () => {
      const profile = await fixture<PerchTimeline>(html`<perch-timeline theme=${theme} height="500"></perch-timeline>`);
      profile.data = timelinePage(12, { nextCursor: 'bW9yZQ' });
      await profile.updateComplete;
      await expect(profile).to.be.accessible();

      const list = await fixture<PerchTimeline>(html`<perch-timeline theme=${theme} tweet-limit="3" chrome="noborders"></perch-timeline>`);
      list.data = timelinePage(3, { source: LIST_SOURCE });
      await list.updateComplete;
      await expect(list).to.be.accessible();

      const stub = stubTimelineServer(10);
      try {
        const live = await fixture<PerchTimeline>(html`<perch-timeline theme=${theme} server=${STUB_SERVER}></perch-timeline>`);
        live.data = timelinePage(10);
        stub.numbers.unshift(4001);
        await live.refresh();
        await live.updateComplete;
        expect(live.shadowRoot!.querySelector('.new-posts') !== null, 'button shown').to.equal(true);
        await expect(live).to.be.accessible();
      } finally {
        stub.restore();
      }
    });
  }

  it('the feed holds focusable articles with position and set size', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    el.data = timelinePage(3);
    await el.updateComplete;
    const feed = el.shadowRoot!.querySelector('[role="feed"]')!;
    const articles = [...feed.children];
    expect(articles.map((a) => a.tagName)).to.deep.equal(['ARTICLE', 'ARTICLE', 'ARTICLE']);
    expect(articles.map((a) => a.getAttribute('tabindex'))).to.deep.equal(['0', '0', '0']);
    expect(articles[0]!.getAttribute('aria-label')).to.equal('Post by Developers (@TwitterDev)');
  });
});
