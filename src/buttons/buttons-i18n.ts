/**
 * The buttons' labels in the languages X's buttons support (English is the fallback).
 * X's language codes are accepted as well as BCP 47 (`zh-cn`, `zh-tw`, `msa`, `fil`, `no`).
 */

const en = {
  post: 'Post',
  follow: 'Follow',
  followName: 'Follow @{name}',
  mention: 'Post to @{name}',
  hashtag: 'Post #{tag}',
  opensPopup: '{label} (opens X in a new window)',
  invalid: 'This X button is not set up correctly.',
} as const;

/** The keys of the buttons' strings. */
export type ButtonMessageKey = keyof typeof en;
type Catalogue = Partial<Record<ButtonMessageKey, string>>;

const catalogues: Record<string, Catalogue> = {
  en,
  ar: { post: 'نشر', follow: 'متابعة', followName: 'متابعة @{name}', mention: 'انشر إلى @{name}', hashtag: 'انشر #{tag}', opensPopup: '{label} (يفتح X في نافذة جديدة)', invalid: 'لم يتم إعداد زر X هذا بشكل صحيح.' },
  bn: { post: 'পোস্ট', follow: 'অনুসরণ করুন', followName: '@{name} কে অনুসরণ করুন' },
  ca: { post: 'Publica', follow: 'Segueix', followName: 'Segueix @{name}', mention: 'Publica a @{name}', hashtag: 'Publica #{tag}' },
  cs: { post: 'Postovat', follow: 'Sledovat', followName: 'Sledovat @{name}', mention: 'Postovat @{name}', hashtag: 'Postovat #{tag}' },
  da: { post: 'Post', follow: 'Følg', followName: 'Følg @{name}', mention: 'Post til @{name}', hashtag: 'Post #{tag}' },
  de: { post: 'Posten', follow: 'Folgen', followName: '@{name} folgen', mention: 'Post an @{name}', hashtag: '#{tag} posten', opensPopup: '{label} (öffnet X in einem neuen Fenster)', invalid: 'Dieser X-Button ist nicht richtig eingerichtet.' },
  el: { post: 'Ανάρτηση', follow: 'Ακολουθήστε', followName: 'Ακολουθήστε @{name}' },
  es: { post: 'Postear', follow: 'Seguir', followName: 'Seguir a @{name}', mention: 'Postear a @{name}', hashtag: 'Postear #{tag}', opensPopup: '{label} (abre X en una ventana nueva)', invalid: 'Este botón de X no está bien configurado.' },
  eu: { post: 'Argitaratu', follow: 'Jarraitu', followName: 'Jarraitu @{name}' },
  fa: { post: 'پست', follow: 'دنبال کردن', followName: 'دنبال کردن @{name}' },
  fi: { post: 'Julkaise', follow: 'Seuraa', followName: 'Seuraa käyttäjää @{name}', mention: 'Julkaise käyttäjälle @{name}', hashtag: 'Julkaise #{tag}' },
  fil: { post: 'I-post', follow: 'Sundan', followName: 'Sundan si @{name}' },
  fr: { post: 'Poster', follow: 'Suivre', followName: 'Suivre @{name}', mention: 'Poster à @{name}', hashtag: 'Poster #{tag}', opensPopup: '{label} (ouvre X dans une nouvelle fenêtre)', invalid: 'Ce bouton X n’est pas configuré correctement.' },
  ga: { post: 'Postáil', follow: 'Lean', followName: 'Lean @{name}' },
  gl: { post: 'Publicar', follow: 'Seguir', followName: 'Seguir a @{name}' },
  gu: { post: 'પોસ્ટ', follow: 'અનુસરો', followName: '@{name} ને અનુસરો' },
  he: { post: 'פרסום', follow: 'מעקב', followName: 'מעקב אחרי @{name}' },
  hi: { post: 'पोस्ट करें', follow: 'फ़ॉलो करें', followName: '@{name} को फ़ॉलो करें' },
  hr: { post: 'Objavi', follow: 'Prati', followName: 'Prati @{name}' },
  hu: { post: 'Posztolás', follow: 'Követés', followName: '@{name} követése' },
  id: { post: 'Posting', follow: 'Ikuti', followName: 'Ikuti @{name}', mention: 'Posting ke @{name}', hashtag: 'Posting #{tag}' },
  it: { post: 'Posta', follow: 'Segui', followName: 'Segui @{name}', mention: 'Posta a @{name}', hashtag: 'Posta #{tag}' },
  ja: { post: 'ポスト', follow: 'フォローする', followName: '@{name}さんをフォロー', mention: '@{name}さんへポスト', hashtag: '#{tag} をポスト', opensPopup: '{label}（新しいウィンドウでXを開きます）', invalid: 'このXボタンは正しく設定されていません。' },
  kn: { post: 'ಪೋಸ್ಟ್', follow: 'ಅನುಸರಿಸಿ', followName: '@{name} ಅನುಸರಿಸಿ' },
  ko: { post: '게시하기', follow: '팔로우', followName: '@{name} 팔로우하기', mention: '@{name}에게 게시하기', hashtag: '#{tag} 게시하기' },
  mr: { post: 'पोस्ट करा', follow: 'फॉलो करा', followName: '@{name} ना फॉलो करा' },
  ms: { post: 'Siar', follow: 'Ikut', followName: 'Ikut @{name}' },
  nl: { post: 'Posten', follow: 'Volgen', followName: '@{name} volgen', mention: 'Post naar @{name}', hashtag: '#{tag} posten' },
  no: { post: 'Post', follow: 'Følg', followName: 'Følg @{name}', mention: 'Post til @{name}', hashtag: 'Post #{tag}' },
  pl: { post: 'Opublikuj', follow: 'Obserwuj', followName: 'Obserwuj @{name}', mention: 'Opublikuj do @{name}', hashtag: 'Opublikuj #{tag}' },
  pt: { post: 'Postar', follow: 'Seguir', followName: 'Seguir @{name}', mention: 'Postar para @{name}', hashtag: 'Postar #{tag}', opensPopup: '{label} (abre o X em uma nova janela)' },
  ro: { post: 'Postează', follow: 'Urmărește', followName: 'Urmărește-l pe @{name}' },
  ru: { post: 'Опубликовать', follow: 'Читать', followName: 'Читать @{name}', mention: 'Опубликовать для @{name}', hashtag: 'Опубликовать #{tag}' },
  sk: { post: 'Uverejniť', follow: 'Sledovať', followName: 'Sledovať @{name}' },
  sr: { post: 'Објави', follow: 'Прати', followName: 'Прати @{name}' },
  sv: { post: 'Posta', follow: 'Följ', followName: 'Följ @{name}', mention: 'Posta till @{name}', hashtag: 'Posta #{tag}' },
  ta: { post: 'இடுகை', follow: 'பின்தொடர்', followName: '@{name} ஐப் பின்தொடர்' },
  th: { post: 'โพสต์', follow: 'ติดตาม', followName: 'ติดตาม @{name}' },
  tr: { post: 'Gönder', follow: 'Takip et', followName: '@{name} takip et', mention: '@{name} için gönder', hashtag: '#{tag} gönder' },
  uk: { post: 'Опублікувати', follow: 'Читати', followName: 'Читати @{name}' },
  ur: { post: 'پوسٹ', follow: 'فالو کریں', followName: '@{name} کو فالو کریں' },
  vi: { post: 'Đăng', follow: 'Theo dõi', followName: 'Theo dõi @{name}', mention: 'Đăng cho @{name}', hashtag: 'Đăng #{tag}' },
  'zh-cn': { post: '发帖', follow: '关注', followName: '关注 @{name}', mention: '发帖给 @{name}', hashtag: '发帖 #{tag}' },
  'zh-tw': { post: '發佈', follow: '跟隨', followName: '跟隨 @{name}', mention: '發佈給 @{name}', hashtag: '發佈 #{tag}' },
};

