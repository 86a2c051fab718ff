/**
 * Static rendering on a page that loads `<perch-tweet>` WITHOUT Lit's hydration support
 * (an npm app that forgot `perch-widgets/hydrate`): the element renders the post afresh in
 * the server-rendered shadow root, once, instead of beside the static copy, and nothing moves.
 */
import { expect } from '@open-wc/testing';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { embedServerUrl } from './support/fixtures.js';

interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
}

describe('static rendering without the hydration support', () => {
  it('renders the post once, in place, with no layout shift', async () => {
    document.body.style.padding = '1px 0';
    const html = await (await fetch(`${await embedServerUrl()}/v1/render/tweet/1641086480675225601?time-zone=UTC`)).text();
    const column = document.createElement('div');
    column.style.width = '550px';
    column.setHTMLUnsafe(html);
    document.body.append(column);
    const el = column.querySelector('perch-tweet') as PerchTweet;
    expect(el.shadowRoot!.querySelectorAll('article').length).to.equal(1);
    const before = el.getBoundingClientRect().height;

    let shift = 0;
    const take = (entries: PerformanceEntryList): void => {
      for (const e of entries as LayoutShift[]) if (!e.hadRecentInput) shift += e.value;
    };
    const observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ type: 'layout-shift', buffered: false });
    await import('../../src/tweet/tweet.js');
    await el.updateComplete;
    // Three rendered frames record every shift the update caused; takeRecords() hands over any not yet delivered.
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
    take(observer.takeRecords());
    observer.disconnect();

    expect(el.shadowRoot!.querySelectorAll('article').length, 'one post, not two').to.equal(1);
    expect(el.shadowRoot!.querySelectorAll('style').length, 'Lit adopted its styles; the static <style> is gone').to.equal(0);
    expect(el.getBoundingClientRect().height).to.be.closeTo(before, 1);
    expect(shift).to.equal(0);
    column.remove();
  });
});
