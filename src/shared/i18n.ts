/**
 * The post's strings, for the post renderer's parts: `msg('reply', lang)` is
 * `t('post.reply', lang)` (see `src/i18n/`, where every widget's strings live).
 */
import type { Catalogue, TextKey } from '../i18n/catalogue-types.js';
import { t, useEnglish } from '../i18n/translate.js';
import englishPost from '../i18n/english/post.js';

useEnglish('post', englishPost);

export { loadLanguage, languageReady } from '../i18n/translate.js';
export { directionOf } from '../i18n/languages.js';

type PostTextKey = Extract<TextKey, `post.${string}`> extends `post.${infer K}` ? K : never;
/** A post string's key; a tombstone's reason (`age-restricted`, `not-found`) names its notice. */
export type MessageKey = PostTextKey | 'age-restricted' | 'not-found';

const camel = (key: string): string => key.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The post string `key` in `lang`, `{name}`s filled from `vars`. */
export function msg(key: MessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  return t(`post.${camel(key)}` as `post.${PostTextKey & keyof Catalogue['post']}`, lang, vars);
}
