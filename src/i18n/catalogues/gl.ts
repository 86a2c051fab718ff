/** The buttons' strings in Galician (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Publicar',
    follow: 'Seguir',
    followName: 'Seguir a @{name}',
    mention: 'Publicar para @{name}',
    hashtag: 'Publicar #{tag}',
    opensPopup: '{label} (abre X nunha xanela nova)',
    invalid: 'Este botón de X non está ben configurado.',
  },
};

export default strings;
