import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/timeline/timeline.js';
import '../../src/video/video.js';
import '../../src/consent/consent-settings.js';
import '../../src/consent/disclosure.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PerchTimeline } from '../../src/timeline/timeline.component.js';
import type { Post } from '../../src/data/model.js';
import { fixturePost } from './support/fixtures.js';
import { timelinePage } from './support/timeline-pages.js';
import { makePlayer, sampleVideo, videoServerUrl } from './support/video-helpers.js';

// Every widget in a left-to-right and a right-to-left language other than English: its own
// words, counts by the language's plural rules and digits, `lang` and `dir` on its root, the
// post's text keeping its own direction, and the language chosen the way X's widgets choose.

type Shadowed = HTMLElement & { updateComplete: Promise<boolean> };

async function post(counts: Post['counts'] = { replies: 1, likes: 12345 }): Promise<Post> {
  const result = await fixturePost('plain-text-affiliate-badge.json');
  if (result.kind !== 'post') throw new Error('expected a post');
  return { ...result, counts, author: { ...result.author, verified: 'blue' } };
}

async function tweet(attrs: Record<string, string>, data: Post, wrap?: (el: HTMLElement) => void): Promise<PerchTweet> {
  const holder = await fixture<HTMLDivElement>(html`<div style="width: 550px"></div>`);
  const el = document.createElement('perch-tweet');
  for (const [name, value] of Object.entries({ ...attrs, 'time-zone': 'UTC' })) el.setAttribute(name, value);
  holder.append(el);
  wrap?.(el);
  el.data = data;
  await waitUntil(() => el.shadowRoot?.querySelector('article') != null, 'the post renders');
  return el;
}

const q = <T extends Element = HTMLElement>(el: Element, selector: string): T => el.shadowRoot!.querySelector<T>(selector)!;
const text = (el: Element, selector: string): string => q(el, selector).textContent!.replace(/\s+/g, ' ').trim();

