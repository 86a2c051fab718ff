/**
 * The languages Perch speaks and how a requested language tag finds one, as X's widgets
 * do: X's own codes (`zh-cn`, `zh-tw`, `msa`, `no`, `fil`) and BCP 47 tags both work,
 * regional variants fall back to their language (`pt-BR` → `pt`, `zh-Hant` → `zh-tw`).
 * No Lit and no DOM here, so the server and static rendering can use it too.
 */

/** Languages with strings for every widget, by X's `data-lang` code. */
export const LANGUAGES = [
  'en', 'ar', 'bn', 'cs', 'da', 'de', 'el', 'es', 'fa', 'fi', 'fil', 'fr', 'he', 'hi', 'hu', 'id', 'it',
  'ja', 'ko', 'msa', 'nl', 'no', 'pl', 'pt', 'ro', 'ru', 'sv', 'th', 'tr', 'uk', 'ur', 'vi', 'zh-cn', 'zh-tw',
] as const;

/** Languages X's buttons speak beyond `LANGUAGES`: their catalogues hold the buttons' strings only. */
export const BUTTON_ONLY_LANGUAGES = ['ca', 'eu', 'ga', 'gl', 'gu', 'hr', 'kn', 'mr', 'sk', 'sr', 'ta'] as const;

/** A catalogue's code: one of `LANGUAGES` or `BUTTON_ONLY_LANGUAGES`. */
export type LanguageCode = (typeof LANGUAGES)[number] | (typeof BUTTON_ONLY_LANGUAGES)[number];

const ALL: ReadonlySet<string> = new Set<string>([...LANGUAGES, ...BUTTON_ONLY_LANGUAGES]);

/** Other spellings of a catalogue's language. */
const ALIASES: Record<string, LanguageCode> = {
  zh: 'zh-cn', 'zh-hans': 'zh-cn', 'zh-sg': 'zh-cn', 'zh-my': 'zh-cn',
  'zh-hant': 'zh-tw', 'zh-hk': 'zh-tw', 'zh-mo': 'zh-tw',
  ms: 'msa', nb: 'no', nn: 'no', tl: 'fil', iw: 'he', in: 'id',
};

/** The BCP 47 tag for a catalogue's `lang` attribute and for `Intl`. */
const BCP47: Partial<Record<LanguageCode, string>> = { msa: 'ms', no: 'nb', 'zh-cn': 'zh-CN', 'zh-tw': 'zh-TW' };

/** Right-to-left languages. */
const RTL: ReadonlySet<string> = new Set(['ar', 'fa', 'he', 'ur']);

const resolved = new Map<string, LanguageCode | undefined>();

/**
 * The catalogue for a requested language tag, or `undefined` when Perch has none:
 * `pt-BR` → `pt`, `zh-Hant-TW` → `zh-tw`, `zh` → `zh-cn`, `nb` → `no`, `ms` → `msa`, `tl` → `fil`.
 */
export function resolveLanguage(tag: string | null | undefined): LanguageCode | undefined {
  const clean = (tag ?? '').trim().toLowerCase().replace(/_/g, '-');
  if (clean === '') return undefined;
  let found = resolved.get(clean);
  if (found === undefined && !resolved.has(clean)) {
    const parts = clean.split('-');
    const candidates = [clean, `${parts[0]}-${parts[1]}`, `${parts[0]}-${parts.at(-1)}`, parts[0] ?? ''];
    for (const c of candidates) {
      const code = ALIASES[c] ?? c;
      if (ALL.has(code)) {
        found = code as LanguageCode;
        break;
      }
    }
    resolved.set(clean, found);
  }
  return found;
}

/** Whether a catalogue holds every widget's strings (not only the buttons'). */
export function isFullLanguage(code: LanguageCode): boolean {
  return (LANGUAGES as readonly string[]).includes(code);
}

/** The BCP 47 tag of a catalogue (`msa` → `ms`, `zh-cn` → `zh-CN`). */
export function bcp47(code: LanguageCode): string {
  return BCP47[code] ?? code;
}

/** The writing direction of a catalogue's language. */
export function directionOf(code: LanguageCode | string | undefined): 'rtl' | 'ltr' {
  return RTL.has(resolveLanguage(code) ?? '') ? 'rtl' : 'ltr';
}
