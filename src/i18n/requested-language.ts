/**
 * The language a widget is asked to speak, in the order X's widgets use: the element's own
 * `lang`, then X's `data-lang`, then the page's `<meta name="twitter:widgets:lang">`, then the
 * nearest `lang` around the element (up to `<html lang>`, across shadow roots), then the
 * reader's browser languages. A tag Perch has no strings for is still the answer (it shows
 * English, marked `lang="en"`); only the browser's list is searched for a language Perch speaks.
 */
import { resolveLanguage } from './languages.js';

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
  const meta = document.querySelector<HTMLMetaElement>('meta[name="twitter:widgets:lang"]')?.content.trim();
  if (meta !== undefined && meta !== '') return meta;
  const around = nearestLang(el);
  if (around !== undefined) return around.trim();
  if (typeof navigator === 'undefined') return undefined;
  return (navigator.languages ?? [navigator.language]).find((l) => resolveLanguage(l) !== undefined);
}
