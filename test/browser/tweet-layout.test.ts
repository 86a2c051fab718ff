import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { embedServerUrl, nextEvent } from './support/fixtures.js';

interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
}

/** What moved, for the failure message. */
function describeShift(entry: LayoutShift): string {
  return entry.sources
    .map((s) => `${s.node?.nodeName ?? '?'}.${(s.node as Element | undefined)?.className ?? ''} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`)
    .join('; ');
}

/** Sum of layout-shift values observed while `run` executes and in the frames it caused. */
async function layoutShiftDuring(run: () => Promise<void>): Promise<number> {
  let total = 0;
  const take = (entries: PerformanceEntryList): void => {
    for (const entry of entries as LayoutShift[]) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      console.warn(`layout shift ${entry.value}: ${describeShift(entry)}`);
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: false });
  await run();
  // Three rendered frames record every shift `run` caused; takeRecords() hands over any not yet delivered.
  for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
  take(observer.takeRecords());
  observer.disconnect();
  return total;
}

describe('<perch-tweet> layout stability', () => {
  // Keep the harness's own margins from collapsing through <body> as fixtures come and go,
  // so only the widget under test can move anything.
  before(() => {
    document.body.style.padding = '1px 0';
  });
  beforeEach(() => clearPostMemo());

  it('a post arriving while its fallback is off screen renders at once, moving nothing', async () => {
    const server = await embedServerUrl();
    const delayed = `${location.origin}/__delay/300${new URL(server).pathname.replace(/\/$/, '')}`;
    const shift = await layoutShiftDuring(async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div>
        <div style="height: ${window.innerHeight + 200}px">Above the fold.</div>
        <perch-tweet tweet-id="1629262255744503809" server=${delayed}><blockquote><p>Pasted text</p></blockquote></perch-tweet>
        <p>After.</p>
      </div>`);
      await nextEvent(wrap.querySelector('perch-tweet')!, 'perch-render', 5000);
    });
    expect(shift).to.equal(0);
  });

  it('swap="immediate" renders as soon as data arrives', async () => {
    const server = await embedServerUrl();
    const el = await fixture<PerchTweet>(html`<perch-tweet swap="immediate" tweet-id="1703436713362870723" server=${server}><blockquote><p>Pasted</p></blockquote></perch-tweet>`);
    await nextEvent(el, 'perch-render');
    expect(el.shadowRoot!.querySelector('article.post')).to.exist;
  });

  it('images arriving late do not move the text below them', async () => {
    const server = await embedServerUrl();
    const delayedMedia = `${location.origin}/__delay/600`;
    const post = await (await fetch(`${server}/v1/tweets/1641086480675225601`)).json();
    const shift = await layoutShiftDuring(async () => {
      const el = document.createElement('perch-tweet') as PerchTweet;
      el.server = delayedMedia;
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify(post);
      el.append(script);
      const below = document.createElement('p');
      below.textContent = 'below';
      document.body.append(el, below);
      await el.updateComplete;
      const img = el.shadowRoot!.querySelector<HTMLImageElement>('.photo img')!;
      const boxBefore = img.parentElement!.getBoundingClientRect().height;
      expect(boxBefore).to.be.greaterThan(100);
      await new Promise<void>((resolve) => {
        if (img.complete) resolve();
        img.addEventListener('load', () => resolve(), { once: true });
        img.addEventListener('error', () => resolve(), { once: true });
      });
      expect(img.parentElement!.getBoundingClientRect().height).to.equal(boxBefore);
      el.remove();
      below.remove();
    });
    expect(shift).to.equal(0);
  });
});
