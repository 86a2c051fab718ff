import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { PostResult } from '../../src/data/model.js';
import { embedServerUrl, fixturePost, until } from './support/fixtures.js';

// Right-to-left screenshots: the widget's chrome follows the interface language (an Arabic
// interface mirrors header, poll bars and action row) while the post's own text keeps the
// direction of its language, and the reverse. References in test/visual/ (see
// support/visual-plugin.mjs; `PERCH_VISUAL_UPDATE=1 npx web-test-runner` this file to renew).

const ARABIC_TEXT = 'مرحبًا! هذا منشور مكتوب بالعربية، ويُقرأ من اليمين إلى اليسار.';

/** The poll post, its text replaced by an Arabic sentence (the reader sees it right to left). */
async function arabicPost(): Promise<PostResult> {
  const post = await fixturePost('synthetic-poll-card.json');
  if (post.kind !== 'post') throw new Error('expected a post');
  const length = [...ARABIC_TEXT].length;
  return { ...post, lang: 'ar', text: { text: ARABIC_TEXT, displayRange: [0, length], entities: [] } };
}

async function settled(el: PerchTweet): Promise<void> {
  await until(() => el.shadowRoot?.querySelector('article') != null, 5000, 'the post');
  const root = el.shadowRoot!;
  await until(() => [...root.querySelectorAll('img')].every((img) => img.getClientRects().length === 0 || (img.complete && img.naturalWidth > 0)), 5000, 'images');
  await document.fonts.ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

async function compare(name: string, el: Element): Promise<{ ok: boolean; message: string }> {
  const r = el.getBoundingClientRect();
  const clip = { x: Math.floor(r.left), y: Math.floor(r.top), width: Math.ceil(r.width), height: Math.ceil(r.height) };
  const result = await executeServerCommand<{ ok: boolean; message: string }, { name: string; clip: typeof clip }>('perch-visual-compare', { name, clip });
  if (result === undefined) throw new Error('the visual plugin did not answer');
  return result;
}

describe('<perch-tweet> right to left (screenshots)', () => {
  let server: string;

  before(async () => {
    await executeServerCommand('perch-visual-setup');
    server = await embedServerUrl();
  });

  const CASES: Array<[name: string, lang: string, post: () => Promise<PostResult>, ui: 'rtl' | 'ltr', text: 'rtl' | 'ltr']> = [
    ['tweet-rtl-ui-ltr-post', 'ar', () => fixturePost('synthetic-poll-card.json'), 'rtl', 'ltr'],
    ['tweet-ltr-ui-rtl-post', 'en', arabicPost, 'ltr', 'rtl'],
    ['tweet-rtl-ui-rtl-post', 'he', arabicPost, 'rtl', 'rtl'],
  ];

  for (const [name, lang, post, ui, text] of CASES) {
    it(`${lang} interface (${ui}), ${text} post text`, async () => {
      const wrap = await fixture<HTMLDivElement>(html`<div style="display: flow-root; padding: 0 8px; width: 566px; background: #fff">
        <perch-tweet theme="light" lang=${lang} time-zone="UTC" server=${server} loading="eager"></perch-tweet>
      </div>`);
      const el = wrap.querySelector('perch-tweet')!;
      el.data = await post();
      await settled(el);
      const root = el.shadowRoot!;
      const frame = root.querySelector<HTMLElement>('.frame')!;
      expect(getComputedStyle(frame).direction).to.equal(ui);
      expect(getComputedStyle(root.querySelector('.text')!).direction).to.equal(text === 'rtl' ? 'rtl' : 'ltr');
      // The chrome mirrors: the avatar sits at the start side, the X mark at the end side.
      const avatar = root.querySelector('.avatar')!.getBoundingClientRect();
      const mark = root.querySelector('.x-mark')!.getBoundingClientRect();
      expect(avatar.left < mark.left).to.equal(ui === 'ltr');
      const result = await compare(name, wrap);
      expect(result.ok, result.message).to.equal(true);
    });
  }
});
