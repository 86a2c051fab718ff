/** Perch's interface strings in this language (loaded only when a widget needs them). */
import type { Catalogue } from '../i18n.js';

const strings: Catalogue = {
  replyingTo: 'En respuesta a',
  reply: 'Responder',
  follow: 'Seguir',
  copyLink: 'Copiar enlace',
  copied: '¡Copiado!',
  copyFailed: 'No se pudo copiar',
  readReplies: 'Leer {n} respuestas',
  readReply: 'Leer {n} respuesta',
  readMore: 'Leer más en X',
  adsInfo: 'Información sobre anuncios y privacidad de X para sitios web',
  like: 'Me gusta',
  viewOnX: 'Ver en X',
  edited: 'Editado',
  playVideo: 'Reproducir vídeo',
  loadFailed: 'No se pudo cargar este post.',
  deleted: 'Su autor eliminó este post.',
  'not-found': 'Este post no está disponible.',
};

export default strings;
