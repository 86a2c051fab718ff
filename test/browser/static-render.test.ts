/**
 * Static rendering: a post rendered by the embed server (`GET /v1/render/tweet/:id`,
 * declarative shadow DOM) shows with no Perch script on the page, and `<perch-tweet>`
 * adopts that DOM when its code loads: same nodes, no request, no layout shift, and the
 * same boxes as a post the client renders itself.
 *
 * `<perch-tweet>` is deliberately NOT imported up front: the first tests run before it
 * is defined; `defineTweet()` loads it (hydration support first, as the CDN chunk does).
 */
import { expect } from '@open-wc/testing';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { embedServerUrl, fixtureFiles, fixturePost, seenRequests, watchRequests } from './support/fixtures.js';

interface LayoutShift extends PerformanceEntry {
  value: number;
  hadRecentInput: boolean;
  sources: Array<{ node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }>;
}

const PHOTO_POST = '1641086480675225601';
const QUOTE_POST = '1641895049427550208';
const TOMBSTONE = '1620000000000000001';

/** The server's HTML for `id`, inserted as parsed HTML (so the declarative shadow root is attached), inside a 550px column. */
async function insertStatic(id: string, query = 'time-zone=UTC'): Promise<PerchTweet> {
  const res = await fetch(`${await embedServerUrl()}/v1/render/tweet/${id}?${query}`);
  const html = await res.text();
  const column = document.createElement('div');
  column.className = 'column';
  column.style.width = '550px';
  column.setHTMLUnsafe(html);
  document.body.append(column);
  const el = column.querySelector('perch-tweet');
  if (el === null) throw new Error(`no <perch-tweet> in the HTML for ${id}`);
  return el as PerchTweet;
}

/** A post the client renders itself from the same model, in an identical column. */
async function insertClient(post: PostResult, attributes: Record<string, string> = {}): Promise<PerchTweet> {
  const column = document.createElement('div');
  column.className = 'column';
  column.style.width = '550px';
  const el = document.createElement('perch-tweet') as PerchTweet;
  el.setAttribute('server', await embedServerUrl());
  el.setAttribute('time-zone', 'UTC');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  el.data = post;
  column.append(el);
  document.body.append(column);
  await el.updateComplete;
  return el;
}

let defined: Promise<void> | undefined;
/** Load `<perch-tweet>` the way a page with server-rendered posts does: hydration support, then the element. */
function defineTweet(): Promise<void> {
  defined ??= (async () => {
    await import('../../src/render/hydrate-support.js');
    await import('../../src/tweet/tweet.js');
  })();
  return defined;
}

function frames(n: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else requestAnimationFrame(() => step(left - 1));
    };
    step(n);
  });
}

/** Layout shift observed while `run` executes and a few frames after. */
async function layoutShiftDuring(run: () => Promise<void>): Promise<{ total: number; what: string[] }> {
  let total = 0;
  const what: string[] = [];
  const take = (entries: PerformanceEntryList): void => {
    for (const entry of entries as LayoutShift[]) {
      if (entry.hadRecentInput) continue;
      total += entry.value;
      what.push(entry.sources.map((s) => `${s.node?.nodeName ?? '?'} ${JSON.stringify(s.previousRect)} → ${JSON.stringify(s.currentRect)}`).join('; '));
    }
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: false });
  await run();
  // Shifts are recorded as frames render: after three more, every one `run` caused is
  // recorded, and takeRecords() hands over those not yet delivered (no wait on delivery).
  await frames(3);
  take(observer.takeRecords());
  observer.disconnect();
  return { total, what };
}

/** Boxes of the parts a reader sees, relative to the element. */
function boxes(el: Element): Record<string, { x: number; y: number; w: number; h: number }> {
  const host = el.getBoundingClientRect();
  const out: Record<string, { x: number; y: number; w: number; h: number }> = {};
  const root = el.shadowRoot;
  if (root === null) return out;
  for (const [name, selector] of [
    ['article', 'article'],
    ['header', 'header'],
    ['text', 'article > .body > .text'],
    ['media', 'article > .body > .media'],
    ['quoted', '.quoted'],
    ['card', '.card'],
    ['footer', 'footer'],
    ['tombstone', '.tombstone'],
  ] as const) {
    const r = root.querySelector(selector)?.getBoundingClientRect();
    if (r !== undefined) out[name] = { x: r.x - host.x, y: r.y - host.y, w: r.width, h: r.height };
  }
  out.host = { x: 0, y: 0, w: host.width, h: host.height };
  return out;
}

function expectSameBoxes(a: Element, b: Element): void {
  const ba = boxes(a);
  const bb = boxes(b);
  expect(Object.keys(ba).sort()).to.deep.equal(Object.keys(bb).sort());
  for (const [name, box] of Object.entries(ba)) {
    const other = bb[name]!;
    for (const k of ['x', 'y', 'w', 'h'] as const) {
      expect(Math.abs(box[k] - other[k]), `${name}.${k}: static ${box[k]} vs client ${other[k]}`).to.be.at.most(1);
    }
  }
}

/** Visible text and link targets of a rendered post. */
function content(el: Element): { text: string; links: string[] } {
  const root = el.shadowRoot!;
  const article = root.querySelector('article') ?? root;
  const text = (article instanceof HTMLElement ? article.innerText : article.textContent ?? '').replace(/\s+/g, ' ').trim();
  return { text, links: [...root.querySelectorAll('a')].map((a) => a.href) };
}

