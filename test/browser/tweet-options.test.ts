import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { fixturePost } from './support/fixtures.js';

async function render(result: PostResult, attrs: Record<string, string> = {}): Promise<PerchTweet> {
  const el = document.createElement('perch-tweet');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(result);
  el.append(script);
  const wrap = await fixture<HTMLDivElement>(html`<div style="width: 800px"></div>`);
  const rendered = new Promise((resolve) => el.addEventListener('perch-render', resolve, { once: true }));
  wrap.append(el);
  await rendered; // a post in another language waits for Perch's strings in it
  await el.updateComplete;
  return el;
}

describe('<perch-tweet> options', () => {
  it('width is clamped to 250–550 px and defaults to 550', async () => {
    const post = await fixturePost('photo-entities.json');
    expect((await render(post)).getBoundingClientRect().width).to.equal(550);
    expect((await render(post, { width: '300' })).getBoundingClientRect().width).to.equal(300);
    expect((await render(post, { width: '900' })).getBoundingClientRect().width).to.equal(550);
    expect((await render(post, { width: '100' })).getBoundingClientRect().width).to.equal(250);
  });

  it('align centers or right-aligns the post in its container', async () => {
    const post = await fixturePost('photo-entities.json');
    const center = await render(post, { align: 'center' });
    const box = center.getBoundingClientRect();
    const parent = center.parentElement!.getBoundingClientRect();
    expect(Math.round(box.left - parent.left)).to.equal(Math.round(parent.right - box.right));
    const right = await render(post, { align: 'right' });
    expect(Math.round(right.getBoundingClientRect().right)).to.equal(Math.round(right.parentElement!.getBoundingClientRect().right));
  });

  it('theme dark changes the colours; auto follows prefers-color-scheme', async () => {
    const post = await fixturePost('photo-entities.json');
    const light = await render(post);
    const dark = await render(post, { theme: 'dark' });
    const bg = (el: PerchTweet): string => getComputedStyle(el.shadowRoot!.querySelector('.frame')!).backgroundColor;
    expect(bg(light)).to.equal('rgb(255, 255, 255)');
    expect(bg(dark)).to.equal('rgb(0, 0, 0)');
    const auto = await render(post, { theme: 'auto' });
    const expected = matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)';
    expect(bg(auto)).to.equal(expected);
  });

  it('hide-cards hides the link card', async () => {
    const post = await fixturePost('card-summary-large-image.json');
    expect((await render(post)).shadowRoot!.querySelector('[part="card"]')).to.exist;
    expect((await render(post, { 'hide-cards': '' })).shadowRoot!.querySelector('[part="card"]')).to.equal(null);
    const byProperty = await render(post);
    byProperty.hideCards = true;
    await byProperty.updateComplete;
    expect(byProperty.shadowRoot!.querySelector('[part="card"]')).to.equal(null);
  });

  it('the old forms cards="hidden", conversation="none" and dnt="true" still work, with a deprecation notice', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
    try {
      const card = await render(await fixturePost('card-summary-large-image.json'), { cards: 'hidden', dnt: 'true' });
      expect(card.shadowRoot!.querySelector('[part="card"]')).to.equal(null);
      expect(card.dnt).to.equal(true);
      const reply = await render(await fixturePost('synthetic-reply-with-parent.json'), { conversation: 'none' });
      expect(reply.shadowRoot!.querySelector('[part="parent"]')).to.equal(null);
    } finally {
      console.warn = original;
    }
    for (const form of ['cards="hidden"', 'conversation="none"', 'dnt="true"']) expect(warnings.some((w) => w.includes('Deprecated') && w.includes(form)), form).to.equal(true);
  });

  it('dnt is a boolean attribute: present is on, absent is off', async () => {
    const post = await fixturePost('photo-entities.json');
    expect((await render(post, { dnt: '' })).dnt).to.equal(true);
    expect((await render(post)).dnt).to.equal(false);
  });

  it('the card links to the expanded URL and shows its domain and title', async () => {
    const post = await fixturePost('card-summary-large-image.json');
    const card = (await render(post)).shadowRoot!.querySelector<HTMLAnchorElement>('[part="card"]')!;
    expect(card.querySelector('.card-domain')!.textContent).to.equal('react.dev');
    expect(card.href).to.match(/^https:\/\//);
  });

  it('hide-thread hides "Replying to" and the parent post', async () => {
    const post = await fixturePost('synthetic-reply-with-parent.json');
    const shown = await render(post);
    expect(shown.shadowRoot!.querySelector('.replying-to')!.textContent).to.contain('@');
    expect(shown.shadowRoot!.querySelector('[part="parent"]')).to.exist;
    const hidden = await render(post, { 'hide-thread': '' });
    expect(hidden.shadowRoot!.querySelector('.replying-to')).to.equal(null);
    expect(hidden.shadowRoot!.querySelector('[part="parent"]')).to.equal(null);
  });

  it('the timestamp is localised with Intl and links to the post', async () => {
    const post = await fixturePost('photo-entities.json');
    const el = await render(post, { lang: 'de', 'time-zone': 'UTC' });
    const time = el.shadowRoot!.querySelector('a.time time')!;
    expect(time.getAttribute('datetime')).to.equal('2023-03-29T14:34:41.000Z');
    expect(time.textContent).to.equal('14:34 · 29. März 2023');
    const en = await render(post, { lang: 'en-US', 'time-zone': 'UTC' });
    expect(en.shadowRoot!.querySelector('a.time time')!.textContent).to.match(/^2:34\sPM · Mar 29, 2023$/);
  });

  it('photos keep their alt text and a 1–4 grid', async () => {
    const four = await render(await fixturePost('synthetic-four-photos.json'));
    const imgs = four.shadowRoot!.querySelectorAll<HTMLImageElement>('.grid-4 .photo img');
    expect(imgs).to.have.length(4);
    for (const img of imgs) expect(img.alt).to.not.equal('');
  });

  it('video and GIF show a poster with a play control, sized by aspect ratio', async () => {
    const el = await render(await fixturePost('video-variants.json'));
    const box = el.shadowRoot!.querySelector<HTMLElement>('.video')!;
    const r = box.getBoundingClientRect();
    expect(r.width / r.height).to.be.closeTo(443 / 273, 0.02);
    expect(el.shadowRoot!.querySelector('.video .play')!.getAttribute('aria-label')).to.equal('Play video');
    const gif = await render(await fixturePost('synthetic-animated-gif.json'));
    expect(gif.shadowRoot!.querySelector('.gif-label')).to.exist;
  });

  it('poll results show every option with a percentage', async () => {
    const el = await render(await fixturePost('synthetic-poll-card.json'));
    const items = el.shadowRoot!.querySelectorAll('[part="poll"] li');
    expect(items.length).to.be.greaterThan(1);
    for (const li of items) expect(li.querySelector('.pct')!.textContent).to.match(/%$/);
  });

  it('the quoted post is rendered inside the post and links to itself', async () => {
    const el = await render(await fixturePost('quote-tweet.json'));
    const quoted = el.shadowRoot!.querySelector('[part="quoted"]')!;
    expect(quoted.querySelector('.name')!.textContent).to.equal('sammy');
    expect(quoted.querySelector<HTMLAnchorElement>('a.quoted-head')!.href).to.contain('1641086480675225601');
  });

  it('a long post shows its full text', async () => {
    const post = await fixturePost('synthetic-long-post.json');
    expect(post.kind === 'post' && post.longText).to.be.ok;
    const el = await render(post);
    const text = el.shadowRoot!.querySelector('[part="body"] > [part="text"]')!.textContent!;
    expect([...text].length).to.be.greaterThan(280);
  });
});
