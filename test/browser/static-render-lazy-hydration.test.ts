/**
 * A page of posts the embed server rendered (`GET /v1/render/tweet/:id`) with the built CDN
 * script: up front it runs only the loader and the small static-page chunk, which counts the
 * posts' impressions; `<perch-tweet>` (and Lit's hydration support) load only when a post comes
 * near the viewport, the browser is idle, or the reader reaches for a post — and then adopt the
 * server's DOM as it is. Each page is a fresh frame; its idle callbacks can be held by the test
 * (the browser's scheduler is the boundary faked), and its collector requests are recorded
 * (`fetch` and `sendBeacon` wrapped, the requests still go out).
 */
import { expect } from '@open-wc/testing';
import { embedServerUrl, requestsAfter, requestsSoFar, until, watchRequests } from './support/fixtures.js';

const PHOTO_POST = '1641086480675225601';
const QUOTE_POST = '1641895049427550208';

type FrameWindow = Window &
  typeof globalThis & {
    /** Idle callbacks the page asked for, held (only with `holdIdle`). */
    __idle?: IdleRequestCallback[];
    /** What was sent to the collector: URL and body (a string, or a Blob for sendBeacon). */
    __sent?: Sent[];
  };

interface Sent {
  url: string;
  body: string | Blob;
}

interface ImpressionBatch {
  pageView: string;
  events: Array<{ seq: number; kind: string; type: string; id: string; ts: number }>;
}

const frames: HTMLIFrameElement[] = [];

/** Records every body sent to `/v1/impressions` (the requests go out unchanged). */
const RECORD_COLLECTOR = `<script>
window.__sent = [];
var realFetch = window.fetch;
window.fetch = function (input, init) {
  if (String(input instanceof Request ? input.url : input).indexOf('/v1/impressions') >= 0) window.__sent.push({ url: String(input instanceof Request ? input.url : input), body: String(init && init.body) });
  return realFetch.apply(this, arguments);
};
var realBeacon = navigator.sendBeacon.bind(navigator);
navigator.sendBeacon = function (url, data) {
  // A copy made in the test's own realm: this page's promises stop with it once it is left.
  if (String(url).indexOf('/v1/impressions') >= 0) window.__sent.push({ url: String(url), body: new parent.Blob([data]) });
  return realBeacon(url, data);
};
</script>`;

/** Idle callbacks are kept, not run, until the test runs them. */
const HOLD_IDLE = `<script>
window.__idle = [];
window.requestIdleCallback = function (cb) { window.__idle.push(cb); return window.__idle.length; };
window.cancelIdleCallback = function () {};
</script>`;

interface PageOptions {
  ids: string[];
  /** Markup for `<head>` (before the Perch script). */
  head?: string;
  /** Put the posts below the fold (after a 3000px block). */
  belowFold?: boolean;
}