/** X's language codes and close relatives → a catalogue. */
const ALIASES: Record<string, string> = {
  zh: 'zh-cn', 'zh-hans': 'zh-cn', 'zh-sg': 'zh-cn', 'zh-hant': 'zh-tw', 'zh-hk': 'zh-tw', 'zh-mo': 'zh-tw',
  msa: 'ms', nb: 'no', nn: 'no', tl: 'fil', iw: 'he', in: 'id', 'en-gb': 'en',
};

/** The catalogue key for a language tag (`pt-BR` → `pt`, `zh-Hant-TW` → `zh-tw`), or `en`. */
export function buttonLanguage(lang: string | undefined): string {
  const tag = (lang ?? '').trim().toLowerCase().replace(/_/g, '-');
  const parts = tag.split('-');
  const candidates = [tag, `${parts[0]}-${parts[1]}`, `${parts[0]}-${parts.at(-1)}`, parts[0] ?? ''];
  for (const c of candidates) {
    const key = ALIASES[c] ?? c;
    if (key in catalogues) return key;
  }
  return 'en';
}

/** Languages the buttons have labels for. */
export const BUTTON_LANGUAGES: readonly string[] = Object.keys(catalogues);

/** The button string `key` in `lang` (English when missing), placeholders filled from `vars`. */
export function buttonMsg(key: ButtonMessageKey, lang: string | undefined, vars: Record<string, string> = {}): string {
  const catalogue = catalogues[buttonLanguage(lang)] ?? en;
  // A language without its own mention/hashtag phrase still gets its own word for "Post".
  const composed = key === 'mention' ? `${catalogue.post ?? en.post} @{name}` : key === 'hashtag' ? `${catalogue.post ?? en.post} #{tag}` : undefined;
  const template = catalogue[key] ?? composed ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
