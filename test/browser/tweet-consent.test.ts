import { expect, fixture, html } from '@open-wc/testing';
import '../../src/tweet/tweet.js';
import '../../src/timeline/timeline.js';
import type { PerchTweet } from '../../src/tweet/tweet.component.js';
import { clearPostMemo } from '../../src/client/post-client.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/index.js';
import { afterIntersectionReport, browserCookies, embedServerUrl, fixturePost, requestsSoFar, until, watchRequests } from './support/fixtures.js';

// <perch-tweet> with the consent core in its data path, every request and cookie watched.

function clearCookies(): void {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; max-age=0; path=/`;
  }
}

describe('<perch-tweet> and consent', () => {
  beforeEach(() => {
    clearPostMemo();
    clearCookies();
    document.querySelectorAll('meta[name="twitter:dnt"], meta[name="perch:child-directed"]').forEach((m) => m.remove());
    delete window.PerchConfig;
    resetConsentCoreForTests();
  });
  afterEach(() => {
    clearCookies();
    delete window.PerchConfig;
    resetConsentCoreForTests();
  });

  it('renders first-party post data before consent by default, with media through the embed server only', async () => {
    const server = await embedServerUrl();
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1641086480675225601" server=${server} loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('article.post img') !== null, 5000, 'the post');
    const hosts = new Set((await requestsSoFar()).map((u) => new URL(u).host));
    const serverHost = new URL(server).host;
    for (const h of hosts) expect([location.host, serverHost], `request to ${h}`).to.include(h);
    expect(await browserCookies()).to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });

  it('with first-party-before-consent off: a placeholder, zero requests, then "Load this once" loads it without a cookie', async () => {
    window.PerchConfig = { consent: { firstPartyBeforeConsent: false } };
    resetConsentCoreForTests();
    const server = await embedServerUrl();
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1629262255744503809" server=${server} loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('[part="consent"]') !== null, 5000, 'the placeholder');
    await afterIntersectionReport(el);
    expect((await requestsSoFar()).filter((u) => !u.startsWith(location.origin))).to.deep.equal([]);
    const once = [...el.shadowRoot!.querySelectorAll('button')].find((b) => /once/i.test(b.textContent ?? ''));
    expect(once).to.exist;
    once!.click();
    await until(() => el.shadowRoot!.querySelector('article.post') !== null, 5000, 'the post after consent');
    expect(await browserCookies()).to.deep.equal([]);
  });

  it('under 13: every request carries dnt=true whatever the element says, and nothing is stored', async () => {
    const meta = document.createElement('meta');
    meta.name = 'twitter:dnt';
    meta.content = 'on';
    document.head.append(meta);
    resetConsentCoreForTests();
    const server = await embedServerUrl();
    await watchRequests();
    const el = await fixture<PerchTweet>(html`<perch-tweet tweet-id="1703436713362870723" server=${server} dnt="false" loading="eager"></perch-tweet>`);
    await until(() => el.shadowRoot!.querySelector('article.post') !== null, 5000, 'the post');
    const api = (await requestsSoFar()).filter((u) => u.includes('/v1/tweets'));
    expect(api.length).to.be.greaterThan(0);
    for (const u of api) expect(new URL(u).searchParams.get('dnt'), u).to.equal('true');
    expect(await browserCookies()).to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
    expect(getConsentCore().policy().childDirected).to.equal(true);
  });

  it('inline data without an embed server loads no X media until consent allows it', async () => {
    window.PerchConfig = { consent: { firstPartyBeforeConsent: true } };
    resetConsentCoreForTests();
    const post = await fixturePost('photo-entities.json');
    await watchRequests();
    const el = document.createElement('perch-tweet');
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(post);
    el.append(script);
    document.body.append(el);
    await until(() => el.shadowRoot!.querySelector('article.post .photo img') !== null, 5000, 'the post');
    const img = el.shadowRoot!.querySelector<HTMLImageElement>('.photo img')!;
    expect(img.hasAttribute('src')).to.equal(false);
    expect((await requestsSoFar()).filter((u) => u.includes('twimg.com'))).to.deep.equal([]);
    getConsentCore().grant();
    await (el as PerchTweet).updateComplete;
    expect(img.getAttribute('src')).to.match(/^https:\/\/pbs\.twimg\.com\//);
    el.remove();
  });

  it('under 13: a timeline and its paging requests carry dnt=true too, and nothing is stored', async () => {
    const meta = document.createElement('meta');
    meta.name = 'perch:child-directed';
    meta.content = 'on';
    document.head.append(meta);
    resetConsentCoreForTests();
    const server = await embedServerUrl();
    await watchRequests();
    const el = await fixture<HTMLElement>(html`<perch-timeline screen-name="TwitterDev" server=${server} dnt="false" loading="eager" height="400"></perch-timeline>`);
    await until(() => el.shadowRoot!.querySelector('article') !== null, 5000, 'the timeline');
    const api = (await requestsSoFar()).filter((u) => u.includes('/v1/timelines'));
    expect(api.length).to.be.greaterThan(0);
    for (const u of api) expect(new URL(u).searchParams.get('dnt'), u).to.equal('true');
    expect(await browserCookies()).to.deep.equal([]);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });
});
