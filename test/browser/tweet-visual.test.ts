import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { embedServerUrl, fixturePost, until } from './support/fixtures.js';

// Screenshot tests: each kind of post, light and dark, compared with a committed reference
// in test/visual/ (see support/visual-plugin.mjs). Time zone, language, viewport and motion
// are pinned; media comes from the real embed server's placeholder images, so nothing varies
// between runs. After an intended change of look: `npm run test:visual:update`, look at the
// new PNGs, and commit them.

const KINDS: Array<[kind: string, file: string]> = [
  ['photo', 'photo-entities.json'],
  ['quote', 'quote-tweet.json'],
  ['reply', 'synthetic-reply-with-parent.json'],
  ['video', 'video-variants.json'],
  ['gif', 'synthetic-animated-gif.json'],
  ['card', 'card-summary-large-image.json'],
  ['poll', 'synthetic-poll-card.json'],
  ['long-text', 'synthetic-long-post.json'],
];

interface Comparison {
  ok: boolean;
  message: string;
}

/** Every <img> in `root` and in the shadow roots below it. */
function images(root: ParentNode): HTMLImageElement[] {
  const found = [...root.querySelectorAll('img')];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) found.push(...images(el.shadowRoot));
  return found;
}

async function settled(el: PerchTweet): Promise<void> {
  await el.updateComplete;
  const root = el.shadowRoot!;
  if (root.querySelector('perch-video') !== null) {
    await until(() => customElements.get('perch-video') !== undefined, 5000, 'the video player');
    await Promise.all([...root.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('perch-video')].map((v) => v.updateComplete));
  }
  // Only images on screen: a lazy one that is not rendered (say, a poster the player replaced) never loads.
  const shown = (img: HTMLImageElement): boolean => img.getAttribute('src') !== null && img.getClientRects().length > 0;
  await until(() => images(root).every((img) => !shown(img) || (img.complete && img.naturalWidth > 0)), 5000, 'images');
  await document.fonts.ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

async function compare(name: string, el: Element): Promise<Comparison> {
  const r = el.getBoundingClientRect();
  const clip = { x: Math.floor(r.left), y: Math.floor(r.top), width: Math.ceil(r.width), height: Math.ceil(r.height) };
  const result = await executeServerCommand<Comparison, { name: string; clip: typeof clip }>('perch-visual-compare', { name, clip });
  if (result === undefined) throw new Error('the visual plugin did not answer');
  return result;
}

describe('<perch-tweet> looks like the post a reader knows (screenshots)', () => {
  let server: string;

  before(async () => {
    await executeServerCommand('perch-visual-setup');
    server = await embedServerUrl();
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const [kind, file] of KINDS) {
      it(`${kind}, ${theme}`, async () => {
        const wrap = await fixture<HTMLDivElement>(html`<div style="display: flow-root; padding: 0 8px; width: 566px; background: ${theme === 'dark' ? '#000' : '#fff'}">
          <perch-tweet theme=${theme} lang="en" time-zone="UTC" server=${server} loading="eager"></perch-tweet>
        </div>`);
        const el = wrap.querySelector('perch-tweet')!;
        el.data = await fixturePost(file);
        await settled(el);
        const result = await compare(`tweet-${kind}-${theme}`, wrap);
        expect(result.ok, result.message).to.equal(true);
      });
    }
  }
});
