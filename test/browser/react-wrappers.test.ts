// perch-widgets/react: the @lit/react wrappers rendered by React 19 in Chromium.
import { expect } from '@open-wc/testing';
import { createElement, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import {
  PerchConsentSettings,
  PerchDisclosure,
  PerchTimeline,
  PerchTweet,
  PerchVideo,
  PerchShareButton,
  PerchFollowButton,
  type PerchIntentEvent,
  type PerchVideoStateEvent,
  type PerchErrorEvent,
  type PerchLoadEvent,
  type PerchRenderEvent,
  type PerchTimelineRenderEvent,
  type PerchTweetProps,
  type PerchTimelineProps,
} from '../../src/react/index.js';
import { PerchTweet as PerchTweetElement } from '../../src/tweet/tweet.component.js';
import { PerchRenderEvent as RenderEventClass } from '../../src/shared/events.js';
import type { PostResult } from '../../src/data/model.js';
import { embedServerUrl, fixturePost, until } from './support/fixtures.js';
import { getConsentCore, resetConsentCoreForTests } from '../../src/consent/consent-core.js';
import { control, sampleVideo, videoServerUrl } from './support/video-helpers.js';

const IDS = ['1641086480675225601', '1641895049427550208'];

let container: HTMLDivElement;
let root: Root;

function render(element: ReactElement): void {
  flushSync(() => root.render(element));
}

function postText(el: Element | null): string {
  return el?.shadowRoot?.querySelector('[part~="text"]')?.textContent ?? '';
}

function textOf(result: PostResult): string {
  return result.kind === 'post' ? result.text.text : '';
}

describe('perch-widgets/react', () => {
  let server = '';
  before(async () => {
    server = await embedServerUrl();
  });

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
    resetConsentCoreForTests();
  });

  it('<PerchTweet data={post}> renders the post in the shadow root and calls onPerchRender with the typed event', async () => {
    const post = await fixturePost('plain-text-affiliate-badge.json');
    const renders: PerchRenderEvent[] = [];
    // the prop is typed: the handler receives PerchRenderEvent, whose result is a PostResult
    const onPerchRender: NonNullable<PerchTweetProps['onPerchRender']> = (event) => {
      const id: string = event.result.id;
      expect(id).to.equal(post.id);
      renders.push(event);
    };
    render(createElement(PerchTweet, { data: post, onPerchRender }));
    const el = container.querySelector('perch-tweet');
    expect(el).to.be.instanceOf(PerchTweetElement);
    await until(() => renders.length > 0 && postText(el).includes(textOf(post).slice(0, 30)), 5000, 'the post to render');
    expect(renders).to.have.length(1);
    expect(renders[0]).to.be.instanceOf(RenderEventClass);
    expect(renders[0]?.type).to.equal('perch-render');
    expect(postText(el)).to.contain(textOf(post).slice(0, 30));
  });

  it('<PerchTweet tweetId server> loads from the embed server; new props update the same element', async () => {
    const loads: PerchLoadEvent[] = [];
    const renders: string[] = [];
    const props = (id: string, theme: 'light' | 'dark'): PerchTweetProps => ({
      tweetId: id,
      server,
      loading: 'eager',
      theme,
      onPerchLoad: (e) => loads.push(e),
      onPerchRender: (e) => renders.push(e.result.id),
    });
    render(createElement(PerchTweet, props(IDS[0] as string, 'light')));
    const el = container.querySelector('perch-tweet');
    await until(() => renders.includes(IDS[0] as string), 8000, 'the first post');
    expect(el?.getAttribute('tweet-id')).to.equal(IDS[0]);
    expect(el?.matches(':state(light)'), 'the theme prop sets the effective theme').to.equal(true);
    const firstText = postText(el);
    expect(firstText.length).to.be.greaterThan(0);
    expect(loads[0]?.result.id).to.equal(IDS[0]);

    render(createElement(PerchTweet, props(IDS[1] as string, 'dark')));
    await until(() => renders.includes(IDS[1] as string), 8000, 'the second post');
    expect(container.querySelector('perch-tweet')).to.equal(el, 'React kept the element and changed its properties');
    expect(el?.getAttribute('tweet-id')).to.equal(IDS[1]);
    expect(el?.matches(':state(dark)')).to.equal(true);
    await until(() => postText(el) !== firstText && postText(el).length > 0, 5000, 'the new text');
  });

  it('onPerchError receives the reason; removing an event prop removes its listener', async () => {
    const errors: PerchErrorEvent[] = [];
    render(createElement(PerchTweet, { tweetId: 'not-an-id', server, loading: 'eager', onPerchError: (e) => errors.push(e) }));
    await until(() => errors.length > 0, 5000, 'perch-error');
    expect(errors[0]?.reason).to.equal('invalid-id');

    const el = container.querySelector('perch-tweet');
    render(createElement(PerchTweet, { tweetId: 'not-an-id', server, loading: 'eager' }));
    el?.dispatchEvent(new Event('perch-error', { bubbles: true, composed: true }));
    expect(errors).to.have.length(1, 'the handler is gone with its prop');
  });

  it('unmounting removes the element and its listeners', async () => {
    const post = await fixturePost('plain-text-affiliate-badge.json');
    const renders: string[] = [];
    render(createElement(PerchTweet, { data: post, onPerchRender: (e) => renders.push(e.result.id) }));
    const el = container.querySelector('perch-tweet');
    await until(() => renders.length === 1, 5000, 'the post to render');
    root.unmount();
    expect(el?.isConnected).to.equal(false);
    expect(container.querySelector('perch-tweet')).to.equal(null);
    root = createRoot(container); // for afterEach
  });

  // @lit/react sets properties after React inserted the element, so the timeline's source arrives after it connected.
  it('<PerchTimeline> renders a timeline from the embed server and calls onPerchLoad and onPerchRender (and the deprecated onPerchTimelineRender)', async () => {
    const rendered: PerchTimelineRenderEvent[] = [];
    const loaded: number[] = [];
    const old: string[] = [];
    const props: PerchTimelineProps = {
      screenName: 'TwitterDev',
      server,
      loading: 'eager',
      tweetLimit: 3,
      onPerchLoad: (e) => loaded.push(e.total),
      onPerchRender: (e) => rendered.push(e),
      onPerchTimelineRender: (e) => old.push(e.type),
    };
    render(createElement(PerchTimeline, props));
    await until(() => rendered.length > 0, 10_000, 'perch-render');
    expect(rendered[0]?.type).to.equal('perch-render');
    expect(loaded).to.deep.equal([3]);
    await until(() => old.length > 0, 5000, 'perch-timeline-render');
    const el = container.querySelector('perch-timeline');
    expect(el?.getAttribute('screen-name') ?? (el as { screenName?: string } | null)?.screenName).to.equal('TwitterDev');
    expect(rendered[0]?.page.posts.length).to.be.greaterThan(0);
    await until(() => (el?.shadowRoot?.querySelectorAll('perch-tweet, [part~="feed"] > *').length ?? 0) > 0, 5000, 'posts in the feed');
  });

  it('<PerchConsentSettings> and <PerchDisclosure> render their elements', async () => {
    render(createElement('div', null, createElement(PerchConsentSettings, { className: 'settings' }), createElement(PerchDisclosure)));
    const settings = container.querySelector('perch-consent-settings');
    const disclosure = container.querySelector('perch-disclosure');
    expect(settings?.getAttribute('class')).to.equal('settings');
    await until(() => (settings?.shadowRoot?.querySelector('[part~="base"]') ?? null) !== null, 5000, 'consent settings');
    await until(() => (disclosure?.shadowRoot?.querySelector('[part~="list"]') ?? null) !== null, 5000, 'disclosure');
    expect(settings?.shadowRoot?.querySelectorAll('button').length).to.be.greaterThan(0);
  });

  it('<PerchVideo media={video}> plays on click and calls onPerchVideoState with the typed event', async () => {
    const states: PerchVideoStateEvent[] = [];
    const server = await videoServerUrl();
    getConsentCore().grant(); // playback needs consent in every mode
    render(
      createElement(PerchVideo, {
        media: sampleVideo(),
        server,
        postUrl: 'https://x.com/perch/status/1684218600456876032',
        style: { width: '320px' },
        onPerchVideoState: (e) => states.push(e),
      }),
    );
    const el = container.querySelector('perch-video');
    expect(el).to.exist;
    await until(() => el !== null && control(el, 'Play video') !== null, 5000, 'the play button');
    control(el!, 'Play video')?.click();
    await until(() => states.some((e) => e.state === 'playing'), 8000, 'perch-video-state playing');
    expect(states.find((e) => e.state === 'playing')?.automatic).to.equal(false);
  });

  it('<PerchShareButton> and <PerchFollowButton> render links; onPerchIntent can cancel the popup', async () => {
    const intents: PerchIntentEvent[] = [];
    const onPerchIntent = (e: PerchIntentEvent): void => {
      e.preventDefault(); // no popup, no navigation in the test
      intents.push(e);
    };
    render(
      createElement(
        'div',
        null,
        createElement(PerchShareButton, { text: 'Hello from React', url: 'https://example.com/page', onPerchIntent }),
        createElement(PerchFollowButton, { screenName: 'TwitterDev', onPerchIntent }),
      ),
    );
    const share = container.querySelector('perch-share-button');
    const follow = container.querySelector('perch-follow-button');
    await until(() => share?.shadowRoot?.querySelector('a[part~="base"]') != null && follow?.shadowRoot?.querySelector('a[part~="base"]') != null, 5000, 'the buttons');
    share?.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="base"]')?.click();
    follow?.shadowRoot?.querySelector<HTMLAnchorElement>('a[part~="base"]')?.click();
    expect(intents.map((e) => [e.button, e.intent])).to.deep.equal([
      ['share', 'post'],
      ['follow', 'follow'],
    ]);
    expect(intents[0]?.url).to.match(/^https:\/\/x\.com\/intent\//);
    expect(intents[0]?.url).to.contain('Hello');
  });
});
