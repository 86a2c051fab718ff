import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { timelinePage } from './support/timeline-pages.js';
import { VirtualList } from '../../src/timeline/virtual-list.js';

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
const nodeCount = (el: PerchTimeline): number => el.shadowRoot!.querySelectorAll('*').length;

describe('<perch-timeline> virtualisation', () => {
  it('1,000 posts keep the DOM bounded while scrolling through all of them', async function () {
    this.timeout(120_000); // about 450 frames: slow on a busy machine
    const el = await fixture<PerchTimeline>(html`<perch-timeline height="600"></perch-timeline>`);
    el.data = timelinePage(1000);
    await el.updateComplete;
    await frame();
    await frame();
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    const initialNodes = nodeCount(el);
    const perItem = initialNodes / el.shadowRoot!.querySelectorAll('.item').length;
    expect(el.shadowRoot!.querySelectorAll('.item').length).to.be.at.most(40);

    // Long tasks while scrolling are a speed budget, measured by `npm run bench` (noisy machines make timed tests flaky).
    let maxNodes = 0;
    let maxItems = 0;
    const positions = new Set<string>();
    // Scroll the whole list in reader-sized steps.
    for (let i = 0; i < 2000 && viewport.scrollTop + viewport.clientHeight < viewport.scrollHeight - 1; i++) {
      viewport.scrollTop += 500;
      await frame();
      maxNodes = Math.max(maxNodes, nodeCount(el));
      const items = el.shadowRoot!.querySelectorAll<HTMLElement>('.item');
      maxItems = Math.max(maxItems, items.length);
      items.forEach((a) => positions.add(a.getAttribute('aria-posinset') ?? ''));
    }
    await frame();
    expect(positions.has('1000'), 'reached the last post').to.equal(true);
    expect(positions.size).to.equal(1000, 'every post was rendered at some point');
    expect(maxItems).to.be.at.most(40);
    expect(maxNodes).to.be.below(perItem * 45 + 50, 'the DOM stays within 40 posts');
    const last = [...el.shadowRoot!.querySelectorAll('.item')].at(-1)!;
    expect(last.getAttribute('aria-posinset')).to.equal('1000');
    expect(last.getAttribute('aria-setsize')).to.equal('1000');
  });

  it('scrolling back to the top shows the first post again', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline></perch-timeline>`);
    el.data = timelinePage(300);
    await el.updateComplete;
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 20_000;
    for (let i = 0; i < 5; i++) await frame();
    expect(el.shadowRoot!.querySelector('.item')!.getAttribute('aria-posinset')).not.to.equal('1');
    viewport.scrollTop = 0;
    for (let i = 0; i < 5; i++) await frame();
    expect(el.shadowRoot!.querySelector('.item')!.getAttribute('aria-posinset')).to.equal('1');
  });
});

describe('VirtualList', () => {
  it('renders the items near the viewport and reserves the rest', () => {
    const list = new VirtualList({ estimate: 100, overscan: 0, maxRendered: 50 });
    const keys = Array.from({ length: 100 }, (_, i) => String(i));
    expect(list.range(keys, 0, 300)).to.deep.equal({ start: 0, end: 3, before: 0, after: 9700 });
    expect(list.range(keys, 1050, 300)).to.deep.equal({ start: 10, end: 14, before: 1000, after: 8600 });
    list.record('0', 300);
    expect(list.heightOf('0')).to.equal(300);
    expect(list.heightOf('1')).to.equal(100, 'the estimate holds until revised');
    expect(list.reviseEstimate()).to.equal(true);
    expect(list.estimate).to.equal(300, 'unmeasured items are assumed average');
    expect(list.range(keys, 1e9, 300).start).to.equal(99, 'past the end keeps the last item');
  });

  it('orders the rendered items for the reader: in view, then below, then above (nearest first)', () => {
    const list = new VirtualList({ estimate: 100, overscan: 200, maxRendered: 50 });
    const keys = Array.from({ length: 100 }, (_, i) => String(i));
    const range = list.range(keys, 1050, 300);
    expect(range).to.deep.include({ start: 8, end: 16 });
    expect(list.readerOrder(keys, range, 1050, 300)).to.deep.equal({ order: [10, 11, 12, 13, 14, 15, 9, 8], inView: 4 });
    expect(list.measuredBefore(keys, 2)).to.equal(false);
    list.record('0', 120);
    list.record('1', 80);
    expect(list.measuredBefore(keys, 2)).to.equal(true);
  });
});
