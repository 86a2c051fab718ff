import { expect, fixture, html } from '@open-wc/testing';
import '../../src/timeline/timeline.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import { until } from './support/fixtures.js';
import { timelinePage } from './support/timeline-pages.js';

// Posts are cached while scrolling (not re-rendered unless something they show changed) and
// the post renderer reuses its date and number formatters. These tests check what a reader
// sees stays right; speed is measured by bench/timeline.bench.ts, not here.

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
const frames = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await frame();
};
const items = (el: PerchTimeline): HTMLElement[] => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.item')];
const firstTime = (el: PerchTimeline): string => el.shadowRoot!.querySelector('.item time')!.textContent!.trim();

/** "2:34 PM · Mar 29, 2023" as the post renderer writes it. */
function expected(iso: string, lang: string, timeZone: string): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone }).format(date);
  const day = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(date);
  return `${time} · ${day}`;
}

describe('<perch-timeline> scrolling and cached posts', () => {
  it('each timeline shows times in its own time-zone and language, and a changed time-zone re-renders the posts in view', async () => {
    const data = timelinePage(30);
    const createdAt = data.posts[0]!.kind === 'post' ? data.posts[0]!.createdAt : '';
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <perch-timeline id="utc" time-zone="UTC" height="400"></perch-timeline>
      <perch-timeline id="tokyo" time-zone="Asia/Tokyo" height="400"></perch-timeline>
      <perch-timeline id="de" lang="de" time-zone="UTC" height="400"></perch-timeline>
    </div>`);
    const utc = wrapper.querySelector<PerchTimeline>('#utc')!;
    const tokyo = wrapper.querySelector<PerchTimeline>('#tokyo')!;
    utc.data = data;
    tokyo.data = timelinePage(30);
    await utc.updateComplete;
    await tokyo.updateComplete;
    const de = wrapper.querySelector<PerchTimeline>('#de')!;
    de.data = timelinePage(30);
    await until(() => de.shadowRoot!.querySelector('.item .action.reply')?.getAttribute('aria-label')?.startsWith('Antworten') === true, 5000, 'German strings');
    expect(firstTime(de)).to.equal(expected(createdAt, 'de', 'UTC'));
    expect(firstTime(de)).not.to.equal(expected(createdAt, 'en', 'UTC'));
    expect(firstTime(utc)).to.equal(expected(createdAt, 'en', 'UTC'));
    expect(firstTime(tokyo)).to.equal(expected(createdAt, 'en', 'Asia/Tokyo'));
    expect(firstTime(utc)).not.to.equal(firstTime(tokyo));

    utc.timeZone = 'America/New_York';
    await utc.updateComplete;
    expect(firstTime(utc)).to.equal(expected(createdAt, 'en', 'America/New_York'));
    expect(firstTime(tokyo)).to.equal(expected(createdAt, 'en', 'Asia/Tokyo'), 'the other timeline is unchanged');
  });

  it('posts scrolled out and back in show the same content, numbering and times', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline height="600" time-zone="UTC"></perch-timeline>`);
    el.data = timelinePage(200);
    await el.updateComplete;
    await frames(3);
    const snapshot = (): string[] => items(el).map((a) => `${a.getAttribute('aria-posinset')}|${a.getAttribute('aria-label')}|${a.querySelector('.text')?.textContent ?? ''}|${a.querySelector('time')?.textContent ?? ''}`);
    const before = snapshot();
    expect(before[0]).to.contain('1|').and.to.contain('Synthetic timeline post number 1|');
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    // Down in reader-sized steps (every post rendered once), then back up the same way.
    for (let i = 0; i < 40; i++) {
      viewport.scrollTop += 500;
      await frame();
    }
    expect(items(el)[0]!.getAttribute('aria-posinset')).not.to.equal('1');
    for (let i = 0; i < 80 && viewport.scrollTop > 0; i++) {
      viewport.scrollTop -= 500;
      await frame();
    }
    await frames(3);
    expect(snapshot()).to.deep.equal(before);
  });

  it('scrolling within the rendered range leaves the posts in view untouched', async () => {
    const el = await fixture<PerchTimeline>(html`<perch-timeline height="600"></perch-timeline>`);
    el.data = timelinePage(100);
    await el.updateComplete;
    await frames(3);
    const firstItem = items(el)[0]!;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(firstItem, { subtree: true, childList: true, characterData: true, attributes: true });
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 30; // still in range: the first post stays rendered
    await frames(3);
    expect(items(el)[0]).to.equal(firstItem, 'the same element');
    expect(changes.filter((c) => c.type !== 'attributes' || c.attributeName !== 'class')).to.have.length(0);

    observer.disconnect();
  });
});
