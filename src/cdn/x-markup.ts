/**
 * Upgrades X's own embed markup in place (`<blockquote class="twitter-tweet">`,
 * `<a class="twitter-timeline">`, the button links) into Perch elements, mapping the
 * `data-*` options X documents. The original markup stays inside as the readable fallback.
 * Malformed markup is left as it is, with a console warning, never an exception.
 */

import type { TimelineQuery } from '../data/timeline.js';
import { xPostUrl, xProfileUrl, xTimelineUrl } from '../data/x-urls.js';

/** Page-level defaults read from X's meta tags. */
export interface XPageDefaults {
  theme?: string;
  dnt?: boolean;
  linkColor?: string;
  borderColor?: string;
}

function meta(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
}

/** Whether `twitter:widgets:autoload` is off for the page. */
export function autoloadOff(): boolean {
  return meta('twitter:widgets:autoload') === 'off';
}

/** X's page-level meta tags. */
export function pageDefaults(): XPageDefaults {
  const defaults: XPageDefaults = {};
  const theme = meta('twitter:widgets:theme');
  if (theme !== undefined) defaults.theme = theme;
  if (meta('twitter:dnt') === 'on') defaults.dnt = true;
  const link = meta('twitter:widgets:link-color');
  if (link !== undefined) defaults.linkColor = link;
  const border = meta('twitter:widgets:border-color');
  if (border !== undefined) defaults.borderColor = border;
  return defaults;
}

/** The post id in an X/Twitter post URL (with or without `?ref_src=…`), if it is one. */
export function postIdFromUrl(href: string): string | undefined {
  return xPostUrl(href)?.id;
}

function warn(el: Element, why: string): void {
  el.setAttribute('data-perch', 'skipped');
  console.warn(`[perch] left X markup as it is: ${why}`, el);
}

/**
 * X's string options that are boolean attributes on Perch's elements: X's option name, the
 * Perch attribute, and whether X's value turns it on. Only this layer knows X's forms.
 */
export const X_FLAGS: ReadonlyArray<readonly [xName: string, attr: string, on: (value: string) => boolean]> = [
  ['dnt', 'dnt', (v) => v === 'true' || v === 'on'],
  ['cards', 'hide-cards', (v) => v === 'hidden'],
  ['conversation', 'hide-thread', (v) => v === 'none'],
  ['show-screen-name', 'hide-screen-name', (v) => v === 'false'],
  ['show-replies', 'show-replies', (v) => v === 'true'],
];

/** Set the boolean attribute an X option (`cards`, `showScreenName`, …) maps to, when its value turns it on. Returns whether `name` is one of them. */
export function applyXFlag(el: Element, name: string, value: string): boolean {
  const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const flag = X_FLAGS.find(([x]) => x === kebab);
  if (flag === undefined) return false;
  if (flag[2](value)) el.setAttribute(flag[1], '');
  return true;
}

/** Map X's `data-*` boolean options of `from` onto `to` (see `X_FLAGS`). */
function copyFlags(from: Element, to: Element, names: readonly string[]): void {
  for (const name of names) {
    const v = from.getAttribute(`data-${name}`);
    if (v !== null) applyXFlag(to, name, v);
  }
}

/** Copy `data-<from>` to attribute `<to>` when present. */
function copy(from: Element, to: Element, pairs: ReadonlyArray<readonly [string, string]>): void {
  for (const [data, attr] of pairs) {
    const v = from.getAttribute(`data-${data}`);
    if (v !== null && v !== '') to.setAttribute(attr, v);
  }
}

/** Put `el` (attributes already set, so it connects complete) where `original` was, with `original` inside. */
function swapIn(original: Element, el: HTMLElement): void {
  original.setAttribute('data-perch', 'upgraded');
  original.replaceWith(el);
  el.append(original);
}

/** Set a colour custom property through CSSOM (no style attribute string: strict-CSP safe), if it is a colour. */
function setColor(el: HTMLElement, property: string, value: string | undefined): void {
  if (value === undefined || value === '' || el.style.getPropertyValue(property) !== '') return;
  if (typeof CSS !== 'undefined' && !CSS.supports('color', value)) return;
  el.style.setProperty(property, value);
}

function applyDefaults(el: HTMLElement, d: XPageDefaults): void {
  if (d.theme !== undefined && !el.hasAttribute('theme')) el.setAttribute('theme', d.theme);
  if (d.dnt === true) el.setAttribute('dnt', '');
  setColor(el, '--perch-link-color', d.linkColor);
  setColor(el, '--perch-border-color', d.borderColor);
}

