/** `<perch-timeline>`'s strings: `timelineMsg('retry', lang)` is `t('timeline.retry', lang)` (every widget's strings live in `src/i18n/`). */
import type { TextKey } from '../i18n/catalogue-types.js';
import { t, useEnglish } from '../i18n/translate.js';
import englishTimeline from '../i18n/english/timeline.js';

useEnglish('timeline', englishTimeline);

/** The keys of the timeline's strings. */
export type TimelineMessageKey = Extract<TextKey, `timeline.${string}`> extends `timeline.${infer K}` ? K : never;

/** The timeline string `key` in `lang`, placeholders filled from `vars`. */
export function timelineMsg(key: TimelineMessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  return t(`timeline.${key}`, lang, vars);
}
