/**
 * Perch's own interface strings (never post content) in a few languages; English is
 * the fallback. Publishers can replace any string through slots.
 */

const en = {
  postBy: 'Post by {name}',
  replyingTo: 'Replying to',
  reply: 'Reply',
  repost: 'Repost',
  like: 'Like',
  replies: '{n} replies',
  likes: '{n} likes',
  readReplies: 'Read {n} replies',
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
type Catalogue = Partial<Record<MessageKey, string>>;

const catalogues: Record<string, Catalogue> = {
  en,
  es: {
    replyingTo: 'En respuesta a',
    reply: 'Responder',
    repost: 'Repostear',
    like: 'Me gusta',
    viewOnX: 'Ver en X',
    edited: 'Editado',
    playVideo: 'Reproducir vídeo',
    loadFailed: 'No se pudo cargar este post.',
    deleted: 'Su autor eliminó este post.',
    'not-found': 'Este post no está disponible.',
  },
  fr: {
    replyingTo: 'En réponse à',
    reply: 'Répondre',
    repost: 'Republier',
    like: 'J’aime',
    viewOnX: 'Voir sur X',
    edited: 'Modifié',
    playVideo: 'Lire la vidéo',
    loadFailed: 'Ce post n’a pas pu être chargé.',
    deleted: 'Ce post a été supprimé par son auteur.',
    'not-found': 'Ce post n’est pas disponible.',
  },
  de: {
    replyingTo: 'Antwort an',
    reply: 'Antworten',
    repost: 'Reposten',
    like: 'Gefällt mir',
    viewOnX: 'Auf X ansehen',
    edited: 'Bearbeitet',
    playVideo: 'Video abspielen',
    loadFailed: 'Dieser Post konnte nicht geladen werden.',
    deleted: 'Dieser Post wurde von seinem Autor gelöscht.',
    'not-found': 'Dieser Post ist nicht verfügbar.',
  },
  ja: {
    replyingTo: '返信先',
    reply: '返信',
    repost: 'リポスト',
    like: 'いいね',
    viewOnX: 'Xで見る',
    edited: '編集済み',
    loadFailed: 'このポストを読み込めませんでした。',
    'not-found': 'このポストは表示できません。',
  },
  ar: {
    replyingTo: 'ردًا على',
    reply: 'رد',
    repost: 'إعادة نشر',
    like: 'إعجاب',
    viewOnX: 'عرض على X',
    loadFailed: 'تعذر تحميل هذا المنشور.',
    'not-found': 'هذا المنشور غير متاح.',
  },
};

/** The base language of a BCP 47 tag, lower-cased (`pt-BR` → `pt`). */
export function baseLanguage(lang: string | undefined): string {
  return (lang ?? '').toLowerCase().split('-')[0] ?? '';
}

/**
 * The string `key` in `lang` (falling back to English), with `{name}`-style
 * placeholders filled from `vars`.
 */
export function msg(key: MessageKey, lang: string | undefined, vars: Record<string, string | number> = {}): string {
  const template = catalogues[baseLanguage(lang)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Languages Perch has its own strings for. */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.keys(catalogues);

/** Text direction for a language. */
export function directionOf(lang: string | undefined): 'rtl' | 'ltr' {
  return ['ar', 'he', 'fa', 'ur'].includes(baseLanguage(lang)) ? 'rtl' : 'ltr';
}
