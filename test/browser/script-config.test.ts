import { expect } from '@open-wc/testing';
import { readScriptConfig } from '../../src/cdn/script-config.js';
import { until } from './support/fixtures.js';

// Configuration from data attributes on the Perch script tag, merged with window.PerchConfig
// (the global wins, key by key) and <meta> tags (the script tag wins). Each page is a fresh
// same-origin frame running the real built loader; "/__page" is the real embed server,
// reached through the test server (test/browser/support/page-proxy.mjs).

type FrameWindow = Window & {
  PerchConfig?: Record<string, unknown>;
  ownConfig?: Record<string, unknown>;
  warnings?: string[];
  twttr?: { perch?: boolean; ready?(fn: () => void): void; widgets?: { load(el?: Element): Promise<Element[]> } };
};

const LOADER = '/__page/dist/cdn/perch.js';
const frames: HTMLIFrameElement[] = [];

async function page(head: string, body: string): Promise<{ win: FrameWindow; doc: Document }> {
  const frame = document.createElement('iframe');
  frame.style.width = '700px';
  frame.style.height = '900px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  // Warnings are collected by the page itself, before the loader runs.
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>window.warnings = []; const warn = console.warn; console.warn = (...a) => { window.warnings.push(String(a[0])); warn(...a); };</script>
${head}</head><body>${body}</body></html>`;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return { win: frame.contentWindow as FrameWindow, doc: frame.contentDocument! };
}

async function postRendered(el: Element): Promise<void> {
  await until(() => el.shadowRoot?.querySelector('article.post') != null, 10_000, 'the post');
}

afterEach(() => {
  for (const f of frames.splice(0)) f.remove();
});

describe('Perch script tag configuration (data-* attributes)', () => {
  it('reads data-server, data-theme, data-impressions, data-timeout-ms, data-collector and data-autoload', () => {
    const script = document.createElement('script');
    Object.assign(script.dataset, { server: 'https://embed.example.com', theme: 'dark', impressions: 'off', timeoutMs: '4000', collector: 'https://collect.example.com', autoload: 'off' });
    expect(readScriptConfig(script)).to.deep.equal({
      config: { server: 'https://embed.example.com', theme: 'dark', impressions: 'off', timeoutMs: 4000, collector: 'https://collect.example.com' },
      autoloadOff: true,
    });
    script.dataset.impressions = 'on';
    expect(readScriptConfig(script).config.impressions).to.equal('always');
    expect(readScriptConfig(null)).to.deep.equal({ config: {}, autoloadOff: false });
  });

  it('ignores invalid values with a console warning (never a javascript: server)', async () => {
    const { win } = await page(`<script src="${LOADER}" data-server="javascript:alert(1)" data-theme="purple" data-impressions="sometimes" data-timeout-ms="-5"></script>`, '');
    await until(() => (win.warnings ?? []).length >= 4, 5000, 'the warnings');
    expect(win.PerchConfig).to.equal(undefined);
    expect(win.warnings!.filter((w) => w.startsWith('[perch] ignored')).sort()).to.deep.equal([
      '[perch] ignored data-impressions="sometimes" on the Perch script tag',
      '[perch] ignored data-server="javascript:alert(1)" on the Perch script tag',
      '[perch] ignored data-theme="purple" on the Perch script tag',
      '[perch] ignored data-timeout-ms="-5" on the Perch script tag',
    ]);
  });

  it('a post renders from the data-server embed server, in the data-theme theme', async () => {
    const { win, doc } = await page(
      `<script async src="${LOADER}" data-server="/__page" data-theme="dark" data-impressions="off" data-timeout-ms="8000"></script>`,
      '<perch-tweet tweet-id="1629262255744503809" loading="eager"></perch-tweet>',
    );
    const el = doc.querySelector('perch-tweet')!;
    await postRendered(el);
    expect(win.PerchConfig).to.deep.equal({ server: '/__page', theme: 'dark', impressions: 'off', timeoutMs: 8000 });
    expect(el.matches(':state(dark)'), 'effective theme dark').to.equal(true);
    // Requests went to the configured server, not to the origin the script came from.
    const requests = win.performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    expect(requests.some((p) => p.startsWith('/__page/v1/'))).to.equal(true);
    expect(requests.filter((p) => p.startsWith('/v1/'))).to.deep.equal([]);
  });

  it('window.PerchConfig set before the script wins over the script tag, key by key', async () => {
    const { win, doc } = await page(
      `<script>window.ownConfig = window.PerchConfig = { theme: 'light', impressions: 'after-consent' };</script>
       <script async src="${LOADER}" data-server="/__page" data-theme="dark" data-impressions="off"></script>`,
      '<perch-tweet tweet-id="1629262255744503809" loading="eager"></perch-tweet>',
    );
    const el = doc.querySelector('perch-tweet')!;
    await postRendered(el);
    expect(win.PerchConfig).to.deep.equal({ server: '/__page', theme: 'light', impressions: 'after-consent' });
    expect(win.PerchConfig, 'the publisher\'s own object, filled in place').to.equal(win.ownConfig);
    expect(el.matches(':state(light)'), 'effective theme light').to.equal(true);
  });

  it('the script tag wins over <meta> tags (perch:server, twitter:widgets:theme)', async () => {
    const { doc } = await page(
      `<meta name="perch:server" content="http://127.0.0.1:9"><meta name="twitter:widgets:theme" content="dark">
       <script async src="${LOADER}" data-server="/__page" data-theme="light"></script>`,
      '<perch-tweet tweet-id="1629262255744503809" loading="eager"></perch-tweet>',
    );
    const el = doc.querySelector('perch-tweet')!;
    await postRendered(el);
    expect(el.matches(':state(light)'), 'effective theme light').to.equal(true);
  });

  it('data-autoload="off" leaves X markup alone until twttr.widgets.load()', async () => {
    const { win, doc } = await page(
      `<script async src="${LOADER}" data-server="/__page" data-autoload="off"></script>`,
      '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">Pasted</p>&mdash; Matt (@mattcarrollcode) <a href="https://twitter.com/mattcarrollcode/status/1629262255744503809?ref_src=twsrc%5Etfw">Feb 24, 2023</a></blockquote>',
    );
    await until(() => win.twttr !== undefined, 5000, 'the loader');
    win.twttr!.ready?.(() => undefined);
    await until(() => win.twttr?.perch === true, 5000, 'the twttr API');
    // The API comes from the same compatibility chunk an automatic upgrade would have waited
    // for, and after it: had the loader upgraded by itself, it would have done so by now.
    expect(doc.querySelector('perch-tweet'), 'not upgraded by itself').to.equal(null);
    let found: Element[] | undefined;
    void win.twttr!.widgets!.load().then((els) => (found = els));
    // load() resolves once the post has rendered, with no input from the reader.
    await until(() => {
        return found !== undefined;
    }, 10_000, 'twttr.widgets.load()');
    expect(found!.map((e) => e.localName)).to.deep.equal(['perch-tweet']);
    expect(doc.querySelector('perch-tweet > blockquote.twitter-tweet')).to.exist;
  });
});
