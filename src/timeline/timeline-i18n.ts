/** `<perch-timeline>`'s own interface strings (never post content); English is the fallback. */
import { baseLanguage } from '../shared/i18n.js';

const en = {
  postsBy: 'Posts by {name}',
  listBy: 'A list by @{handle}',
  feedLabel: 'Timeline: {title}',
  newPosts: '{n} new posts',
  newPost: '1 new post',
  loadingMore: 'Loading more posts…',
  end: 'You have reached the end of this timeline.',
  viewMore: 'View more on X',
  loadFailed: 'This timeline could not be loaded.',
  retry: 'Try again',
  empty: 'Nothing to see here yet.',
  consentWhat: 'A timeline from X',
} as const;

/** The keys of the timeline's strings. */
export type TimelineMessageKey = keyof typeof en;

const catalogues: Record<string, Partial<Record<TimelineMessageKey, string>>> = {
  en,
  es: { postsBy: 'Posts de {name}', newPosts: '{n} posts nuevos', newPost: '1 post nuevo', viewMore: 'Ver más en X', loadFailed: 'No se pudo cargar esta cronología.' },
  fr: { postsBy: 'Posts de {name}', newPosts: '{n} nouveaux posts', newPost: '1 nouveau post', viewMore: 'Voir plus sur X', loadFailed: 'Ce fil n’a pas pu être chargé.' },
  de: { postsBy: 'Posts von {name}', newPosts: '{n} neue Posts', newPost: '1 neuer Post', viewMore: 'Mehr auf X ansehen', loadFailed: 'Diese Timeline konnte nicht geladen werden.' },
  ja: { postsBy: '{name}さんのポスト', newPosts: '{n}件の新しいポスト', newPost: '1件の新しいポスト', viewMore: 'Xでもっと見る' },
  ar: { postsBy: 'منشورات {name}', newPosts: '{n} منشورات جديدة', viewMore: 'عرض المزيد على X' },
};

/** The timeline string `key` in `lang`, placeholders filled from `vars`. */
export function timelineMsg(key: TimelineMessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  const template = catalogues[baseLanguage(lang)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
