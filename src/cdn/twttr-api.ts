/**
 * A `window.twttr` compatible with X's widgets.js for pages that call it, installed only
 * where X's real script is absent: `ready`, `widgets.load`, `widgets.create*` (each a
 * Promise of the element) and `events.bind/unbind` with X's event object shape.
 */
import { applyXFlag } from './x-markup.js';

import { xTimelineUrl } from '../data/x-urls.js';
import { timelineAttributes } from './x-markup.js';

/** X's event object, as handlers bound with `twttr.events.bind` receive it. */
export interface TwttrEvent {
  type: string;
  target: Element | undefined;
  region?: string;
  data?: Record<string, string>;
  widgets?: Element[];
}

type Handler = (event: TwttrEvent) => void;
type Options = Record<string, string | number | boolean | undefined>;

/** The object installed as `window.twttr`. */
export interface TwttrApi {
  _e: Array<(t: TwttrApi) => void>;
  perch: true;
  ready(fn: (t: TwttrApi) => void): void;
  widgets: {
    load(el?: Element): Promise<Element[]>;
    createTweet(id: string, target: Element, options?: Options): Promise<Element | undefined>;
    createVideo(id: string, target: Element, options?: Options): Promise<Element | undefined>;
    createTimeline(source: string | Options, target: Element, options?: Options): Promise<Element | undefined>;
    createShareButton(url: string, target: Element, options?: Options): Promise<Element | undefined>;
    createFollowButton(screenName: string, target: Element, options?: Options): Promise<Element | undefined>;
    createHashtagButton(hashtag: string, target: Element, options?: Options): Promise<Element | undefined>;
    createMentionButton(screenName: string, target: Element, options?: Options): Promise<Element | undefined>;
  };
  events: {
    bind(name: string, handler: Handler): void;
    unbind(name: string, handler?: Handler): void;
  };
}

declare global {
  interface Window {
    twttr?: (Partial<Omit<TwttrApi, 'widgets'>> & { _e?: Array<(t: TwttrApi) => void>; widgets?: unknown; perch?: boolean }) | undefined;
  }
}

/** X option names (camelCase or data-style) → Perch attribute names; X's boolean options are in `X_FLAGS`. */
const OPTION_ATTRS: Record<string, string> = {
  theme: 'theme', width: 'width', align: 'align', lang: 'lang',
  tweetLimit: 'tweet-limit', height: 'height', chrome: 'chrome', ariaPolite: 'live-region', borderColor: 'border-color',
  text: 'text', url: 'url', hashtags: 'hashtags', via: 'via', related: 'related', size: 'size',
};

/** A widget settled: posts and timelines fire `perch-render` or `perch-error`. */
const RENDER_EVENTS = ['perch-render', 'perch-error'];

