import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { nextEvent, until } from './support/fixtures.js';
import { STUB_SERVER, stubTimelineServer, syntheticPost, type TimelineStub } from './support/timeline-pages.js';

async function ready(markup: ReturnType<typeof html>): Promise<PerchTimeline> {
  const el = await fixture<PerchTimeline>(markup);
  await nextEvent(el, 'perch-render');
  await el.updateComplete;
  return el;
}

describe('<perch-timeline> refresh', () => {
  let stub: TimelineStub;
  beforeEach(() => {
    stub = stubTimelineServer(30);
  });
  afterEach(() => stub.restore());

  it('new posts wait behind an "N new posts" button, announced in the live region', async () => {
    const el = await ready(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager"></perch-timeline>`);
    expect(await el.refresh()).to.equal(0);
    expect(el.shadowRoot!.querySelector('.new-posts') === null, 'no button without new posts').to.equal(true);
    stub.numbers.unshift(5001, 5002);
    const event = nextEvent<Event & { count: number }>(el, 'perch-new-posts');
    expect(await el.refresh()).to.equal(2);
    expect((await event).count).to.equal(2);
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.new-posts')!;
    expect(button.textContent).to.equal('2 new posts');
    const live = el.shadowRoot!.querySelector('[aria-live]')!;
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.textContent).to.equal('2 new posts');
    const first = el.shadowRoot!.querySelector<HTMLElement>('.item')!;
    expect(first.dataset.key).to.equal(syntheticPost(1).id, 'the shown posts did not move');
    expect(el.pendingCount).to.equal(2);

    button.click();
    await el.updateComplete;
    await until(() => el.shadowRoot!.activeElement?.classList.contains('item') === true, 2000, 'focus on the newest post');
    const keys = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')].slice(0, 3).map((a) => a.dataset.key);
    expect(keys).to.deep.equal([syntheticPost(5001).id, syntheticPost(5002).id, syntheticPost(1).id]);
    expect((el.shadowRoot!.activeElement as HTMLElement).dataset.key).to.equal(syntheticPost(5001).id);
    expect(el.shadowRoot!.querySelector('.new-posts') === null, 'button gone').to.equal(true);
    expect(live.textContent).to.equal('');
  });

  it('rude and assertive announce assertively; one post is singular', async () => {
    const el = await ready(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" live-region="assertive"></perch-timeline>`);
    stub.numbers.unshift(7001);
    await el.refresh();
    await el.updateComplete;
    const live = el.shadowRoot!.querySelector('[aria-live]')!;
    expect(live.getAttribute('aria-live')).to.equal('assertive');
    expect(live.textContent).to.equal('1 new post');
  });

  it('refresh-seconds polls by itself', async function () {
    this.timeout(12_000);
    const el = await ready(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" refresh-seconds="5"></perch-timeline>`);
    const requestsBefore = stub.urls.length;
    stub.numbers.unshift(8001, 8002, 8003);
    await nextEvent(el, 'perch-new-posts', 8000);
    expect(stub.urls.length).to.be.greaterThan(requestsBefore);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.new-posts')!.textContent).to.equal('3 new posts');
    el.refreshSeconds = 0;
    await el.updateComplete;
  });

  it('tweet-limit keeps the fixed count when new posts are shown', async () => {
    const el = await ready(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" tweet-limit="4"></perch-timeline>`);
    stub.numbers.unshift(9001);
    await el.refresh();
    el.showNewPosts();
    await el.updateComplete;
    const keys = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')].map((a) => a.dataset.key);
    expect(keys).to.deep.equal([9001, 1, 2, 3].map((n) => syntheticPost(n).id));
  });
});
