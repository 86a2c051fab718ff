import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { frames, until } from './support/fixtures.js';

// demo/csp.html, with the real built CDN loader, served with a strict Content-Security-Policy
// header (no 'unsafe-inline', no 'unsafe-eval', Trusted Types enforced; see
// test/browser/support/page-proxy.mjs) in a same-origin frame. Chromium enforces the policy;
// any violation, seen in the page or posted to the report endpoint, fails the test.

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}
interface CspReport {
  'csp-report'?: { 'effective-directive'?: string; 'violated-directive'?: string; 'blocked-uri'?: string; 'script-sample'?: string };
}
interface PageLog {
  console: Array<{ type: string; text: string }>;
  errors: string[];
  external: string[];
}

const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'; trusted-types lit-html perch; report-uri /__csp-report";

let frame: HTMLIFrameElement;
let win: Window & { perchCspViolations?: Violation[] };
let doc: Document;
const reports: CspReport[] = [];

async function collectReports(): Promise<CspReport[]> {
  reports.push(...((await executeServerCommand<CspReport[], undefined>('perch-csp-reports')) ?? []));
  return reports;
}

function describeReports(list: CspReport[]): string {
  return JSON.stringify(list.map((r) => [r['csp-report']?.['effective-directive'], r['csp-report']?.['blocked-uri'], r['csp-report']?.['script-sample']]));
}

/** Wait for a Perch element in the frame to render (no input: the reader sees the post without touching the page). */
async function rendered(find: () => Element | null | undefined, selector: string, what: string): Promise<Element> {
  await until(() => {
    return find()?.shadowRoot?.querySelector(selector) != null;
  }, 10_000, what);
  return find()!;
}

before(async () => {
  await collectReports();
  reports.length = 0;
  await executeServerCommand('perch-page-log-start');
  frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '3000px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = '/__csp/csp.html';
  document.body.append(frame);
  await loaded;
  win = frame.contentWindow as typeof win;
  doc = frame.contentDocument!;
});

after(async () => {
  await executeServerCommand('perch-page-log-stop');
  frame.remove();
});

