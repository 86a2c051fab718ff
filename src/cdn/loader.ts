/**
 * The CDN loader: the one small script a publisher puts on a page
 * (`<script async src="…/perch.js">`). It imports a widget's chunk only when that
 * widget's tag is on the page, now or later.
 */
import type { WidgetChunk } from './boot.js';
import { autoloadOff, upgradeXMarkup } from './x-markup.js';
import { installTwttr } from './twttr-api.js';

/** Tag → chunk file, relative to this script. */
const CHUNKS: Record<string, string> = {
  'perch-tweet': 'widgets/perch-tweet.js',
  'perch-consent-settings': 'widgets/perch-consent.js',
  'perch-disclosure': 'widgets/perch-consent.js',
  'perch-timeline': 'widgets/perch-timeline.js',
};

/** X's markup is upgraded unless the page says `<meta name="twitter:widgets:autoload" content="off">`. */
const upgradeX = !autoloadOff();

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('./', script?.src ?? document.baseURI);
const scriptOrigin = base.origin;
const started = new Set<string>();

function load(tag: string): void {
  const file = CHUNKS[tag];
  if (file === undefined || started.has(tag) || customElements.get(tag) !== undefined) return;
  started.add(tag);
  import(/* @vite-ignore */ new URL(file, base).href).then(
    (chunk: WidgetChunk) => chunk.boot({ scriptOrigin }),
    (error: unknown) => {
      started.delete(tag);
      console.error(`[perch] could not load <${tag}>`, error);
    },
  );
}

function scan(root: ParentNode, force = false): Element[] {
  const created = upgradeX || force ? upgradeXMarkup(root) : [];
  for (const tag of Object.keys(CHUNKS)) {
    if (!started.has(tag) && root.querySelector(tag) !== null) load(tag);
  }
  for (const el of created) if (el.localName in CHUNKS) load(el.localName);
  return created;
}

// `twttr.widgets.load()` upgrades even when autoload is off, as X's does.
const loadedListeners: Array<(els: Element[]) => void> = [];
installTwttr(
  (root) => scan(root, true),
  (listener) => loadedListeners.push(listener),
);

function start(): void {
  const widgets = [...scan(document), ...document.querySelectorAll(Object.keys(CHUNKS).join(','))];
  const unique = [...new Set(widgets)];
  void Promise.all(unique.map((el) => new Promise<void>((resolve) => {
    const done = (): void => resolve();
    el.addEventListener('perch-render', done, { once: true });
    el.addEventListener('perch-error', done, { once: true });
    if (!/^perch-(tweet|timeline)$/.test(el.localName)) customElements.whenDefined(el.localName).then(done, done);
  }))).then(() => loadedListeners.forEach((l) => l(unique)));
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const tag = node.localName;
        if (tag in CHUNKS) load(tag);
        else if (node.firstElementChild !== null || tag === 'blockquote' || tag === 'a') scan(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
scan(document);
