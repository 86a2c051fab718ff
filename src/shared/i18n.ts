/**
 * Perch's own interface strings (never post content) in a few languages; English is
 * the fallback. Publishers can replace any string through slots.
 */

const en = {
  postBy: 'Post by {name}',
  replyingTo: 'Replying to',
  reply: 'Reply',
  like: 'Like',
  replies: '{n} replies',
  likes: '{n} likes',
  readReplies: 'Read {n} replies',
  readReply: 'Read {n} reply',
  readMore: 'Read more on X',
  follow: 'Follow',
  copyLink: 'Copy link',
  copied: 'Copied!',
  copyFailed: 'Could not copy',
  adsInfo: 'X for Websites ads information and privacy',
  viewOnX: 'View on X',
  edited: 'Edited',
  playVideo: 'Play video',
  photoNoAlt: 'Photo (no description), view on X',
  consentWhatPost: 'A post from X',
  playGif: 'Play GIF',
  sensitive: 'This media may contain sensitive material.',
  show: 'Show',
  votes: '{n} votes',
  finalResults: 'Final results',
  pollEnds: 'Poll ends',
  space: 'Space on X',
  quotedPost: 'Quoted post',
  loadFailed: 'This post could not be loaded.',
  invalidId: 'This post link is not valid.',
  deleted: 'This post was deleted by its author.',
  protected: 'This post is from an account whose posts are protected.',
  suspended: 'This post is from a suspended account.',
  withheld: 'This post is withheld in your country.',
  'age-restricted': 'This post is age-restricted.',
  'not-found': 'This post is unavailable.',
  learnMore: 'Learn more',
} as const;

/** The keys of Perch's interface strings. */
export type MessageKey = keyof typeof en;
/** A language's strings; missing keys fall back to English. */
export type Catalogue = Partial<Record<MessageKey, string>>;

/** Languages loaded so far. English is always there; the others arrive on demand, so a page pays only for the ones it shows. */
const catalogues: Record<string, Catalogue> = { en };

/** One module per language, loaded with `loadLanguage()`. */
const LOADERS: Record<string, () => Promise<{ default: Catalogue }>> = {
  es: () => import('./i18n/es.js'),
  fr: () => import('./i18n/fr.js'),
  de: () => import('./i18n/de.js'),
  ja: () => import('./i18n/ja.js'),
  ar: () => import('./i18n/ar.js'),
};

/** Languages Perch has its own strings for. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en', ...Object.keys(LOADERS)];

const loading = new Map<string, Promise<void>>();

/** Whether `msg()` can answer in `lang` now: English, a loaded language, or one Perch has no strings for (English is used). */
export function languageReady(lang: string | undefined): boolean {
  const base = baseLanguage(lang);
  return catalogues[base] !== undefined || LOADERS[base] === undefined;
}

/**
 * Load the strings for `lang`. Resolves when `msg()` can answer in it; a language that
 * cannot be loaded resolves too (English is used), after a console warning.
 */
export function loadLanguage(lang: string | undefined): Promise<void> {
  const base = baseLanguage(lang);
  const load = LOADERS[base];
  if (catalogues[base] !== undefined || load === undefined) return Promise.resolve();
  let pending = loading.get(base);
  if (pending === undefined) {
    pending = load().then(
      (m) => void (catalogues[base] = m.default),
      (error: unknown) => {
        console.warn(`[perch] could not load the "${base}" strings; using English`, error);
        catalogues[base] = {};
      },
    );
    loading.set(base, pending);
  }
  return pending;
}

/** The base language of a BCP 47 tag, lower-cased (`pt-BR` → `pt`). */
export function baseLanguage(lang: string | undefined): string {
  return (lang ?? '').toLowerCase().split('-')[0] ?? '';
}

/**
 * The string `key` in `lang` (falling back to English until `loadLanguage(lang)` has
 * resolved), with `{name}`-style placeholders filled from `vars`.
 */
export function msg(key: MessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  const template = catalogues[baseLanguage(lang)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Text direction for a language. */
export function directionOf(lang: string | undefined): 'rtl' | 'ltr' {
  return ['ar', 'he', 'fa', 'ur'].includes(baseLanguage(lang)) ? 'rtl' : 'ltr';
}
