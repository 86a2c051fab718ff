/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: '返信先',
  reply: '返信',
  follow: 'フォロー',
  copyLink: 'リンクをコピー',
  copied: 'コピーしました',
  copyFailed: 'コピーできませんでした',
  readReplies: '{n}件の返信を読む',
  readReply: '{n}件の返信を読む',
  readMore: 'Xでさらに読む',
  adsInfo: 'ウェブサイト向けX: 広告情報とプライバシー',
  like: 'いいね',
  viewOnX: 'Xで見る',
  edited: '編集済み',
  loadFailed: 'このポストを読み込めませんでした。',
  'not-found': 'このポストは表示できません。',
};

export default strings;
