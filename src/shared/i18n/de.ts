/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
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
};

export default strings;
