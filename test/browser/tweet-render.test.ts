import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import type { Post, PostResult } from '../../src/data/model.js';
import { segmentPostText } from '../../src/text/segments.js';
import { embedServerUrl, fixtureFiles, fixturePost, nextEvent, TOMBSTONE_ID, until } from './support/fixtures.js';

function inline(result: PostResult): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'application/json';
  script.textContent = JSON.stringify(result);
  return script;
}

/** The text a reader sees, as segments joined. */
function visibleText(post: Post): string {
  return segmentPostText(post.longText ?? post.text)
    .map((s) => s.text)
    .join('');
}

function checkRendered(el: PerchTweet, result: PostResult): void {
  const root = el.shadowRoot!;
  expect(root.querySelector('iframe')).to.equal(null);
  if (result.kind === 'tombstone') {
    expect(root.querySelector('[part="tombstone"]')?.getAttribute('data-reason')).to.equal(result.reason);
    return;
  }
  const article = root.querySelector('article.post[data-post-id="' + result.id + '"]');
  expect(article, 'article').to.exist;
  expect(article!.getAttribute('aria-label')).to.contain(result.author.name);
  expect(article!.querySelector('[part="name"]')!.textContent).to.equal(result.author.name);
  expect(article!.querySelector('[part="handle"]')!.textContent).to.equal('@' + result.author.handle);
  const text = article!.querySelector(':scope > [part="body"] > [part="text"]')!;
  expect(text.textContent).to.equal(visibleText(result));
  // Every entity is a link, in order, to its own address.
  const links = segmentPostText(result.longText ?? result.text).flatMap((seg) => (seg.kind === 'text' ? [] : [seg]));
  expect([...text.querySelectorAll('a')].map((a) => [a.className, a.getAttribute('href'), a.textContent])).to.deep.equal(links.map((seg) => [seg.kind, seg.href, seg.text]));
  const time = root.querySelector<HTMLAnchorElement>('a.time')!;
  expect(time.href).to.equal(result.url);
  expect(root.querySelector('.x-mark')).to.exist;
  expect(root.querySelector<HTMLAnchorElement>('a.action.like')!.href).to.equal(`https://x.com/intent/like?tweet_id=${result.id}`);
}

describe('<perch-tweet> renders every fixture', () => {
  it('from inline JSON, making no request', async () => {
    const files = await fixtureFiles();
    expect(files.length).to.be.greaterThan(8);
    for (const file of files) {
      const result = await fixturePost(file);
      const before = performance.getEntriesByType('resource').length;
      const el = document.createElement('perch-tweet');
      el.append(inline(result));
      document.body.append(el);
      await el.updateComplete;
      checkRendered(el, result);
      const requests = performance.getEntriesByType('resource').slice(before).map((e) => e.name);
      expect(requests.filter((u) => u.includes('/v1/tweets')), file).to.deep.equal([]);
      el.remove();
    }
  });

  it('from the embed server', async () => {
    const server = await embedServerUrl();
    const files = await fixtureFiles();
    for (const file of files) {
      const result = await fixturePost(file);
      const id = result.id;
      const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id=${id} server=${server} loading="eager"></perch-tweet>`);
      if (el.data === undefined) await nextEvent(el, 'perch-render');
      await el.updateComplete;
      checkRendered(el, result);
      el.remove();
    }
  });

  it('serves the recorded tombstone with its reason and hides the pasted fallback', async () => {
    const server = await embedServerUrl();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id=${TOMBSTONE_ID} server=${server} loading="eager"><blockquote class="twitter-tweet"><p>old text</p></blockquote></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('[part="tombstone"]') !== null, 5000, 'the tombstone');
    expect(el.shadowRoot!.querySelector('[part="tombstone"]')!.getAttribute('data-reason')).to.equal('deleted');
    // The pasted blockquote is light DOM; it must not be slotted (shown) any more.
    expect(el.shadowRoot!.querySelector('slot')).to.equal(null);
    expect(el.querySelector('blockquote')!.getBoundingClientRect().height).to.equal(0);
  });
});
