import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { TimelinePage } from '../../src/data/timeline.js';
import { defineElement } from '../../src/shared/define.js';
import { nextEvent, until } from './support/fixtures.js';
import { LIST_SOURCE, STUB_SERVER, stubTimelineServer, timelinePage, type TimelineStub } from './support/timeline-pages.js';

/** Counts calls of the impression hook. */
class CountingTimeline extends PerchTimeline {
  shownCount = 0;
  protected override onContentShown(page: TimelinePage): void {
    this.shownCount++;
    super.onContentShown(page);
  }
}
defineElement('counting-timeline', CountingTimeline);

const items = (el: PerchTimeline): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')];

describe('<perch-timeline> rendering', () => {
  let stub: TimelineStub | undefined;
  afterEach(() => {
    stub?.restore();
    stub = undefined;
  });

  it('shows a header, the posts through the shared post renderer, and a footer', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    el.data = timelinePage(5);
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('.timeline-header h2')?.textContent?.trim()).to.equal('Developers');
    expect(root.querySelector('.timeline-header .sub')?.textContent?.trim()).to.equal('@TwitterDev');
    expect(root.querySelector<HTMLAnchorElement>('.timeline-header h2 a')?.href).to.equal('https://x.com/TwitterDev');
    const feed = root.querySelector('[role="feed"]')!;
    expect(feed.getAttribute('aria-label')).to.equal('Timeline: Developers');
    const list = items(el);
    expect(list).to.have.length(5);
    // The same article as <perch-tweet>: header with author, text, timestamp and actions.
    const first = list[0]!;
    expect(first.querySelector('.post [part="name"]')?.textContent).to.equal('Developers');
    expect(first.querySelector('.post .text')?.textContent).to.contain('Synthetic timeline post number 1');
    expect(first.querySelector('.post a[href="https://x.com/TwitterDev/status/9000000000000000001"]') !== null, 'timestamp link').to.equal(true);
    expect(first.querySelectorAll('.actions a')).to.have.length.greaterThan(1);
    expect(list.map((a) => a.getAttribute('aria-posinset'))).to.deep.equal(['1', '2', '3', '4', '5']);
    expect(list.every((a) => a.getAttribute('aria-setsize') === '5')).to.equal(true);
    expect(root.querySelector<HTMLAnchorElement>('.timeline-footer a')?.textContent).to.equal('View more on X');
    expect(root.textContent).to.contain('You have reached the end');
  });

  it('a list shows its name and owner', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    el.data = timelinePage(2, { source: LIST_SOURCE });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.timeline-header h2')?.textContent?.trim()).to.equal('Perch demo list');
    expect(el.shadowRoot!.querySelector('.timeline-header .sub')?.textContent?.trim()).to.equal('A list by @TwitterDev');
  });

  it('keeps the publisher’s twitter-timeline link until content is ready, and reads the source from it', async () => {
    stub = stubTimelineServer(30);
    stub.hold = true;
    const el = await fixture<CountingTimeline>(
      html`<counting-timeline server=${STUB_SERVER} loading="eager"><a class="twitter-timeline" href="https://twitter.com/TwitterDev">Posts by TwitterDev</a></counting-timeline>`,
    );
    await until(() => stub!.urls.length === 1, 3000, 'the first request');
    expect(stub.urls[0]).to.match(/^http:\/\/127\.0\.0\.1:9\/v1\/timelines\/profile\/TwitterDev\?limit=10(&dnt=true)?$/);
    const link = el.querySelector('a.twitter-timeline') as HTMLElement;
    expect(link.getBoundingClientRect().height).to.be.greaterThan(0, 'the fallback link is visible while loading');
    expect(el.shadowRoot!.querySelector('slot') !== null, 'slot shown').to.equal(true);
    expect(el.getBoundingClientRect().height).to.be.at.least(600, 'space is reserved so nothing jumps');
    const rendered = nextEvent(el, 'perch-render');
    stub.release();
    await rendered;
    expect(el.shadowRoot!.querySelector('slot') === null, 'slot gone').to.equal(true);
    expect(link.getBoundingClientRect().height).to.equal(0, 'the fallback is gone');
    expect(items(el).length).to.be.greaterThan(0);
    expect(el.shownCount).to.equal(1);
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shownCount).to.equal(1, 'the impression hook runs once');
  });

  it('fires perch-timeline-load with the page', async () => {
    stub = stubTimelineServer(12);
    const el = document.createElement('perch-timeline');
    el.setAttribute('server', STUB_SERVER);
    el.setAttribute('screen-name', 'TwitterDev');
    el.loading = 'eager';
    const loaded = nextEvent<Event & { page: TimelinePage; total: number }>(el, 'perch-timeline-load');
    document.body.append(el);
    const event = await loaded;
    expect(event.page.posts).to.have.length(10);
    expect(event.total).to.equal(10);
    el.remove();
  });

  it('a failed load keeps the fallback and fires perch-error', async () => {
    stub = stubTimelineServer(5);
    stub.status = 404;
    const el = document.createElement('perch-timeline');
    el.setAttribute('server', STUB_SERVER);
    el.setAttribute('user-id', '1');
    el.setAttribute('loading', 'eager');
    el.innerHTML = '<a class="twitter-timeline" href="https://twitter.com/i/user/1">Posts</a>';
    const failed = nextEvent<Event & { reason: string }>(el, 'perch-error');
    document.body.append(el);
    expect((await failed).reason).to.equal('unavailable');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('slot') !== null, 'slot shown').to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="message"]')?.textContent).to.equal('This timeline could not be loaded.');
    el.remove();
  });

  it('rejects bad sources before any request', async () => {
    stub = stubTimelineServer(5);
    for (const [attr, value] of [['screen-name', 'not a name'], ['user-id', '12ab'], ['list-id', 'x1']] as const) {
      const el = document.createElement('perch-timeline');
      el.setAttribute('server', STUB_SERVER);
      el.setAttribute(attr, value);
      const failed = nextEvent<Event & { reason: string }>(el, 'perch-error');
      document.body.append(el);
      expect((await failed).reason, attr).to.equal('invalid-id');
      el.remove();
    }
    const none = document.createElement('perch-timeline');
    const failed = nextEvent<Event & { reason: string }>(none, 'perch-error');
    document.body.append(none);
    expect((await failed).reason).to.equal('no-source');
    none.remove();
    expect(stub.urls).to.deep.equal([]);
  });

  it('rejects invalid inline data', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    const failed = nextEvent<Event & { reason: string }>(el, 'perch-error');
    el.data = { kind: 'timeline', version: 1, posts: 'nope' };
    expect((await failed).reason).to.equal('invalid-data');
    expect(el.data).to.equal(undefined);
  });
});