function optionsToAttributes(el: Element, options: Options | undefined): void {
  for (const [key, value] of Object.entries(options ?? {})) {
    if (value === undefined || applyXFlag(el, key, String(value))) continue;
    const attr = OPTION_ATTRS[key] ?? OPTION_ATTRS[key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
    if (attr === undefined) continue;
    el.setAttribute(attr, String(value)); // booleans as "true" / "false", as X's data-* options
  }
}

/** Install `window.twttr` unless X's own widgets.js is on the page. */
export function installTwttr(upgrade: (root: ParentNode) => Promise<Element[]>, onLoaded: (handler: (els: Element[]) => void) => void): void {
  const existing = window.twttr;
  if (existing !== undefined && typeof existing.widgets === 'object' && existing.perch !== true) return; // X's real script is here
  const queued = Array.isArray(existing?._e) ? existing._e : [];
  const handlers = new Map<string, Set<Handler>>();
  const emit = (event: TwttrEvent): void => {
    for (const h of handlers.get(event.type) ?? []) {
      try {
        h(event);
      } catch (error) {
        console.error('[perch] a twttr event handler threw', error);
      }
    }
  };

  const settle = (el: Element): Promise<Element | undefined> =>
    new Promise((resolve) => {
      const done = (e: Event): void => {
        RENDER_EVENTS.forEach((n) => el.removeEventListener(n, done));
        resolve(e.type === 'perch-error' ? undefined : el);
      };
      RENDER_EVENTS.forEach((n) => el.addEventListener(n, done));
      if (!/^perch-(tweet|timeline)$/.test(el.localName)) customElements.whenDefined(el.localName).then(() => resolve(el), () => resolve(undefined));
    });

  const create = (tag: string, target: Element, attrs: Record<string, string>, options?: Options): Promise<Element | undefined> => {
    if (!(target instanceof Element)) return Promise.reject(new TypeError('twttr.widgets: target must be an element'));
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    optionsToAttributes(el, options);
    const result = settle(el);
    target.append(el);
    return result;
  };

  const api: TwttrApi = {
    _e: queued,
    perch: true,
    ready(fn) {
      queueMicrotask(() => fn(api));
    },
    widgets: {
      load(el) {
        return upgrade(el ?? document)
          .then((found) => Promise.all(found.map((w) => settle(w))))
          .then((all) => all.filter((x): x is Element => x !== undefined));
      },
      // An explicit create call means "now", as with X's: no waiting to be scrolled near.
      createTweet: (id, target, options) => create('perch-tweet', target, { 'tweet-id': String(id), loading: 'eager' }, options),
      createVideo: (id, target, options) => create('perch-tweet', target, { 'tweet-id': String(id), 'hide-cards': '', loading: 'eager' }, options),
      createTimeline(source, target, options) {
        const attrs: Record<string, string> = {};
        if (typeof source === 'string') {
          const query = xTimelineUrl(/^https?:/i.test(source) ? source : `https://${source}`);
          if (query === undefined) return Promise.reject(new TypeError('twttr.widgets.createTimeline: not a profile or list URL'));
          Object.assign(attrs, timelineAttributes(query));
        } else if (source.sourceType === 'list') {
          if (source.id !== undefined) attrs['list-id'] = String(source.id);
          else Object.assign(attrs, { 'owner-screen-name': String(source.ownerScreenName ?? ''), slug: String(source.slug ?? '') });
        } else if (source.screenName !== undefined) attrs['screen-name'] = String(source.screenName);
        else if (source.userId !== undefined) attrs['user-id'] = String(source.userId);
        else return Promise.reject(new TypeError('twttr.widgets.createTimeline: unknown source'));
        return create('perch-timeline', target, { ...attrs, loading: 'eager' }, options);
      },
      createShareButton: (url, target, options) => create('perch-share-button', target, url ? { url: String(url) } : {}, options),
      createFollowButton: (name, target, options) => create('perch-follow-button', target, { 'screen-name': String(name) }, options),
      createHashtagButton: (tag, target, options) => create('perch-hashtag-button', target, { hashtag: String(tag) }, options),
      createMentionButton: (name, target, options) => create('perch-mention-button', target, { 'screen-name': String(name) }, options),
    },
    events: {
      bind(name, handler) {
        let set = handlers.get(name);
        if (set === undefined) handlers.set(name, (set = new Set()));
        set.add(handler);
      },
      unbind(name, handler) {
        if (handler === undefined) handlers.delete(name);
        else handlers.get(name)?.delete(handler);
      },
    },
  };

  // Widget events → X's event names.
  // X's "rendered" fires once per widget; a timeline re-renders on paging and refresh.
  const renderedOnce = new WeakSet<Element>();
  const rendered = (e: Event): void => {
    const target = e.target as Element;
    if (renderedOnce.has(target)) return;
    renderedOnce.add(target);
    emit({ type: 'rendered', target });
  };
  document.addEventListener('perch-render', rendered);
  document.addEventListener('perch-intent', (e) => {
    const intent = (e as Event & { intent?: string }).intent ?? '';
    const target = e.target as Element;
    emit({ type: 'click', target, region: intent === 'follow' ? 'follow' : 'tweet' });
    emit({ type: intent === 'follow' ? 'follow' : 'tweet', target, data: {} });
  });
  document.addEventListener('click', (e) => {
    const path = e.composedPath();
    const host = path.find((n): n is Element => n instanceof Element && /^perch-(tweet|timeline)$/.test(n.localName));
    const link = path.find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (host === undefined || link === undefined) return;
    const id = /tweet_id=([0-9]+)|in_reply_to=([0-9]+)|status\/([0-9]+)/.exec(link.href);
    const data = { tweet_id: id?.[1] ?? id?.[2] ?? id?.[3] ?? '' };
    const region = link.classList.contains('like') ? 'like' : link.classList.contains('repost') ? 'retweet' : link.classList.contains('reply') ? 'reply' : 'link';
    emit({ type: 'click', target: host, region, data });
    if (region === 'like' || region === 'retweet') emit({ type: region, target: host, data });
  });
  onLoaded((els) => emit({ type: 'loaded', target: undefined, widgets: els }));

  window.twttr = api;
  for (const fn of queued.splice(0)) api.ready(fn);
}
