/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: 'Antwort an',
  reply: 'Antworten',
  follow: 'Folgen',
  copyLink: 'Link kopieren',
  copied: 'Kopiert!',
  copyFailed: 'Kopieren fehlgeschlagen',
  readReplies: '{n} Antworten lesen',
  readReply: '{n} Antwort lesen',
  readMore: 'Mehr auf X lesen',
  adsInfo: 'X für Websites: Informationen zu Werbung und Datenschutz',
  like: 'Gefällt mir',
  viewOnX: 'Auf X ansehen',
  edited: 'Bearbeitet',
  playVideo: 'Video abspielen',
  loadFailed: 'Dieser Post konnte nicht geladen werden.',
  deleted: 'Dieser Post wurde von seinem Autor gelöscht.',
  'not-found': 'Dieser Post ist nicht verfügbar.',
};

export default strings;
