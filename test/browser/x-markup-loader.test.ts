import { expect, fixture, html } from '@open-wc/testing';
import { embedServerUrl, until } from './support/fixtures.js';
import type { PerchGlobal } from '../../src/cdn/global-api.js';

// The real, built CDN loader (served by the embed server) on a page with X's pasted markup.
describe('the CDN loader as a drop-in for widgets.js', () => {
  it('upgrades pasted X markup, including markup added later, and renders the posts', async () => {
    const server = await embedServerUrl();
    const root = await fixture<HTMLDivElement>(html`<div>
      <blockquote class="twitter-tweet"><p lang="en" dir="ltr">Pasted text</p>&mdash; Matt (@mattcarrollcode) <a href="https://twitter.com/mattcarrollcode/status/1629262255744503809?ref_src=twsrc%5Etfw">Feb 24, 2023</a></blockquote>
    </div>`);
    const script = document.createElement('script');
    script.src = `${server}/dist/cdn/perch.js`;
    script.async = true;
    document.head.append(script);
    await until(() => customElements.get('perch-tweet') !== undefined, 8000, 'the tweet chunk');
    const el = root.querySelector('perch-tweet')!;
    // No input of any kind: the reader sees the post, not the pasted fallback.
    await until(() => {
      return el.shadowRoot?.querySelector('article.post') != null;
    }, 8000, 'the post');
    expect(el.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Matt Carroll');
    // Markup arriving later (an infinite-scroll page) is upgraded too.
    const later = document.createElement('div');
    later.innerHTML = '<blockquote class="twitter-tweet"><a href="https://x.com/rhaksw/status/1703436713362870723">Sept 17</a></blockquote>';
    root.append(later);
    await until(() => {
      return later.querySelector('perch-tweet')?.shadowRoot?.querySelector('article.post') != null;
    }, 8000, `the later post (${later.innerHTML.slice(0, 200)})`);
    expect(typeof (window.perch as PerchGlobal | undefined)?.policy).to.equal('function');
  });
});
