/**
 * Perch's strings and number formats in the reader's language. English is built in; every
 * other language is one module, imported on demand and shared by every widget on the page,
 * so a page in one language downloads that language's strings once. No Lit here: the
 * server-side renderer uses it too.
 */
import type { Catalogue, MessageKey, PartialCatalogue, PluralForms, PluralKey, Section, TextKey } from './catalogue-types.js';
import { bcp47, resolveLanguage, type LanguageCode } from './languages.js';

type Loaded = Catalogue | PartialCatalogue;
type Loader = () => Promise<{ default: Loaded }>;

/** One chunk per language (the bundler splits each `import()` into its own file). */
const LOADERS: Record<Exclude<LanguageCode, 'en'>, Loader> = {
  ar: () => import('./catalogues/ar.js'),
  bn: () => import('./catalogues/bn.js'),
  cs: () => import('./catalogues/cs.js'),
  da: () => import('./catalogues/da.js'),
  de: () => import('./catalogues/de.js'),
  el: () => import('./catalogues/el.js'),
  es: () => import('./catalogues/es.js'),
  fa: () => import('./catalogues/fa.js'),
  fi: () => import('./catalogues/fi.js'),
  fil: () => import('./catalogues/fil.js'),
  fr: () => import('./catalogues/fr.js'),
  he: () => import('./catalogues/he.js'),
  hi: () => import('./catalogues/hi.js'),
  hu: () => import('./catalogues/hu.js'),
  id: () => import('./catalogues/id.js'),
  it: () => import('./catalogues/it.js'),
  ja: () => import('./catalogues/ja.js'),
  ko: () => import('./catalogues/ko.js'),
  msa: () => import('./catalogues/msa.js'),
  nl: () => import('./catalogues/nl.js'),
  no: () => import('./catalogues/no.js'),
  pl: () => import('./catalogues/pl.js'),
  pt: () => import('./catalogues/pt.js'),
  ro: () => import('./catalogues/ro.js'),
  ru: () => import('./catalogues/ru.js'),
  sv: () => import('./catalogues/sv.js'),
  th: () => import('./catalogues/th.js'),
  tr: () => import('./catalogues/tr.js'),
  uk: () => import('./catalogues/uk.js'),
  ur: () => import('./catalogues/ur.js'),
  vi: () => import('./catalogues/vi.js'),
  'zh-cn': () => import('./catalogues/zh-cn.js'),
  'zh-tw': () => import('./catalogues/zh-tw.js'),
  ca: () => import('./catalogues/ca.js'),
  eu: () => import('./catalogues/eu.js'),
  ga: () => import('./catalogues/ga.js'),
  gl: () => import('./catalogues/gl.js'),
  gu: () => import('./catalogues/gu.js'),
  hr: () => import('./catalogues/hr.js'),
  kn: () => import('./catalogues/kn.js'),
  mr: () => import('./catalogues/mr.js'),
  sk: () => import('./catalogues/sk.js'),
  sr: () => import('./catalogues/sr.js'),
  ta: () => import('./catalogues/ta.js'),
};

/** English, section by section: each widget's strings module hands in its own (see `useEnglish`), so a page with one post carries no timeline or button English. */
const english: PartialCatalogue = {};
const catalogues = new Map<LanguageCode, Loaded>([['en', english]]);

/** Make a section's English strings (`src/i18n/english/<section>.ts`) the fallback for `t()`; each widget's strings module calls it once. */
export function useEnglish<S extends Section>(section: S, strings: Catalogue[S]): void {
  (english as Record<Section, Catalogue[Section]>)[section] = strings;
}
const loading = new Map<LanguageCode, Promise<void>>();

/** Whether the strings for `code` are here (English always is). */
export function isLoaded(code: LanguageCode): boolean {
  return catalogues.has(code);
}

/**
 * Load the strings for a language tag (`de`, `pt-BR`, `zh-Hant`, …). Resolves once `t()`
 * answers in it; a tag Perch has no strings for, or a module that fails to load (after a
 * console warning), resolves too: English is used.
 */
export function loadLanguage(tag: string | null | undefined): Promise<void> {
  const code = resolveLanguage(tag);
  if (code === undefined || code === 'en' || catalogues.has(code)) return Promise.resolve();
  let pending = loading.get(code);
  if (pending === undefined) {
    pending = LOADERS[code]().then(
      (m) => void catalogues.set(code, m.default),
      (error: unknown) => {
        console.warn(`[perch] could not load the "${code}" strings; using English`, error);
        catalogues.set(code, {});
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

/** Whether `t()` can answer in `tag` now (English is used for a tag Perch has no strings for). */
export function languageReady(tag: string | null | undefined): boolean {
  const code = resolveLanguage(tag);
  return code === undefined || catalogues.has(code);
}

function lookup(key: MessageKey, tag: string | null | undefined): string | PluralForms {
  const [section, name] = key.split('.') as [keyof Catalogue, string];
  const code = resolveLanguage(tag);
  const own = code === undefined ? undefined : (catalogues.get(code)?.[section] as Record<string, string | PluralForms> | undefined)?.[name];
  return own ?? (english[section] as Record<string, string | PluralForms> | undefined)?.[name] ?? key;
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The string `key` (`'post.reply'`) in the language `tag`, English until that language has loaded, `{name}`s filled from `vars`. */
export function t(key: TextKey, tag: string | null | undefined, vars: Record<string, string | number> = {}): string {
  const value = lookup(key, tag);
  return fill(typeof value === 'string' ? value : value.other, vars);
}

/**
 * The count message `key` for `count` in the language `tag`, by that language's plural rules
 * ("1 reply", "2 replies"; Arabic's six forms). `{n}` is `count` in the reader's digits unless
 * `vars.n` says otherwise (a compact count such as "12.3K").
 */
export function plural(key: PluralKey, count: number, tag: string | null | undefined, vars: Record<string, string | number> = {}): string {
  const value = lookup(key, tag);
  if (typeof value === 'string') return fill(value, vars);
  const category = pluralRules(tag).select(count) as keyof PluralForms;
  return fill(value[category] ?? value.other, { n: formatNumber(count, tag), ...vars });
}

/** The BCP 47 tag `Intl` uses for `tag`: its catalogue's language, English when Perch has none. */
export function intlLocale(tag: string | null | undefined): string {
  const code = resolveLanguage(tag);
  return code === undefined || !catalogues.has(code) ? 'en' : bcp47(code);
}

const formatters = new Map<string, Intl.NumberFormat | Intl.PluralRules>();

function cached<T extends Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let f = formatters.get(key) as T | undefined;
  if (f === undefined) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

function pluralRules(tag: string | null | undefined): Intl.PluralRules {
  const locale = intlLocale(tag);
  return cached(`plural:${locale}`, () => new Intl.PluralRules(locale));
}

/** `count` in the reader's digits and grouping (1,234 / 1.234 / ١٬٢٣٤). */
export function formatNumber(count: number, tag: string | null | undefined): string {
  const locale = intlLocale(tag);
  return cached(`number:${locale}`, () => new Intl.NumberFormat(locale)).format(count);
}

/** A compact count as X shows it: 12.3K, 1.2万, 1,2 Mio. */
export function formatCompact(count: number, tag: string | null | undefined): string {
  const locale = intlLocale(tag);
  return cached(`compact:${locale}`, () => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })).format(count);
}

/** A share (0.5) as a percentage in the reader's notation: 50%, 50 %, %50, ٥٠٪. */
export function formatPercent(share: number, tag: string | null | undefined): string {
  const locale = intlLocale(tag);
  return cached(`percent:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })).format(share);
}
