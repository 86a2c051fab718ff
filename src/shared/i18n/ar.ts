/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: 'ردًا على',
  reply: 'رد',
  follow: 'متابعة',
  copyLink: 'نسخ الرابط',
  copied: 'تم النسخ',
  copyFailed: 'تعذر النسخ',
  readReplies: 'قراءة {n} من الردود',
  readReply: 'قراءة رد واحد',
  readMore: 'اقرأ المزيد على X',
  adsInfo: 'X لمواقع الويب: معلومات الإعلانات والخصوصية',
  like: 'إعجاب',
  viewOnX: 'عرض على X',
  loadFailed: 'تعذر تحميل هذا المنشور.',
  'not-found': 'هذا المنشور غير متاح.',
};

export default strings;