describe('static rendering (server-rendered <perch-tweet>)', () => {
  before(() => {
    // Keep the harness's margins from collapsing through <body>: only the widget may move anything.
    document.body.style.padding = '1px 0';
  });
  afterEach(() => {
    for (const c of document.querySelectorAll('.column')) c.remove();
  });

  it('shows the post with no Perch script loaded, then adopts the same DOM without a request or a layout shift', async () => {
    expect(customElements.get('perch-tweet'), 'the element must not be defined yet').to.equal(undefined);
    const el = await insertStatic(PHOTO_POST);
    const root = el.shadowRoot;
    expect(root, 'a declarative shadow root').to.not.equal(null);
    const article = root!.querySelector('article.post')!;
    expect(article.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(content(el).text).to.contain('If you are interested about View Flattening in React Native');
    expect(root!.querySelector('.media')!.getBoundingClientRect().height).to.be.greaterThan(50);

    const textNode = root!.querySelector('.text')!.firstChild;
    const footer = root!.querySelector('footer');
    const timeText = root!.querySelector('footer time')!.textContent;
    const before = boxes(el);
    await watchRequests();
    let rendered = false;
    el.addEventListener('perch-render', () => (rendered = true));

    const shift = await layoutShiftDuring(async () => {
      await defineTweet();
      await customElements.whenDefined('perch-tweet');
      await el.updateComplete;
    });
    expect(shift.total, `layout shift on hydration: ${shift.what.join(' | ')}`).to.equal(0);
    expect(el.shadowRoot).to.equal(root);
    expect(root!.querySelector('article.post'), 'the same <article> node').to.equal(article);
    expect(root!.querySelector('.text')!.firstChild, 'the same text node').to.equal(textNode);
    expect(root!.querySelector('footer')).to.equal(footer);
    expect(root!.querySelector('footer time')!.textContent).to.equal(timeText);
    expect(el.data?.id).to.equal(PHOTO_POST);
    expect(rendered, 'perch-render fires for an adopted post').to.equal(true);
    expect(boxes(el)).to.deep.equal(before);
    const requests = await seenRequests();
    expect(requests.filter((u) => u.includes('/v1/tweets')), 'no request for the post').to.deep.equal([]);
    // Adopted, not frozen: a later update renders through Lit as usual.
    el.setAttribute('cards', 'hidden');
    await el.updateComplete;
    expect(root!.querySelector('article.post')).to.equal(article);
  });

  it('a hydrated post is live: changing an attribute updates the adopted DOM', async () => {
    await defineTweet();
    const el = await insertStatic(QUOTE_POST);
    await el.updateComplete;
    const article = el.shadowRoot!.querySelector('article');
    expect(el.shadowRoot!.querySelector('footer time')!.textContent).to.contain('8:07');
    el.setAttribute('time-zone', 'Asia/Tokyo');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('article')).to.equal(article);
    expect(el.shadowRoot!.querySelector('footer time')!.textContent).to.contain('5:07');
  });

  it('width and lang reach the page before the script and stay after it, with no shift', async () => {
    const el = await insertStatic(QUOTE_POST, 'time-zone=UTC&width=400&align=center&lang=fr');
    expect(el.getBoundingClientRect().width).to.equal(400);
    const article = el.shadowRoot!.querySelector('article');
    expect(el.shadowRoot!.querySelector('.x-mark')!.getAttribute('aria-label')).to.equal('Voir sur X');
    const shift = await layoutShiftDuring(async () => {
      await defineTweet();
      await el.updateComplete;
    });
    expect(shift.total, shift.what.join(' | ')).to.equal(0);
    expect(el.getBoundingClientRect().width).to.equal(400);
    expect(el.style.getPropertyValue('--perch-width').trim()).to.equal('400px');
    // The French strings have arrived (the element's own import of them settles first) and any re-render is done.
    const { loadLanguage } = await import('../../src/shared/i18n.js');
    await loadLanguage('fr');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('article')).to.equal(article);
    expect(el.shadowRoot!.querySelector('.x-mark')!.getAttribute('aria-label')).to.equal('Voir sur X');
  });

  it('server-rendered and client-rendered posts have the same text, links and boxes (every fixture)', async () => {
    await defineTweet();
    for (const file of await fixtureFiles()) {
      const post = await fixturePost(file);
      const stat = await insertStatic(post.id);
      await stat.updateComplete;
      const client = await insertClient(post);
      const a = content(stat);
      const b = content(client);
      expect(a.text, `${file}: text`).to.equal(b.text);
      expect(a.links, `${file}: links`).to.deep.equal(b.links);
      expectSameBoxes(stat, client);
      for (const c of document.querySelectorAll('.column')) c.remove();
    }
  });

  it('a tombstone renders as a tombstone, statically and after hydration', async () => {
    const el = await insertStatic(TOMBSTONE);
    await defineTweet();
    await el.updateComplete;
    const tomb = el.shadowRoot!.querySelector('.tombstone');
    expect(tomb).to.not.equal(null);
    expect(tomb!.getAttribute('data-reason')).to.equal('deleted');
    expect(el.shadowRoot!.querySelector('header')).to.equal(null);
  });

  it('the adopted post is accessible in light and dark themes', async () => {
    await defineTweet();
    for (const theme of ['light', 'dark']) {
      const el = await insertStatic(PHOTO_POST, `time-zone=UTC&theme=${theme}`);
      await el.updateComplete;
      await expect(el).to.be.accessible();
      el.parentElement!.remove();
    }
  });
});
