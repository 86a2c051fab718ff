// Scrolling a long timeline costs a bounded amount of work per frame: after a jump to the middle
// of 1,000 posts the posts are rendered a few a frame, the ones in view first, and the posts in
// view stay where they are while the rest arrive and their heights are learnt.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { TimelinePage } from '../../src/data/timeline.js';
import { syntheticPost, timelinePage } from './support/timeline-pages.js';

/** Most posts the timeline renders in one frame (FeedRows' default). */
const MAX_POSTS_PER_FRAME = 4;

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

/** 1,000 posts of varied heights (one to several lines of text), so estimates are revised as posts are measured. */
function variedPage(count: number): TimelinePage {
  const page = timelinePage(count);
  page.posts = page.posts.map((_, i) => {
    const n = i + 1;
    const text = `Synthetic timeline post number ${n}. ${'Some more words to wrap the line. '.repeat((n * 7) % 11)}`.trim();
    return syntheticPost(n, { text: { text, displayRange: [0, text.length], entities: [] } });
  });
  return page;
}

/**
 * Posts rendered in each frame (keyed by the frame's time): a post's box (`.post`) entering the DOM
 * for the first time. (A rendered row moved by the keyed list is not rendered again.)
 */
function countPostsPerFrame(root: ShadowRoot): { perFrame: Map<number, number>; stop(): void } {
  const perFrame = new Map<number, number>();
  const seen = new WeakSet<Element>();
  const observer = new MutationObserver((records) => {
    const t = Number(document.timeline.currentTime);
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const posts = [...(node.matches('.post') ? [node] : []), ...node.querySelectorAll('.post')].filter((p) => !seen.has(p));
        posts.forEach((p) => seen.add(p));
        if (posts.length > 0) perFrame.set(t, (perFrame.get(t) ?? 0) + posts.length);
      }
    }
  });
  observer.observe(root, { childList: true, subtree: true });
  return { perFrame, stop: () => observer.disconnect() };
}

/** The rows at least partly inside the viewport. */
function rowsInView(viewport: HTMLElement): HTMLElement[] {
  const box = viewport.getBoundingClientRect();
  return [...viewport.querySelectorAll<HTMLElement>('.item')].filter((row) => {
    const r = row.getBoundingClientRect();
    return r.bottom > box.top + 1 && r.top < box.bottom - 1;
  });
}

describe('<perch-timeline> work per frame', () => {
  it('a jump to the middle of 1,000 posts renders a few posts a frame, those in view first, and nothing in view moves', async function () {
    this.timeout(60_000);
    const el = await fixture<PerchTimeline>(html`<perch-timeline height="600" time-zone="UTC"></perch-timeline>`);
    el.data = variedPage(1000);
    await el.updateComplete;
    for (let i = 0; i < 3; i++) await frame();
    const root = el.shadowRoot!;
    const viewport = root.querySelector<HTMLElement>('.viewport')!;
    const counter = countPostsPerFrame(root);

    viewport.scrollTop = viewport.scrollHeight / 2;
    // Frame by frame: when are the rows in view all showing their post, and which row is at the top then?
    let framesToFill = 0;
    let anchor: { key: string; top: number } | undefined;
    for (let f = 1; f <= 60 && anchor === undefined; f++) {
      await frame();
      const inView = rowsInView(viewport);
      const middle = inView.some((row) => Number(row.getAttribute('aria-posinset')) > 100);
      if (middle && inView.length > 0 && inView.every((row) => row.querySelector('.post') !== null)) {
        framesToFill = f;
        const row = inView[0]!;
        anchor = { key: row.dataset.key!, top: row.getBoundingClientRect().top - viewport.getBoundingClientRect().top };
      }
    }
    expect(anchor, 'the posts in view were rendered').not.to.equal(undefined);
    // At least one post per frame, those in view first: a viewport of 600 px holds at most a handful.
    expect(framesToFill).to.be.at.most(8, 'frames until the posts in view were rendered');

    await el.updateComplete; // every row of the rendered range filled
    for (let i = 0; i < 5; i++) await frame(); // heights measured, spacers revised
    await el.updateComplete;
    counter.stop();

    const busiest = Math.max(...counter.perFrame.values());
    expect(busiest).to.be.at.most(MAX_POSTS_PER_FRAME, `posts rendered in one frame (per frame: ${[...counter.perFrame.values()].join(', ')})`);
    expect([...counter.perFrame.values()].reduce((a, b) => a + b, 0)).to.be.at.least(6, 'the rendered range was filled');

    const row = root.querySelector<HTMLElement>(`.item[data-key="${anchor!.key}"]`);
    expect(row, 'the post at the top is still rendered').not.to.equal(null);
    const top = row!.getBoundingClientRect().top - viewport.getBoundingClientRect().top;
    expect(Math.abs(top - anchor!.top)).to.be.below(2, `the post at the top moved from ${anchor!.top} to ${top}`);
    expect(row!.querySelector('.post'), 'and shows its post').not.to.equal(null);
  });

  it('rows not yet rendered keep space of the estimated height, and none is left empty once the frames are done', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline height="600"></perch-timeline>`);
    el.data = variedPage(300);
    await el.updateComplete;
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 20_000;
    let sawReserved = false;
    for (let i = 0; i < 3; i++) {
      await frame();
      for (const row of el.shadowRoot!.querySelectorAll<HTMLElement>('.item')) {
        if (row.querySelector('.post') === null) {
          sawReserved = true;
          expect(row.getBoundingClientRect().height, 'an empty row reserves its estimated height').to.be.above(50);
        }
      }
    }
    expect(sawReserved, 'some rows waited for a later frame').to.equal(true);
    await el.updateComplete;
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')];
    expect(rows.length).to.be.above(3);
    expect(rows.filter((row) => row.querySelector('.post') === null)).to.have.length(0);
  });
});
