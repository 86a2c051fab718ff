/**
 * The CDN loader: the one small script a publisher puts on a page
 * (`<script async src="…/perch.js">`). It imports a widget's chunk only when that
 * widget's tag is on the page, now or later.
 *
 * It works the same however the tag is written (classic, `async`, `defer`, `type="module"`,
 * added by another script) and however many times it appears: the first copy to run starts
 * the one loader of the page (one observer, one `window.twttr`, each chunk imported once);
 * later copies only add their `data-*` configuration.
 */
import type { WidgetChunk } from './boot.js';
import type { TwttrApi } from './twttr-api.js';
import { applyScriptConfig } from './script-config.js';
import { findOwnScript } from './own-script.js';
import { reserveEarly } from './reserve-early.js';

// Taken first, at top level: its innermost frame is this file, the only trace of a module script's URL.
const own = findOwnScript(new Error().stack);
// `data-*` configuration on this script tag, merged under `window.PerchConfig` (the global wins).
const scriptConfig = applyScriptConfig(own.element);

/** The widgets.js compatibility chunk (X markup upgrade, `window.twttr`), loaded only when needed. */
type Compat = typeof import('./entries/x-compat.js');

/** Tag → chunk file, relative to this script. */
const CHUNKS: Record<string, string> = {
  'perch-tweet': 'widgets/perch-tweet.js',
  'perch-consent-settings': 'widgets/perch-consent.js',
  'perch-disclosure': 'widgets/perch-consent.js',
  'perch-timeline': 'widgets/perch-timeline.js',
  'perch-video': 'widgets/perch-video.js',
  'perch-share-button': 'widgets/perch-buttons.js',
  'perch-follow-button': 'widgets/perch-buttons.js',
  'perch-mention-button': 'widgets/perch-buttons.js',
  'perch-hashtag-button': 'widgets/perch-buttons.js',
};

/** Loaded instead of the `perch-tweet` chunk while every post on the page is server-rendered: impressions now, the element when needed. */
const STATIC_CHUNK = 'widgets/perch-static.js';

/** A `<perch-tweet>` that arrived with a declarative shadow root (or is having one parsed now). */
function serverRendered(el: Element): boolean {
  return el.shadowRoot !== null || el.querySelector(':scope > template[shadowrootmode]') !== null;
}

/**
 * The chunks each widget file imports, written in by the build (`rollup.config.mjs`): hinted as
 * `modulepreload` when the file is imported, they load beside it rather than after it.
 */
const CHUNK_DEPS: string = 'PERCH_CHUNK_DEPS';
/** Widget file → the chunks it imports, both relative to `widgets/` and without `.js` (`perch-tweet` → `chunks/core-…`). */
const DEPS: Record<string, string[] | undefined> = CHUNK_DEPS.startsWith('{') ? (JSON.parse(CHUNK_DEPS) as Record<string, string[]>) : {};

/** X's embed markup; upgraded unless the page says `<meta name="twitter:widgets:autoload" content="off">`. */
const X_MARKUP = 'blockquote.twitter-tweet,blockquote.twitter-video,a.twitter-timeline,a.twitter-share-button,a.twitter-follow-button,a.twitter-mention-button,a.twitter-hashtag-button';