describe('<perch-tweet> in other languages', () => {
  it('Polish (left to right): Polish labels, plural forms, Polish digits, lang/dir on the root', async () => {
    const el = await tweet({ lang: 'pl' }, await post({ replies: 1, likes: 12345 }));
    const frame = q(el, '.frame');
    expect([frame.lang, frame.dir]).to.deep.equal(['pl', 'ltr']);
    expect(text(el, '[part="replies"]')).to.equal('Przeczytaj 1 odpowiedź');
    expect(q(el, '.reply').getAttribute('aria-label')).to.equal('Odpowiedz');
    expect(q(el, '.like').getAttribute('aria-label')).to.match(/^Lubię to!, 12,3\stys\. polubień$/);
    expect(q(el, '.badge').getAttribute('aria-label')).to.equal('Zweryfikowane konto');
    el.data = await post({ replies: 5, likes: 1 });
    await el.updateComplete;
    expect(text(el, '[part="replies"]')).to.equal('Przeczytaj 5 odpowiedzi');
  });

  it('English reads "Read 1 reply", not "1 replies", and compact counts follow the language (1.2万)', async () => {
    const en = await tweet({ lang: 'en' }, await post({ replies: 1, likes: 12345 }));
    expect(text(en, '[part="replies"]')).to.equal('Read 1 reply');
    expect(q(en, '.like').getAttribute('aria-label')).to.equal('Like, 12.3K likes');
    const ja = await tweet({ lang: 'ja' }, await post({ replies: 2, likes: 12345 }));
    expect(text(ja, '.like')).to.equal('1.2万');
    expect(text(ja, '[part="replies"]')).to.equal('2件の返信を読む');
  });

  it('Arabic (right to left): the chrome mirrors, the English post text stays left to right', async () => {
    const el = await tweet({ lang: 'ar' }, await post());
    const frame = q(el, '.frame');
    expect([frame.lang, frame.dir]).to.deep.equal(['ar', 'rtl']);
    expect(getComputedStyle(frame).direction).to.equal('rtl');
    expect(getComputedStyle(q(el, '.text')).direction).to.equal('ltr');
    expect(q(el, '.reply').getAttribute('aria-label')).to.equal('رد');
    expect(text(el, '[part="replies"]')).to.equal('قراءة رد واحد');
    expect(q(el, '.badge').getAttribute('aria-label')).to.equal('حساب موثّق');
    const avatar = q(el, '.avatar').getBoundingClientRect();
    const mark = q(el, '.x-mark').getBoundingClientRect();
    expect(avatar.left).to.be.greaterThan(mark.left);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`is axe-clean in Hebrew, ${theme} theme`, async () => {
      const el = await tweet({ lang: 'he', theme }, await post());
      expect(q(el, '.frame').dir).to.equal('rtl');
      await expect(el).to.be.accessible();
    });
  }

  it('follows lang when it changes after the post rendered', async () => {
    const el = await tweet({ lang: 'de' }, await post());
    expect(q(el, '.reply').getAttribute('aria-label')).to.equal('Antworten');
    el.setAttribute('lang', 'fa');
    await el.updateComplete;
    expect(q(el, 'article'), 'the post stays while the new strings load').to.exist;
    await waitUntil(() => el.shadowRoot!.querySelector('.reply')?.getAttribute('aria-label') === 'پاسخ', 'Persian labels');
    expect(q(el, '.frame').dir).to.equal('rtl');
  });

  it('chooses the language as X does: lang, data-lang, the page meta, the nearest lang, the browser', async () => {
    const data = await post();
    expect(q(await tweet({ 'data-lang': 'es' }, data), '.frame').lang).to.equal('es');
    expect(q(await tweet({ lang: 'it', 'data-lang': 'es' }, data), '.frame').lang).to.equal('it');
    expect(q(await tweet({ lang: 'pt-BR' }, data), '.frame').lang).to.equal('pt');
    expect(q(await tweet({ lang: 'zh-Hant' }, data), '.frame').lang).to.equal('zh-TW');
    expect(q(await tweet({ lang: 'zh' }, data), '.frame').lang).to.equal('zh-CN');
    expect(q(await tweet({ lang: 'nb' }, data), '.frame').lang).to.equal('nb');
    expect(q(await tweet({ lang: 'tl' }, data), '.frame').lang).to.equal('fil');
    const inDutch = await tweet({}, data, (el) => el.parentElement!.setAttribute('lang', 'nl'));
    expect(q(inDutch, '.reply').getAttribute('aria-label')).to.equal('Beantwoorden');

    const meta = document.createElement('meta');
    meta.name = 'twitter:widgets:lang';
    meta.content = 'sv';
    document.head.append(meta);
    try {
      const el = await tweet({}, data, (e) => e.parentElement!.setAttribute('lang', 'nl'));
      expect(q(el, '.frame').lang).to.equal('sv');
    } finally {
      meta.remove();
    }

    const languages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['gsw', 'tr-TR', 'en'] });
    const html = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
    try {
      const el = await tweet({}, data);
      expect(q(el, '.frame').lang).to.equal('tr');
    } finally {
      Object.defineProperty(navigator, 'languages', languages);
      if (html !== null) document.documentElement.setAttribute('lang', html);
      delete (navigator as unknown as Record<string, unknown>).languages;
    }
  });

  it('a language Perch has no strings for is English, marked lang="en"', async () => {
    const el = await tweet({ lang: 'sw' }, await post());
    expect(q(el, '.frame').lang).to.equal('en');
    expect(q(el, '.reply').getAttribute('aria-label')).to.equal('Reply');
    const catalan = await tweet({ lang: 'ca' }, await post()); // X's buttons speak Catalan; the post does not
    expect(q(catalan, '.frame').lang).to.equal('en');
  });
});

