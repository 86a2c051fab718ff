import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { nextEvent, until } from './support/fixtures.js';
import { STUB_SERVER, stubTimelineServer, type TimelineStub } from './support/timeline-pages.js';

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

function viewport(el: PerchTimeline): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
}

describe('<perch-timeline> paging', () => {
  let stub: TimelineStub;
  beforeEach(() => {
    stub = stubTimelineServer(45);
  });
  afterEach(() => stub.restore());

  it('loads older pages as the reader scrolls within the height, until the end', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" height="500"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    const seen = new Set<string>();
    const atBottom = (v: HTMLElement): boolean => v.scrollTop + v.clientHeight >= v.scrollHeight - 1;
    for (let step = 0; step < 400 && !(el.shadowRoot!.textContent!.includes('reached the end') && atBottom(viewport(el))); step++) {
      const v = viewport(el);
      v.scrollTop += 400;
      await frame();
      await frame();
      for (const a of el.shadowRoot!.querySelectorAll<HTMLElement>('.item')) seen.add(a.dataset.key ?? '');
      if (step % 10 === 0) await el.updateComplete;
    }
    expect(el.shadowRoot!.textContent).to.contain('You have reached the end of this timeline.');
    expect(el.postCount).to.equal(45);
    expect(stub.urls).to.have.length(5, '45 posts in pages of 10');
    expect(stub.urls.slice(1).every((u) => /[?&]cursor=[A-Za-z0-9_-]+/.test(u))).to.equal(true);
    expect(seen.size).to.equal(45, 'every post was on screen at some point');
    const ids = el.data!.posts.map((p) => p.id);
    expect(new Set(ids).size).to.equal(45, 'no post twice');
    const last = [...el.shadowRoot!.querySelectorAll('.item')].at(-1)!;
    expect(last.getAttribute('aria-posinset')).to.equal('45');
    expect(last.getAttribute('aria-setsize')).to.equal('45');
  });

  it('the set size is unknown (-1) while more pages exist', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.item')!.getAttribute('aria-setsize')).to.equal('-1');
  });

  it('a failed page shows a retry button that loads it', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager" height="300"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    await until(() => !el.shadowRoot!.textContent!.includes('Loading more'), 3000, 'idle');
    stub.status = 500;
    const errored = nextEvent<Event & { reason: string }>(el, 'perch-error');
    const v = viewport(el);
    for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('.retry'); i++) {
      v.scrollTop = v.scrollHeight;
      await frame();
    }
    expect((await errored).reason).to.equal('server');
    await el.updateComplete;
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!;
    expect(retry.textContent).to.equal('Try again');
    const before = el.postCount;
    stub.status = 200;
    retry.click();
    await until(() => el.postCount > before, 3000, 'the retried page');
  });

  it('PageDown and PageUp move between posts in the feed', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline screen-name="TwitterDev" server=${STUB_SERVER} loading="eager"></perch-timeline>`);
    await nextEvent(el, 'perch-render');
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')];
    items[0]!.focus();
    items[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === items[1], 'second post focused').to.equal(true);
    items[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true, composed: true }));
    expect(el.shadowRoot!.activeElement === items[0], 'first post focused').to.equal(true);
  });
});
