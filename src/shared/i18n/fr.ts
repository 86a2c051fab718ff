/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: 'En réponse à',
  reply: 'Répondre',
  follow: 'Suivre',
  copyLink: 'Copier le lien',
  copied: 'Copié !',
  copyFailed: 'Copie impossible',
  readReplies: 'Lire {n} réponses',
  readReply: 'Lire {n} réponse',
  readMore: 'Lire la suite sur X',
  adsInfo: 'X pour les sites web : informations sur les publicités et confidentialité',
  like: 'J’aime',
  viewOnX: 'Voir sur X',
  edited: 'Modifié',
  playVideo: 'Lire la vidéo',
  loadFailed: 'Ce post n’a pas pu être chargé.',
  deleted: 'Ce post a été supprimé par son auteur.',
  'not-found': 'Ce post n’est pas disponible.',
};

export default strings;