function upgradeTweet(q: HTMLElement, d: XPageDefaults): void {
  const links = [...q.querySelectorAll<HTMLAnchorElement>('a[href]')].reverse();
  const id = links.map((a) => postIdFromUrl(a.href)).find((x) => x !== undefined) ?? (q.dataset.tweetId && /^[0-9]{1,40}$/.test(q.dataset.tweetId) ? q.dataset.tweetId : undefined);
  if (id === undefined) return warn(q, 'no post link (https://x.com/<user>/status/<id>) inside the blockquote');
  const el = document.createElement('perch-tweet');
  el.setAttribute('tweet-id', id);
  copy(q, el, [['theme', 'theme'], ['width', 'width'], ['align', 'align'], ['lang', 'lang']]);
  copyFlags(q, el, ['dnt', 'cards', 'conversation']);
  if (q.classList.contains('twitter-video') || q.dataset.status === 'hidden') el.setAttribute('hide-cards', '');
  setColor(el, '--perch-link-color', q.dataset.linkColor);
  applyDefaults(el, d);
  swapIn(q, el);
}

/** The attributes of `<perch-timeline>` naming `source`. */
export function timelineAttributes(source: TimelineQuery): Record<string, string> {
  if ('screenName' in source) return { 'screen-name': source.screenName };
  if ('userId' in source) return { 'user-id': source.userId };
  if ('listId' in source) return { 'list-id': source.listId };
  return { 'owner-screen-name': source.ownerScreenName, slug: source.slug };
}

function upgradeTimeline(a: HTMLAnchorElement, d: XPageDefaults): void {
  const el = document.createElement('perch-timeline');
  const source = xTimelineUrl(a.href);
  if (source !== undefined) for (const [name, value] of Object.entries(timelineAttributes(source))) el.setAttribute(name, value);
  else if (a.dataset.screenName !== undefined && /^[A-Za-z0-9_]{1,15}$/.test(a.dataset.screenName)) el.setAttribute('screen-name', a.dataset.screenName);
  else return warn(a, 'the timeline link is not a profile or list URL');
  copy(a, el, [['tweet-limit', 'tweet-limit'], ['height', 'height'], ['width', 'width'], ['chrome', 'chrome'], ['theme', 'theme'], ['lang', 'lang'], ['aria-polite', 'live-region'], ['border-color', 'border-color']]);
  copyFlags(a, el, ['dnt', 'show-replies']);
  setColor(el, '--perch-link-color', a.dataset.linkColor);
  applyDefaults(el, d);
  swapIn(a, el);
}

function intentParam(a: HTMLAnchorElement, name: string): string | undefined {
  try {
    return new URL(a.href).searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

function upgradeButton(a: HTMLAnchorElement, kind: 'share' | 'follow' | 'mention' | 'hashtag', d: XPageDefaults): void {
  const el = document.createElement(`perch-${kind}-button`);
  if (kind === 'follow') {
    const name = xProfileUrl(a.href) ?? intentParam(a, 'screen_name');
    if (name === undefined) return warn(a, 'the follow button link has no profile');
    el.setAttribute('screen-name', name);
  } else if (kind === 'mention') {
    const name = intentParam(a, 'screen_name');
    if (name === undefined) return warn(a, 'the mention button link has no screen_name');
    el.setAttribute('screen-name', name);
  } else if (kind === 'hashtag') {
    const tag = intentParam(a, 'button_hashtag');
    if (tag === undefined) return warn(a, 'the hashtag button link has no button_hashtag');
    el.setAttribute('hashtag', tag);
  }
  copy(a, el, [['text', 'text'], ['url', 'url'], ['hashtags', 'hashtags'], ['via', 'via'], ['related', 'related'], ['size', 'size'], ['lang', 'lang']]);
  copyFlags(a, el, ['dnt', 'show-screen-name']);
  if (d.dnt === true) el.setAttribute('dnt', '');
  swapIn(a, el);
}

const SELECTOR = 'blockquote.twitter-tweet, blockquote.twitter-video, a.twitter-timeline, a.twitter-share-button, a.twitter-follow-button, a.twitter-mention-button, a.twitter-hashtag-button';

/** Upgrade every piece of X markup under `root` not yet handled. Returns the Perch elements created. */
export function upgradeXMarkup(root: ParentNode = document): Element[] {
  const d = pageDefaults();
  const created: Element[] = [];
  const found: Element[] = root instanceof Element && root.matches(SELECTOR) ? [root] : [];
  found.push(...root.querySelectorAll(SELECTOR));
  for (const node of found) {
    if (node.hasAttribute('data-perch') || node.parentElement?.localName.startsWith('perch-') === true) continue;
    try {
      if (node instanceof HTMLQuoteElement) upgradeTweet(node, d);
      else if (node instanceof HTMLAnchorElement) {
        const c = node.classList;
        if (c.contains('twitter-timeline')) upgradeTimeline(node, d);
        else if (c.contains('twitter-share-button')) upgradeButton(node, 'share', d);
        else if (c.contains('twitter-follow-button')) upgradeButton(node, 'follow', d);
        else if (c.contains('twitter-mention-button')) upgradeButton(node, 'mention', d);
        else if (c.contains('twitter-hashtag-button')) upgradeButton(node, 'hashtag', d);
      }
      if (node.getAttribute('data-perch') === 'upgraded' && node.parentElement !== null) created.push(node.parentElement);
    } catch (error) {
      warn(node, String(error));
    }
  }
  return created;
}
