/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: 'ردًا على',
  reply: 'رد',
  repost: 'إعادة نشر',
  like: 'إعجاب',
  viewOnX: 'عرض على X',
  loadFailed: 'تعذر تحميل هذا المنشور.',
  'not-found': 'هذا المنشور غير متاح.',
};

export default strings;