describe('<perch-timeline> in other languages', () => {
  async function timeline(lang: string, theme = 'light'): Promise<PerchTimeline> {
    const el = await fixture<PerchTimeline>(html`<perch-timeline lang=${lang} theme=${theme} height="500"></perch-timeline>`);
    el.data = timelinePage(4, { nextCursor: null });
    await waitUntil(() => el.shadowRoot?.querySelector('[role="feed"] article') != null, 'the timeline renders');
    return el;
  }

  it('German (left to right)', async () => {
    const el = await timeline('de');
    const frame = q(el, '[part="frame"]');
    expect([frame.lang, frame.dir]).to.deep.equal(['de', 'ltr']);
    expect(text(el, '.timeline-footer')).to.equal('Mehr auf X ansehen');
    expect(text(el, '.status')).to.equal('Sie haben das Ende dieser Timeline erreicht.');
    expect(q(el, '[role="feed"] article .reply').getAttribute('aria-label')).to.equal('Antworten');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`Hebrew (right to left), axe-clean in the ${theme} theme`, async () => {
      const el = await timeline('he', theme);
      const frame = q(el, '[part="frame"]');
      expect([frame.lang, frame.dir]).to.deep.equal(['he', 'rtl']);
      expect(getComputedStyle(frame).direction).to.equal('rtl');
      expect(text(el, '.timeline-footer')).to.equal('עוד ב-X');
      expect(q(el, '[role="feed"]').getAttribute('aria-label')).to.match(/^ציר זמן: /);
      await expect(el).to.be.accessible();
    });
  }
});

describe('<perch-video> in other languages', () => {
  let server: string;
  before(async () => {
    server = await videoServerUrl();
  });
  afterEach(() => document.querySelectorAll('perch-video').forEach((e) => e.remove()));

  for (const [lang, dir, play] of [['fr', 'ltr', 'Lire la vidéo'], ['fa', 'rtl', 'پخش ویدیو']] as const) {
    it(`${lang} (${dir})`, async () => {
      const el = await makePlayer(sampleVideo(), { server, lang });
      await waitUntil(() => el.shadowRoot?.querySelector('[part="play"]') != null, 'the player');
      const frame = q(el, '.frame');
      expect([frame.lang, frame.dir]).to.deep.equal([lang, dir]);
      expect(q(el, '[part="play"]').getAttribute('aria-label')).to.equal(play);
      await expect(el).to.be.accessible();
    });
  }
});

describe('consent settings and disclosure in other languages', () => {
  for (const [lang, dir, revoke, label] of [
    ['es', 'ltr', 'Retirar el consentimiento', 'Cómo usan tus datos los posts de X incrustados'],
    ['ur', 'rtl', 'رضامندی واپس لیں', 'X کی ایمبیڈ شدہ پوسٹس آپ کا ڈیٹا کیسے استعمال کرتی ہیں'],
  ] as const) {
    it(`${lang} (${dir}): every word, paragraphs included`, async () => {
      const root = await fixture<HTMLDivElement>(html`<div lang=${lang}><perch-consent-settings></perch-consent-settings><perch-disclosure></perch-disclosure></div>`);
      const [settings, disclosure] = [...root.children] as Shadowed[];
      await waitUntil(() => settings!.shadowRoot?.querySelector('section') != null && disclosure!.shadowRoot?.querySelector('section') != null, 'both render');
      expect(q(settings!, 'section').dir).to.equal(dir);
      expect(text(settings!, '[data-consent="revoke"]')).to.equal(revoke);
      const section = q(disclosure!, 'section');
      expect([section.lang, section.dir, section.getAttribute('aria-label')]).to.deep.equal([lang, dir, label]);
      const paragraph = text(disclosure!, '[part="text"]');
      expect(paragraph).not.to.match(/This site shows posts|We honour/);
      expect(paragraph).to.contain('Do Not Track');
      await expect(settings).to.be.accessible();
      await expect(disclosure).to.be.accessible();
    });
  }
});
