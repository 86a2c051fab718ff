import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { fixturePost } from './support/fixtures.js';

// Perch's own labels in languages other than English load on demand. A post in such a
// language waits for its strings (the fallback stays meanwhile), so a reader never sees
// English labels swap into Spanish. This file is its own page: the English test runs
// before any language pack could have been loaded.

const PACKS = /\/i18n\/catalogues\/(?!en\.)[a-z-]+\./; // English is built in

function packRequests(): string[] {
  return performance.getEntriesByType('resource').map((e) => e.name).filter((u) => PACKS.test(u));
}

async function renderPost(result: PostResult, lang: string): Promise<{ el: PerchTweet; labelsAtRender: string[] }> {
  const el = document.createElement('perch-tweet');
  el.setAttribute('lang', lang);
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(result);
  el.append(script);
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
  const rendered = oneEvent(el, 'perch-render');
  wrap.append(el);
  await rendered;
  // What a reader sees at the moment the post appears.
  const labels = [...el.shadowRoot!.querySelectorAll('.actions a, .follow')].map((a) => a.getAttribute('aria-label') ?? '');
  return { el, labelsAtRender: labels };
}

describe('<perch-tweet> interface languages', () => {
  it('an English post needs no language pack', async () => {
    const { el } = await renderPost(await fixturePost('plain-text-affiliate-badge.json'), 'en');
    expect(el.shadowRoot!.querySelector('article')).to.exist;
    expect(packRequests()).to.deep.equal([]);
  });

  it('a Spanish post appears with Spanish labels from its first frame, after its strings loaded', async () => {
    const post = await fixturePost('plain-text-affiliate-badge.json');
    const { el, labelsAtRender } = await renderPost(post, 'es');
    expect(labelsAtRender).to.include('Responder');
    expect(labelsAtRender).to.not.include('Reply');
    expect(labelsAtRender.some((l) => l.startsWith('Seguir a @')), labelsAtRender.join()).to.equal(true);
    expect(el.shadowRoot!.querySelector('.actions')!.textContent).to.contain('Copiar enlace');
    expect(el.shadowRoot!.querySelector('[part="replies"]')!.textContent).to.match(/^Leer /);
    expect(packRequests().some((u) => u.includes('/i18n/catalogues/es.'))).to.equal(true);
    expect(packRequests().some((u) => u.includes('/i18n/catalogues/de.')), 'only the language shown').to.equal(false);
  });

  it('a language Perch has no strings for renders at once in English', async () => {
    const { labelsAtRender } = await renderPost(await fixturePost('plain-text-affiliate-badge.json'), 'sw');
    expect(labelsAtRender).to.include('Reply');
  });
});
