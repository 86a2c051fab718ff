import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { Post } from '../../src/data/model.js';
import { fixturePost, until } from './support/fixtures.js';

// What a reader who knows X's own embed expects to find: "· Follow", the information link
// beside the time, like / reply / copy link, "Read N replies", X's type and link colour,
// one X mark over a reply and its parent, and a wide photo that keeps its shape.

async function render(file: string, theme: 'light' | 'dark' = 'light'): Promise<{ el: PerchTweet; root: ShadowRoot; post: Post }> {
  const post = (await fixturePost(file)) as Post;
  const el = await fixture<PerchTweet>(html`<perch-tweet theme=${theme} lang="en"></perch-tweet>`);
  el.data = post;
  await el.updateComplete;
  return { el, root: el.shadowRoot!, post };
}

/** Press `target` with a real mouse click (a user activation, as the Clipboard API wants). */
async function press(target: Element): Promise<void> {
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

describe('<perch-tweet> as X shows a post', () => {
  it('has "· Follow" after the handle, linking to X’s follow intent', async () => {
    const { root, post } = await render('photo-entities.json');
    const follow = root.querySelector<HTMLAnchorElement>('header [part="follow"]')!;
    expect(follow.textContent).to.equal('Follow');
    expect(follow.href).to.equal(`https://x.com/intent/follow?screen_name=${post.author.handle}`);
    expect(follow.getAttribute('aria-label')).to.equal(`Follow @${post.author.handle}`);
    expect(follow.previousElementSibling!.textContent).to.equal('·');
  });

  it('has X’s action row: a filled red heart with the like count, "Reply", "Copy link", and no repost', async () => {
    const { root, post } = await render('photo-entities.json');
    const actions = root.querySelector('[part="actions"]')!;
    const like = actions.querySelector<HTMLAnchorElement>('a.like')!;
    expect(like.textContent!.trim()).to.equal(String(post.counts.likes));
    expect(getComputedStyle(like.querySelector('.icon')!).color).to.equal('rgb(249, 24, 128)');
    expect(like.querySelector('path')!.getAttribute('fill')).to.equal('currentColor');
    expect(actions.querySelector<HTMLAnchorElement>('a.reply')!.textContent!.trim()).to.equal('Reply');
    const copy = actions.querySelector('button')!;
    expect(copy.type).to.equal('button');
    expect(copy.innerText.trim()).to.equal('Copy link');
    expect(actions.querySelector('.repost, [href*="retweet"]')).to.equal(null);
    expect([...actions.children].filter((c) => c.matches('a, button')).map((c) => c.className)).to.deep.equal(['action like', 'action reply', 'action copy']);
  });

  it('has the information icon beside the timestamp, linking to X’s ads information page', async () => {
    const { root } = await render('photo-entities.json');
    const info = root.querySelector<HTMLAnchorElement>('.meta [part="info"]')!;
    expect(info.href).to.equal('https://help.x.com/en/x-for-websites-ads-info-and-privacy');
    expect(info.getAttribute('aria-label')).to.contain('ads information');
    const time = root.querySelector('.meta a.time')!.getBoundingClientRect();
    const box = info.getBoundingClientRect();
    expect(Math.abs(box.top + box.height / 2 - (time.top + time.height / 2)), 'same line').to.be.lessThan(4);
  });

  it('ends with "Read N replies", or "Read more on X" when nobody replied', async () => {
    const { root, post } = await render('card-summary-large-image.json');
    const replies = root.querySelector<HTMLAnchorElement>('[part="replies"]')!;
    expect(replies.textContent).to.equal(`Read ${post.counts.replies} replies`);
    expect(replies.href).to.equal(post.url);
    const none = await render('photo-entities.json');
    none.el.data = { ...none.post, counts: { ...none.post.counts, replies: 0 } };
    await none.el.updateComplete;
    expect(none.root.querySelector('[part="replies"]')!.textContent).to.equal('Read more on X');
  });

  it('sets the text like X: 20 px on 24 px, X’s font stack, links in X’s blue without underline', async () => {
    for (const [theme, blue] of [['light', 'rgb(0, 111, 214)'], ['dark', 'rgb(24, 136, 211)']] as const) {
      const { root } = await render('photo-entities.json', theme);
      const text = root.querySelector('[part="text"]')!;
      const style = getComputedStyle(text);
      expect(style.fontSize).to.equal('20px');
      expect(style.lineHeight).to.equal('24px');
      expect(style.fontFamily.split(',')[0]!.trim()).to.equal('-apple-system');
      const link = getComputedStyle(text.querySelector('a')!);
      expect(link.color, theme).to.equal(blue);
      expect(link.textDecorationLine).to.equal('none');
    }
  });

  it('runs a quoted post’s photo edge to edge at the bottom of the quote card', async () => {
    const { root } = await render('quote-tweet.json');
    const card = root.querySelector('[part="quoted"]')!.getBoundingClientRect();
    const media = root.querySelector('[part="quoted"] [part="media"]')!;
    const m = media.getBoundingClientRect();
    expect(Math.round(m.left - card.left), 'left edge').to.be.within(0, 1);
    expect(Math.round(card.right - m.right), 'right edge').to.be.within(0, 1);
    expect(Math.round(card.bottom - m.bottom), 'bottom edge').to.be.within(0, 1);
    expect(getComputedStyle(media).borderTopLeftRadius).to.equal('0px');
  });

  it('shows one X mark over a reply and its parent, and a thread line between the avatars', async () => {
    const { root } = await render('synthetic-reply-with-parent.json');
    expect(root.querySelectorAll('.x-mark')).to.have.length(1);
    expect(root.querySelector('[part="parent"] .x-mark'), 'the mark is at the top').to.exist;
    const [parentAvatar, replyAvatar] = [...root.querySelectorAll('[part="avatar"]')].map((a) => a.getBoundingClientRect());
    const parent = root.querySelector('[part="parent"]')!;
    const line = getComputedStyle(parent, '::before');
    const top = parent.getBoundingClientRect().top + parseFloat(line.top);
    const height = parseFloat(line.height);
    expect(line.content).to.equal('""');
    expect(top, 'starts under the parent’s avatar').to.be.within(parentAvatar!.bottom, parentAvatar!.bottom + 8);
    expect(top + height, 'ends above the reply’s avatar').to.be.within(replyAvatar!.top - 8, replyAvatar!.top);
    const x = parent.getBoundingClientRect().left + parseFloat(line.left) + parseFloat(line.width) / 2;
    expect(Math.abs(x - (parentAvatar!.left + parentAvatar!.width / 2)), 'centred under the avatar').to.be.lessThan(1.5);
  });

  it('keeps a single wide photo’s shape (2.23:1), and clamps a very tall one to 3:4', async () => {
    const { el, root, post } = await render('photo-entities.json');
    const photo = post.media[0]!;
    const box = root.querySelector('.photo')!.getBoundingClientRect();
    expect(box.width / box.height).to.be.closeTo(photo.width / photo.height, 0.02);
    el.data = { ...post, media: [{ ...photo, width: 600, height: 1800 }] };
    await el.updateComplete;
    const tall = root.querySelector('.photo')!.getBoundingClientRect();
    expect(tall.width / tall.height).to.be.closeTo(3 / 4, 0.01);
  });
});

describe('<perch-tweet> copy link', () => {
  before(async () => {
    await executeServerCommand('perch-grant-clipboard');
  });

  it('copies the post’s address and confirms it on the button and to screen readers', async () => {
    const { root, post } = await render('photo-entities.json');
    await navigator.clipboard.writeText('');
    const copy = root.querySelector<HTMLButtonElement>('[part="copy"]')!;
    await press(copy);
    const status = root.querySelector('.copy-status[role="status"]')!;
    await until(() => status.textContent === 'Copied!', 3000, 'the confirmation');
    expect(copy.innerText.trim(), 'what the button shows').to.equal('Copied!');
    expect(await navigator.clipboard.readText()).to.equal(post.url);
  });

  it('falls back to the copy command when the Clipboard API refuses', async () => {
    const { root, post } = await render('photo-entities.json');
    await navigator.clipboard.writeText('');
    const original = Object.getOwnPropertyDescriptor(Clipboard.prototype, 'writeText')!;
    Object.defineProperty(Clipboard.prototype, 'writeText', { configurable: true, value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) });
    try {
      const copy = root.querySelector<HTMLButtonElement>('[part="copy"]')!;
      await press(copy);
      await until(() => root.querySelector('.copy-status')!.textContent === 'Copied!', 3000, 'the confirmation');
      expect(root.activeElement, 'focus stays on the button').to.equal(copy);
    } finally {
      Object.defineProperty(Clipboard.prototype, 'writeText', original);
    }
    expect(await navigator.clipboard.readText()).to.equal(post.url);
  });

  it('says so when the link could not be copied at all', async () => {
    const { root } = await render('photo-entities.json');
    const original = Object.getOwnPropertyDescriptor(Clipboard.prototype, 'writeText')!;
    const command = document.execCommand;
    Object.defineProperty(Clipboard.prototype, 'writeText', { configurable: true, value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')) });
    document.execCommand = () => false;
    try {
      const copy = root.querySelector<HTMLButtonElement>('[part="copy"]')!;
      await press(copy);
      await until(() => root.querySelector('.copy-status')!.textContent === 'Could not copy', 3000, 'the failure notice');
      expect(copy.innerText.trim(), 'what the button shows').to.equal('Could not copy');
    } finally {
      Object.defineProperty(Clipboard.prototype, 'writeText', original);
      document.execCommand = command;
    }
  });
});
