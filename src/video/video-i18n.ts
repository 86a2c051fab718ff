/** The video player's strings: `videoMsg('pause', lang)` is `t('video.pause', lang)` (every widget's strings live in `src/i18n/`). */
import type { TextKey } from '../i18n/catalogue-types.js';
import { t, useEnglish } from '../i18n/translate.js';
import englishPost from '../i18n/english/post.js';
import englishVideo from '../i18n/english/video.js';

useEnglish('video', englishVideo);
useEnglish('post', englishPost); // the big play button's label

type OwnKey = Extract<TextKey, `video.${string}`> extends `video.${infer K}` ? K : never;
/** The keys of the player's strings (its big play button shares the post's label). */
export type VideoMessageKey = OwnKey | 'playVideo' | 'playGif';

/** The player string `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function videoMsg(key: VideoMessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  return t(key === 'playVideo' || key === 'playGif' ? `post.${key}` : `video.${key}`, lang, vars);
}

/** `m:ss` (or `h:mm:ss`) for a number of seconds. */
export function formatTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
