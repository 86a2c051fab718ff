/**
 * The buttons' strings: `buttonMsg('follow', lang)` is `t('button.follow', lang)` (every
 * widget's strings live in `src/i18n/`). X's language codes are accepted as well as BCP 47.
 */
import type { TextKey } from '../i18n/catalogue-types.js';
import { BUTTON_ONLY_LANGUAGES, LANGUAGES, resolveLanguage } from '../i18n/languages.js';
import { t, useEnglish } from '../i18n/translate.js';
import englishButton from '../i18n/english/button.js';

useEnglish('button', englishButton);

/** The keys of the buttons' strings. */
export type ButtonMessageKey = Extract<TextKey, `button.${string}`> extends `button.${infer K}` ? K : never;

/** The catalogue code for a language tag (`pt-BR` → `pt`, `zh-Hant-TW` → `zh-tw`, `ms` → `msa`), or `en`. */
export function buttonLanguage(lang: string | undefined): string {
  return resolveLanguage(lang) ?? 'en';
}

/** Languages the buttons have labels for (X's codes). */
export const BUTTON_LANGUAGES: readonly string[] = [...LANGUAGES, ...BUTTON_ONLY_LANGUAGES];

/** The button string `key` in `lang` (English until that language has loaded), placeholders filled from `vars`. */
export function buttonMsg(key: ButtonMessageKey, lang: string | undefined, vars: Record<string, string> = {}): string {
  return t(`button.${key}`, lang, vars);
}