/** A fresh frame holding the server's HTML for `ids` and the built CDN script. */
async function staticPage(options: PageOptions): Promise<{ win: FrameWindow; doc: Document; posts: HTMLElement[] }> {
  const server = await embedServerUrl();
  const fragments = await Promise.all(options.ids.map(async (id) => (await fetch(`${server}/v1/render/tweet/${id}?time-zone=UTC`)).text()));
  const frame = document.createElement('iframe');
  // In the test page's viewport, so what the frame shows is "in view".
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', width: '600px', height: '600px', border: '0', background: 'white' });
  const spacer = options.belowFold === true ? '<div style="height: 3000px">Article text.</div>' : '';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${options.head ?? ''}</head><body style="margin: 0">
${spacer}${fragments.join('\n')}
<script async src="${server}/dist/cdn/perch.js"></script></body></html>`;
  document.body.append(frame);
  frames.push(frame);
  // Parsed (the page's load may be held on purpose: not waited for).
  await until(() => frame.contentDocument?.URL === 'about:srcdoc' && frame.contentDocument.readyState !== 'loading', 10_000, 'the page to be parsed');
  const doc = frame.contentDocument!;
  return { win: frame.contentWindow as FrameWindow, doc, posts: [...doc.querySelectorAll<HTMLElement>('perch-tweet')] };
}

/** Widget code a page loads to hydrate: the element's chunk, the shared core, Lit's hydration support. */
function hydrationCode(urls: string[]): string[] {
  return urls.filter((u) => /\/widgets\/(perch-tweet\.js|chunks\/(core|hydrate-support)-)/.test(u));
}

/** Resolves once the post has been adopted by `<perch-tweet>` (its first update, which fires `perch-render`), or fails after `ms`. */
function hydrated(el: Element, ms = 10_000): Promise<void> {
  return until(() => (el as Element & { hasUpdated?: boolean }).hasUpdated === true, ms, '<perch-tweet> to adopt the post');
}

/** The static chunk has counted the posts and armed its triggers (the page has loaded; its idle callback is asked for). */
async function armed(win: FrameWindow): Promise<void> {
  await until(() => win.document.readyState === 'complete' && (win.__idle?.length ?? 0) > 0, 10_000, 'the static-page chunk to arm its triggers');
}

/** Resolves once every IntersectionObserver of the frame already watching `el` has reported (observers report in the order they were made). */
function afterFrameIntersectionReport(win: FrameWindow, el: Element): Promise<void> {
  return new Promise((resolve) => {
    const observer = new win.IntersectionObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(el);
  });
}

/** The batches in what a frame sent to the collector. */
async function batches(sent: Sent[]): Promise<ImpressionBatch[]> {
  const bodies = await Promise.all(sent.map(({ body }) => (typeof body === 'string' ? body : body.text())));
  return bodies.map((b) => JSON.parse(b) as ImpressionBatch);
}

/** Leave the page (the frame navigates away): whatever is still queued is handed to sendBeacon on `pagehide`. Returns all the page sent. */
async function leave(win: FrameWindow): Promise<Sent[]> {
  const sent = win.__sent ?? [];
  const frame = frames.find((f) => f.contentWindow === win)!;
  const left = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.removeAttribute('srcdoc');
  frame.src = 'about:blank';
  await left;
  await requestsSoFar(); // the beacon is in the request log now, not in the next test's
  return sent;
}

/** The article's node and text before hydration, to compare after. */
function snapshot(el: HTMLElement): { article: Element; text: Node | null; height: number } {
  const root = el.shadowRoot;
  if (root === null) throw new Error('no declarative shadow root');
  const article = root.querySelector('article.post');
  if (article === null) throw new Error('no server-rendered article');
  return { article, text: root.querySelector('.text')?.firstChild ?? null, height: article.getBoundingClientRect().height };
}

function expectAdopted(el: HTMLElement, before: { article: Element; text: Node | null }): void {
  const root = el.shadowRoot!;
  expect(root.querySelector('article.post'), 'the same <article> node').to.equal(before.article);
  expect(root.querySelector('.text')?.firstChild ?? null, 'the same text node').to.equal(before.text);
  expect(root.querySelectorAll('article.post'), 'one article').to.have.length(1);
  expect((el as HTMLElement & { data?: { id: string } }).data?.id, 'the element holds the inline model').to.be.a('string');
}

afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

describe('static rendering: hydration waits for a reason, impressions do not', () => {
  before(() => {
    // A consent choice left by another test file would change what "not given" means here.
    document.cookie = 'perch_consent=; max-age=0; path=/';
  });
  beforeEach(async () => {
    await watchRequests(); // each test sees its own page's requests only
  });

  it('posts below the fold load no element code until scrolled near, then are adopted as they are', async () => {
    const server = await embedServerUrl();
    const { win, posts } = await staticPage({ ids: [PHOTO_POST, QUOTE_POST], belowFold: true, head: HOLD_IDLE });
    const first = posts[0]!;
    const before = snapshot(first);
    expect(before.height, 'the server HTML is on screen without any script').to.be.greaterThan(100);
    await requestsAfter(`${server}/dist/cdn/widgets/perch-static.js`, 10_000);
    await armed(win);
    await afterFrameIntersectionReport(win, first);
    const upFront = await requestsSoFar();
    expect(hydrationCode(upFront), 'no element or hydration code before a post is near').to.deep.equal([]);
    expect(win.customElements.get('perch-tweet')).to.equal(undefined);
    expect(typeof (win as FrameWindow & { perch?: { policy(): unknown } }).perch?.policy, 'window.perch is there before hydration').to.equal('function');

    const done = hydrated(first);
    first.scrollIntoView({ block: 'center' });
    await done;
    const after = await requestsSoFar();
    expect(hydrationCode(after).some((u) => u.endsWith('/widgets/perch-tweet.js')), 'the element chunk, once scrolled near').to.equal(true);
    expectAdopted(first, before);
    expect(after.filter((u) => u.includes('/v1/tweets')), 'no request for the posts').to.deep.equal([]);
    // Live: an attribute change re-renders through Lit, in the adopted DOM.
    const time = first.shadowRoot!.querySelector('footer time')!;
    const utc = time.textContent;
    first.setAttribute('time-zone', 'Asia/Tokyo');
    await (first as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    expect(time.textContent, 'the timestamp, now in Tokyo time').to.not.equal(utc);
    expect(first.shadowRoot!.querySelector('article.post')).to.equal(before.article);
  });

  it('the browser going idle loads the element, and every post is adopted', async () => {
    const { win, posts } = await staticPage({ ids: [PHOTO_POST, QUOTE_POST], belowFold: true, head: HOLD_IDLE });
    const before = posts.map(snapshot);
    await armed(win);
    await afterFrameIntersectionReport(win, posts[0]!);
    expect(win.customElements.get('perch-tweet'), 'not before idle').to.equal(undefined);
    const done = Promise.all(posts.map((p) => hydrated(p)));
    for (const cb of win.__idle!.splice(0)) cb({ didTimeout: false, timeRemaining: () => 50 });
    await done;
    posts.forEach((p, i) => expectAdopted(p, before[i]!));
  });

  it('reaching for a post (pointer down) loads the element at once, before the page has even loaded', async () => {
    // The page's load is held by a slow image: the idle and near-viewport triggers wait for it, a reader does not.
    const { win, posts } = await staticPage({ ids: [QUOTE_POST], belowFold: true, head: `${HOLD_IDLE}<img src="/__delay/8000/healthz" alt="">` });
    const server = await embedServerUrl();
    const post = posts[0]!;
    const before = snapshot(post);
    await requestsAfter(`${server}/dist/cdn/widgets/perch-static.js`, 10_000);
    expect(win.document.readyState, 'the page is still loading').to.not.equal('complete');
    const done = hydrated(post);
    // The reader presses on the post (again each frame, as a reader would, until the element's code is asked for).
    await until(() => {
      post.dispatchEvent(new win.PointerEvent('pointerdown', { bubbles: true, composed: true }));
      return win.performance.getEntriesByType('resource').some((e) => e.name.endsWith('/widgets/perch-tweet.js'));
    }, 10_000, 'the element chunk, asked for on pointer down');
    await done;
    expect(win.document.readyState, 'hydrated before the page finished loading').to.not.equal('complete');
    expectAdopted(post, before);
  });

  it('a viewable post is counted before hydration, and once per page view after it', async () => {
    // The page's load is held 3 s by a slow image: hydration waits for it, the viewable second does not.
    const { win, posts } = await staticPage({ ids: [PHOTO_POST], head: `${RECORD_COLLECTOR}<img src="/__delay/3000/healthz" alt="">` });
    const post = posts[0]!;
    await hydrated(post, 12_000);
    const chunk = win.performance.getEntriesByType('resource').find((e) => e.name.endsWith('/widgets/perch-tweet.js'));
    expect(chunk, 'the element chunk was loaded').to.not.equal(undefined);
    const hydrationStartedAt = win.performance.timeOrigin + chunk!.startTime;
    const sent = await leave(win);
    const sentBatches = await batches(sent);
    const events = sentBatches.flatMap((b) => b.events).filter((e) => e.id === PHOTO_POST);
    expect(new Set(sentBatches.map((b) => b.pageView)).size, 'one page view').to.equal(1);
    expect(events.map((e) => `${e.kind}:${e.type}`).sort(), 'one rendered and one viewable impression').to.deep.equal(['post:rendered', 'post:viewable']);
    const viewable = events.find((e) => e.type === 'viewable')!;
    expect(viewable.ts, 'the viewable impression was counted before hydration began').to.be.below(hydrationStartedAt);
  });

  it('impressions after consent, consent required and not given: no collector request, nothing from X', async () => {
    const server = await embedServerUrl();
    const { win, posts } = await staticPage({
      ids: [PHOTO_POST],
      head: `<script>window.PerchConfig = { impressions: 'after-consent' };</script>${RECORD_COLLECTOR}`,
    });
    const post = posts[0]!;
    await hydrated(post);
    const sent = await leave(win); // leaving the page sends anything still queued
    const seen = await requestsSoFar();
    expect(seen.filter((u) => u.includes('/v1/impressions')), 'no collector request').to.deep.equal([]);
    expect(sent, 'nothing handed to fetch or sendBeacon for the collector').to.deep.equal([]);
    const foreign = seen.filter((u) => !u.startsWith(server) && !u.startsWith(location.origin) && !u.startsWith('data:') && !u.startsWith('about:'));
    expect(foreign, 'no request beyond the embed server and the page').to.deep.equal([]);
  });

  it('under-13 mode: impressions of a static post go to the collector with dnt=true', async () => {
    const { win, posts } = await staticPage({ ids: [PHOTO_POST], head: `<meta name="twitter:dnt" content="on">${RECORD_COLLECTOR}` });
    await hydrated(posts[0]!);
    const sent = await leave(win);
    expect(sent.length, 'a collector request').to.be.greaterThan(0);
    for (const { url } of sent) expect(new URL(url).searchParams.get('dnt'), url).to.equal('true');
    const events = (await batches(sent)).flatMap((b) => b.events);
    expect(events.some((e) => e.id === PHOTO_POST && e.type === 'rendered'), 'the post is counted').to.equal(true);
  });
});
