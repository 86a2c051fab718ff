/**
 * The language a widget is asked to speak, in the order X's widgets use: the element's own
 * `lang`, then X's `data-lang`, then the page's `<meta name="twitter:widgets:lang">`, then the
 * nearest `lang` around the element (up to `<html lang>`, across shadow roots), then the
 * reader's browser languages. A tag Perch has no strings for is still the answer (it shows
 * English, marked `lang="en"`); only the browser's list is searched for a language Perch speaks.
 */
import { resolveLanguage } from './languages.js';

let pageWatch: MutationObserver | undefined;
let generation = 0;
let metaMemo: string | undefined | null = null;

/**
 * A number that changes whenever the page's own language settings may have changed: `<html lang>`
 * or a `<meta>` added to or removed from `<head>`. Widgets keep their resolved language until it moves.
 */
export function pageLanguageGeneration(): number {
  if (pageWatch === undefined && typeof MutationObserver !== 'undefined' && typeof document !== 'undefined') {
    pageWatch = new MutationObserver(() => {
      generation++;
      metaMemo = null;
    });
    pageWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    if (document.head !== null) pageWatch.observe(document.head, { childList: true });
  }
  return generation;
}

/** The page's `twitter:widgets:lang` meta, read once until `<head>` changes (a document-wide query is costly on a page of 50 posts). */
function pageMeta(): string | undefined {
  if (metaMemo !== null && pageWatch !== undefined) return metaMemo;
  pageLanguageGeneration();
  const value = document.querySelector<HTMLMetaElement>('meta[name="twitter:widgets:lang"]')?.content.trim();
  metaMemo = value === '' ? undefined : value;
  return metaMemo;
}

function nearestLang(el: Element): string | undefined {
  let node: Element | null = el.parentElement ?? hostOf(el);
  while (node !== null) {
    const value = node.getAttribute('lang');
    if (value !== null && value.trim() !== '') return value;
    node = node.parentElement ?? hostOf(node);
  }
  return undefined;
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot ? root.host : null;
}

/** The language tag `el` should speak, before fallback; `undefined` when nothing asks for one. */
export function requestedLanguage(el: Element): string | undefined {
  for (const name of ['lang', 'data-lang']) {
    const value = el.getAttribute(name);
    if (value !== null && value.trim() !== '') return value.trim();
  }
  if (typeof document === 'undefined') return undefined;
  const meta = pageMeta();
  if (meta !== undefined) return meta;
  const around = nearestLang(el);
  if (around !== undefined) return around.trim();
  if (typeof navigator === 'undefined') return undefined;
  return (navigator.languages ?? [navigator.language]).find((l) => resolveLanguage(l) !== undefined);
}
