import { expect, fixture, html } from '@open-wc/testing';
import { postIdFromUrl, upgradeXMarkup } from '../../src/cdn/x-markup.js';

// X's pasted embed markup upgraded in place (the classes are not registered here:
// these tests look at the mapping; x-markup-loader.test.ts runs the real CDN loader).
describe('upgrading X embed markup', () => {
  it('reads post ids from x.com and twitter.com URLs, with or without ref_src', () => {
    expect(postIdFromUrl('https://twitter.com/jack/status/20?ref_src=twsrc%5Etfw')).to.equal('20');
    expect(postIdFromUrl('https://x.com/jack/status/1641086480675225601')).to.equal('1641086480675225601');
    expect(postIdFromUrl('https://mobile.twitter.com/i/web/status/123')).to.equal('123');
    expect(postIdFromUrl('https://x.com/jack/statuses/55/photo/1')).to.equal('55');
    expect(postIdFromUrl('https://evil.example/jack/status/20')).to.equal(undefined);
    expect(postIdFromUrl('https://x.com/jack')).to.equal(undefined);
  });

  it('maps blockquote.twitter-tweet and its data-* options, keeping the blockquote as the fallback', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <blockquote class="twitter-tweet" data-theme="dark" data-width="400" data-align="center" data-lang="es" data-dnt="true" data-cards="hidden" data-conversation="none">
        <p lang="en" dir="ltr">Hello</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1641086480675225601?ref_src=twsrc%5Etfw">March 29, 2023</a>
      </blockquote>
    </div>`);
    expect(upgradeXMarkup(root)).to.have.length(1);
    const el = root.querySelector('perch-tweet')!;
    expect(el.getAttribute('tweet-id')).to.equal('1641086480675225601');
    for (const [attr, value] of [['theme', 'dark'], ['width', '400'], ['align', 'center'], ['lang', 'es'], ['dnt', ''], ['hide-cards', ''], ['hide-thread', '']]) {
      expect(el.getAttribute(attr!), attr).to.equal(value);
    }
    // X's string forms stay in this layer: the element gets boolean attributes only.
    expect(el.hasAttribute('cards') || el.hasAttribute('conversation'), 'no X string form on the element').to.equal(false);
    expect(el.querySelector('blockquote.twitter-tweet p')!.textContent).to.equal('Hello');
    expect(upgradeXMarkup(root), 'a second scan changes nothing').to.have.length(0);
  });

  it('maps timelines, share, follow, mention and hashtag links', async () => {
    const root = await fixture<HTMLDivElement>(html`<div>
      <a class="twitter-timeline" data-tweet-limit="3" data-chrome="noheader nofooter" data-height="400" href="https://twitter.com/TwitterDev?ref_src=twsrc%5Etfw">Posts by TwitterDev</a>
      <a class="twitter-timeline" href="https://twitter.com/TwitterDev/lists/national-parks?ref_src=twsrc%5Etfw">A list</a>
      <a href="https://twitter.com/share?ref_src=twsrc%5Etfw" class="twitter-share-button" data-text="Read this" data-url="https://news.example/a" data-hashtags="a,b" data-via="news" data-related="x" data-size="large">Post</a>
      <a href="https://twitter.com/TwitterDev?ref_src=twsrc%5Etfw" class="twitter-follow-button" data-show-screen-name="false">Follow @TwitterDev</a>
      <a href="https://twitter.com/intent/tweet?screen_name=TwitterDev&ref_src=twsrc%5Etfw" class="twitter-mention-button">Post to @TwitterDev</a>
      <a href="https://twitter.com/intent/tweet?button_hashtag=perch&ref_src=twsrc%5Etfw" class="twitter-hashtag-button">Post #perch</a>
    </div>`);
    expect(upgradeXMarkup(root)).to.have.length(6);
    const [profile, list] = root.querySelectorAll('perch-timeline');
    expect(profile!.getAttribute('screen-name')).to.equal('TwitterDev');
    expect(profile!.getAttribute('tweet-limit')).to.equal('3');
    expect(profile!.getAttribute('chrome')).to.equal('noheader nofooter');
    expect(list!.getAttribute('owner-screen-name')).to.equal('TwitterDev');
    expect(list!.getAttribute('slug')).to.equal('national-parks');
    const share = root.querySelector('perch-share-button')!;
    expect([share.getAttribute('text'), share.getAttribute('url'), share.getAttribute('hashtags'), share.getAttribute('via'), share.getAttribute('size')]).to.deep.equal(['Read this', 'https://news.example/a', 'a,b', 'news', 'large']);
    expect(root.querySelector('perch-follow-button')!.getAttribute('screen-name')).to.equal('TwitterDev');
    expect(root.querySelector('perch-follow-button')!.getAttribute('hide-screen-name')).to.equal('');
    expect(root.querySelector('perch-follow-button')!.hasAttribute('show-screen-name')).to.equal(false);
    expect(root.querySelector('perch-mention-button')!.getAttribute('screen-name')).to.equal('TwitterDev');
    expect(root.querySelector('perch-hashtag-button')!.getAttribute('hashtag')).to.equal('perch');
  });

  it('leaves malformed markup readable, with a warning and no exception', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args[0]);
    try {
      const root = await fixture<HTMLDivElement>(html`<div>
        <blockquote class="twitter-tweet"><p>No link at all</p></blockquote>
        <blockquote class="twitter-tweet"><p>Bad id</p><a href="https://twitter.com/a/status/12ab">x</a></blockquote>
        <a class="twitter-timeline" href="https://example.com/not-x">Timeline</a>
        <a class="twitter-follow-button">Follow</a>
      </div>`);
      expect(upgradeXMarkup(root)).to.have.length(0);
      expect(root.querySelectorAll('[data-perch="skipped"]').length).to.equal(4);
      expect(root.querySelector('blockquote p')!.textContent).to.equal('No link at all');
      expect(warnings.length).to.equal(4);
    } finally {
      console.warn = original;
    }
  });

  it('applies X page meta tags: theme, dnt, link and border colours', async () => {
    const metas = [['twitter:widgets:theme', 'dark'], ['twitter:dnt', 'on'], ['twitter:widgets:link-color', '#ff0000'], ['twitter:widgets:border-color', '#00ff00']].map(([n, c]) => {
      const m = document.createElement('meta');
      m.name = n!;
      m.content = c!;
      document.head.append(m);
      return m;
    });
    try {
      const root = await fixture<HTMLDivElement>(html`<div><blockquote class="twitter-tweet"><a href="https://x.com/a/status/1">x</a></blockquote></div>`);
      upgradeXMarkup(root);
      const el = root.querySelector<HTMLElement>('perch-tweet')!;
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(el.getAttribute('dnt')).to.equal('');
      expect(el.style.getPropertyValue('--perch-link-color')).to.equal('#ff0000');
    } finally {
      metas.forEach((m) => m.remove());
    }
  });
});
