import { expect } from '@open-wc/testing';
import { embedServerUrl, until } from './support/fixtures.js';

// The real, built CDN loader, written into a page every way publishers write it: classic, async,
// defer, module, added by another script, and pasted twenty times (as when each of X's snippets
// keeps its own script line, pointed at Perch). Each page is a fresh frame; the loader comes from
// the embed server's origin, not the page's, so a chunk resolved against the page would 404.
// Every way must render the post and upgrade X's markup, fetching each chunk once.

type FrameWindow = Window & {
  PerchConfig?: Record<string, unknown>;
  readyCalls?: number;
  loadedCalls?: number;
  pageObservers?: number;
};

const POST_ID = '1629262255744503809';
const frames: HTMLIFrameElement[] = [];

/**
 * X's async `twttr` snippet, with a ready callback that counts its calls and the "loaded" events;
 * and a count of the observers watching the whole page for added widgets.
 */
const TWTTR_SNIPPET = `<script>
window.pageObservers = 0;
var observe = MutationObserver.prototype.observe;
MutationObserver.prototype.observe = function (target, options) {
  if (target === document.documentElement && options && options.subtree) window.pageObservers++;
  return observe.call(this, target, options);
};
window.readyCalls = 0; window.loadedCalls = 0;
window.twttr = (function (t) { t._e = []; t.ready = function (f) { t._e.push(f); }; return t; })(window.twttr || {});
twttr.ready(function (t) { window.readyCalls++; t.events.bind('loaded', function () { window.loadedCalls++; }); });
</script>`;

/** A page with a `<perch-tweet>`, X's follow button link, and `head` / `tail` around them. */
async function page(head: string, tail = ''): Promise<{ win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  // In the test page's viewport: widgets load when near the reader's view.
  Object.assign(frame.style, { position: 'fixed', top: '0', left: '0', width: '700px', height: '600px', border: '0', background: 'white' });
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${TWTTR_SNIPPET}${head}</head><body>
<perch-tweet tweet-id="${POST_ID}"></perch-tweet>
<p><a href="https://twitter.com/TwitterDev?ref_src=twsrc%5Etfw" class="twitter-follow-button">Follow @TwitterDev</a></p>
${tail}</body></html>`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

/** Each chunk file the page fetched (by file name, whatever URL it was resolved to) → the URLs fetched. */
function chunkFetches(win: Window): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const entry of win.performance.getEntriesByType('resource')) {
    const path = new URL(entry.name).pathname;
    const match = /\/widgets\/(?:chunks\/)?[^/]+\.js$/.exec(path);
    if (match === null) continue;
    const file = match[0];
    byFile.set(file, [...(byFile.get(file) ?? []), entry.name]);
  }
  return byFile;
}

/** The post rendered, X's follow link upgraded, twttr "loaded" fired; then each chunk fetched once, from beside perch.js. */
async function expectWorking(win: FrameWindow, doc: Document): Promise<void> {
  const server = await embedServerUrl();
  const post = doc.querySelector('perch-tweet')!;
  await until(() => post.shadowRoot?.querySelector('article.post [part="name"]') != null, 10_000, 'the post');
  expect(post.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Matt Carroll');
  await until(() => doc.querySelector('perch-follow-button')?.shadowRoot?.querySelector('a') != null, 10_000, "X's follow button, upgraded");
  await until(() => (win.loadedCalls ?? 0) > 0, 10_000, 'the twttr "loaded" event');
  expect(win.readyCalls, 'twttr.ready callbacks run once').to.equal(1);
  expect(win.loadedCalls, 'one "loaded" event').to.equal(1);
  expect(win.pageObservers, 'one observer of the page').to.equal(1);
  const fetched = chunkFetches(win);
  for (const file of ['/widgets/perch-tweet.js', '/widgets/x-compat.js', '/widgets/perch-buttons.js']) {
    expect(fetched.has(file), `${file} fetched`).to.equal(true);
  }
  for (const [file, urls] of fetched) {
    expect(urls, `${file} fetched once`).to.have.length(1);
    expect(urls[0]!.startsWith(`${server}/dist/cdn/widgets/`), `${file} from beside perch.js: ${urls[0]}`).to.equal(true);
  }
}

afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

describe('the CDN loader, however its script tag is written', () => {
  let loader: string;
  before(async () => {
    loader = `${await embedServerUrl()}/dist/cdn/perch.js`;
  });

  it('a classic script (no async, no defer) in <head>', async () => {
    const { win, doc } = await page(`<script src="${loader}"></script>`);
    await expectWorking(win, doc);
  });

  it('async', async () => {
    const { win, doc } = await page(`<script async src="${loader}"></script>`);
    await expectWorking(win, doc);
  });

  it('defer', async () => {
    const { win, doc } = await page(`<script defer src="${loader}"></script>`);
    await expectWorking(win, doc);
  });

  it('type="module" (no document.currentScript), with its data-* configuration honoured', async () => {
    const { win, doc } = await page(`<script type="module" src="${loader}" data-theme="dark"></script>`);
    await expectWorking(win, doc);
    expect(win.PerchConfig?.theme).to.equal('dark');
    expect(doc.querySelector('perch-tweet')!.matches(':state(dark)'), 'effective theme dark').to.equal(true);
  });

  it('added by another script', async () => {
    const { win, doc } = await page(`<script>
      var s = document.createElement('script'); s.src = ${JSON.stringify(loader)}; document.head.appendChild(s);
    </script>`);
    await expectWorking(win, doc);
  });

  it('added by another script with async = false', async () => {
    const { win, doc } = await page(`<script>
      var s = document.createElement('script'); s.src = ${JSON.stringify(loader)}; s.async = false; document.head.appendChild(s);
    </script>`);
    await expectWorking(win, doc);
  });

  it("pasted twenty times (X's snippets, each with its own script line)", async () => {
    const snippets = Array.from({ length: 20 }, (_, i) => `<p>Paragraph ${i}</p><script async src="${loader}" charset="utf-8"></script>`).join('\n');
    const { win, doc } = await page('', snippets);
    expect(doc.querySelectorAll('script[src]')).to.have.length(20);
    await expectWorking(win, doc);
  });

  it('as a module and a classic script on the same page', async () => {
    const { win, doc } = await page(`<script type="module" src="${loader}"></script><script async src="${loader}"></script>`);
    await expectWorking(win, doc);
  });
});