/** The page's one loader: chunks are resolved against `base`, the directory of perch.js. */
function startLoader(base: URL, autoloadOff: boolean): void {
  const upgradeX = document.querySelector('meta[name="twitter:widgets:autoload"]')?.getAttribute('content')?.trim() !== 'off' && !autoloadOff;
  const scriptOrigin = base.origin;
  /** Chunk files imported (or being imported): each once, however many tags it serves. */
  const started = new Set<string>();

  /** Chunk files hinted so far. */
  const hinted = new Set<string>();
  function preloadDeps(file: string): void {
    for (const dep of DEPS[file.replace(/^widgets\/|\.js$/g, '')] ?? []) {
      if (hinted.has(dep) || document.head === null) continue;
      hinted.add(dep);
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(`widgets/${dep}.js`, base).href;
      document.head.append(link);
    }
  }

  /** Load `tag`'s chunk; `now`: even when its posts are all server-rendered (the static chunk asks when one is needed). */
  function load(tag: string, now = false): void {
    let file = CHUNKS[tag];
    if (file === undefined || started.has(file) || customElements.get(tag) !== undefined) return;
    const posts = tag === 'perch-tweet' && !now ? [...document.querySelectorAll(tag)] : [];
    if (posts.length > 0 && posts.every(serverRendered)) file = STATIC_CHUNK;
    if (started.has(file)) return;
    started.add(file);
    preloadDeps(file);
    import(/* @vite-ignore */ new URL(file, base).href).then(
      (chunk: WidgetChunk) => chunk.boot({ scriptOrigin, load: (t) => load(t, true) }),
      (error: unknown) => {
        started.delete(file);
        console.error(`[perch] could not load <${tag}>`, error);
      },
    );
  }

  let compat: Promise<Compat> | undefined;
  function loadCompat(): Promise<Compat> {
    if (compat === undefined) preloadDeps('widgets/x-compat.js');
    compat ??= import(/* @vite-ignore */ new URL('widgets/x-compat.js', base).href) as Promise<Compat>;
    return compat;
  }

  /** Load the chunks for Perch tags under `root`, and upgrade X markup there (when allowed). */
  function scan(root: ParentNode, force = false): Promise<Element[]> {
    reserveEarly(root);
    for (const [tag, file] of Object.entries(CHUNKS)) {
      if (!started.has(file) && root.querySelector(tag) !== null) load(tag);
    }
    const hasX = (root instanceof Element && root.matches(X_MARKUP)) || root.querySelector(X_MARKUP) !== null;
    if (!hasX || !(upgradeX || force)) return Promise.resolve([]);
    return loadCompat().then(
      (m) => {
        const created = m.upgradeXMarkup(root);
        for (const el of created) reserveEarly(el);
        for (const el of created) load(el.localName);
        return created;
      },
      (error: unknown) => {
        console.error('[perch] could not load the widgets.js compatibility layer', error);
        return [];
      },
    );
  }

  // `window.twttr` where X's widgets.js is absent: a stub now (X's async-snippet shape), the full
  // API from the compatibility chunk as soon as anyone uses it. `twttr.widgets.load()` upgrades
  // even when autoload is off, as X's does.
  let loadedWith: Element[] | undefined;
  const loadedListeners: Array<(els: Element[]) => void> = [];
  const existing = window.twttr;
  if (existing === undefined || typeof existing.widgets !== 'object' || existing.perch === true) {
    const queue: Array<(t: TwttrApi) => void> = Array.isArray(existing?._e) ? existing._e : [];
    const install = (): void => {
      void loadCompat().then((m) =>
        m.installTwttr(
          (root) => scan(root, true),
          (listener) => (loadedWith === undefined ? loadedListeners.push(listener) : listener(loadedWith)),
        ),
      );
    };
    window.twttr = { _e: queue, ready: (fn) => (queue.push(fn), install()) };
    if (queue.length > 0) install();
  }

  function start(): void {
    void scan(document).then((created) => {
      const unique = [...new Set([...created, ...document.querySelectorAll(Object.keys(CHUNKS).join(','))])];
      return Promise.all(unique.map((el) => new Promise<void>((resolve) => {
        const done = (): void => resolve();
        el.addEventListener('perch-render', done, { once: true });
        el.addEventListener('perch-error', done, { once: true });
        if (!/^perch-(tweet|timeline)$/.test(el.localName)) customElements.whenDefined(el.localName).then(done, done);
      }))).then(() => {
        loadedWith = unique;
        loadedListeners.forEach((l) => l(unique));
      });
    });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          const tag = node.localName;
          if (tag in CHUNKS) {
            reserveEarly(node);
            load(tag);
          }
          else if (node.firstElementChild !== null || tag === 'blockquote' || tag === 'a') void scan(node);
        }
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
  void scan(document);
}

/** Marks the page's running loader; `Symbol.for` so every copy of this script finds the same key. */
const RUNNING = Symbol.for('perch.cdn-loader');
const marks = window as unknown as Record<symbol, string | undefined>;
if (marks[RUNNING] === undefined) {
  if (own.url === undefined) console.warn('[perch] could not tell where perch.js was served from; loading its widgets relative to the page');
  const base = new URL('./', own.url ?? document.baseURI);
  marks[RUNNING] = base.href;
  startLoader(base, scriptConfig.autoloadOff);
}