describe('Perch under a strict Content Security Policy (demo/csp.html)', () => {
  it('is served with the strict policy: no unsafe-inline, no unsafe-eval, Trusted Types required', async () => {
    const response = await fetch('/__csp/csp.html');
    const policy = response.headers.get('content-security-policy');
    expect(policy).to.equal(POLICY);
    expect(policy).not.to.contain('unsafe');
    expect(win.perchCspViolations, 'the page counts violations').to.be.an('array');
  });

  it('upgrades X markup and renders posts (poll, link card) and a timeline', async () => {
    const pasted = await rendered(() => doc.querySelector('perch-tweet:not([id])'), 'article.post', 'the upgraded X markup');
    expect(pasted.getAttribute('tweet-id')).to.equal('1629262255744503809');
    expect(pasted.getAttribute('theme')).to.equal('dark');
    expect(pasted.shadowRoot!.querySelector('[part="card"]'), 'link card').to.exist;
    const poll = await rendered(() => doc.querySelector('#poll-post'), '[part="poll"]', 'the poll post');
    const timeline = await rendered(() => doc.querySelector('#timeline'), 'article.item', 'the timeline');
    await until(() => timeline.shadowRoot!.querySelectorAll('article.item').length === 3, 8000, 'three timeline posts');

    // Bars drawn as SVG shapes, which need no style attribute (style-src 'self' would block one).
    const bars = [...poll.shadowRoot!.querySelectorAll<SVGElement>('.bar rect')];
    expect(bars.length).to.be.greaterThan(1);
    for (const bar of bars) expect(bar.getAttribute('width')).to.match(/^[0-9.]+$/);
    const widths = bars.map((b) => b.getBoundingClientRect().width);
    expect(Math.max(...widths), 'the leading bar is drawn wider than the others').to.be.greaterThan(Math.min(...widths));
    const cardImage = pasted.shadowRoot!.querySelector<HTMLElement>('.card-image');
    if (cardImage !== null) expect(cardImage.getBoundingClientRect().height, 'card image box from aspect-ratio').to.be.greaterThan(0);
    // Page-level X meta tags still work without inline style: the link colour reaches the widget.
    expect(getComputedStyle(pasted).getPropertyValue('--perch-link-color').trim()).to.equal('#e0245e');
  });

  it('causes no violation, neither in the page nor at the report endpoint, and no error', async () => {
    // A violation is reported to the page in a task queued when it happens: two frames on, every one so far has arrived.
    await frames(2);
    expect(win.perchCspViolations, JSON.stringify(win.perchCspViolations)).to.deep.equal([]);
    const received = await collectReports();
    expect(received, describeReports(received)).to.deep.equal([]);
    const log = (await executeServerCommand<PageLog, undefined>('perch-page-log'))!;
    expect(log.errors, 'uncaught errors').to.deep.equal([]);
    expect(log.console.filter((m) => m.type === 'error' && /perch|Content Security|Trusted/i.test(m.text)), 'console errors').to.deep.equal([]);
    expect(log.external, 'requests that would have left the machine').to.deep.equal([]);
    expect(doc.getElementById('csp-status')!.dataset.violations).to.equal('0');
  });

  it('renders photos and the video player, sized through CSSOM, without a violation', async () => {
    const photos = await rendered(() => doc.querySelector('#photos-post'), '.grid-4 .photo img', 'the four-photo post');
    const boxes = [...photos.shadowRoot!.querySelectorAll<HTMLElement>('.grid-4 .photo')];
    expect(boxes).to.have.length(4);
    for (const box of boxes) expect(box.getBoundingClientRect().height, 'each photo box has a height before its image').to.be.greaterThan(0);
    const video = await rendered(() => doc.querySelector('#video-post'), '.video perch-video', 'the video post');
    const box = video.shadowRoot!.querySelector<HTMLElement>('.video')!;
    const r = box.getBoundingClientRect();
    expect(r.width / r.height, 'the box keeps the video\'s shape without a style attribute').to.be.closeTo(443 / 273, 0.02);
    expect(box.hasAttribute('style')).to.equal(false);
    // The player's code loads when the video comes near the viewport.
    video.scrollIntoView({ block: 'center' });
    await until(() => win.customElements.get('perch-video') !== undefined, 8000, 'the video player chunk');
    await (win.document.querySelector('#video-post')?.shadowRoot?.querySelector('perch-video') as (Element & { updateComplete?: Promise<unknown> }) | null)?.updateComplete;
    await frames(2);
    expect(win.perchCspViolations, JSON.stringify(win.perchCspViolations)).to.deep.equal([]);
    const received = await collectReports();
    expect(received, describeReports(received)).to.deep.equal([]);
  });

  it('really enforces the policy: an inline style attribute and an innerHTML string are blocked and reported', async () => {
    // Two deliberate violations prove the checks above could fail.
    const probe = doc.createElement('div');
    doc.body.append(probe);
    probe.setAttribute('style', 'outline: 3px solid red');
    expect(win.getComputedStyle(probe).outlineStyle).to.equal('none');
    let thrown: unknown;
    try {
      probe.innerHTML = '<b>not trusted</b>';
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error | undefined)?.name, 'TypeError from the frame (another realm)').to.equal('TypeError');
    expect(probe.childElementCount).to.equal(0);
    // (Each is seen once per policy: the header's and the demo page's own <meta> copy of it.)
    const seen = (): string[] => [...new Set((win.perchCspViolations ?? []).map((v) => v.directive))].sort();
    await until(() => seen().length >= 2, 5000, 'the two violations in the page');
    expect(seen()).to.deep.equal(['require-trusted-types-for', 'style-src-attr']);
    const start = performance.now();
    while ((await collectReports()).length < 2 && performance.now() - start < 8000) await frames(1);
    const directives = [...new Set(reports.map((r) => r['csp-report']?.['effective-directive'] ?? r['csp-report']?.['violated-directive']))].sort();
    expect(directives, describeReports(reports)).to.deep.equal(['require-trusted-types-for', 'style-src-attr']);
    probe.remove();
  });
});
