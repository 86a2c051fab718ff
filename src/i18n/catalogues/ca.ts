/** The buttons' strings in Catalan (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Publica',
    follow: 'Segueix',
    followName: 'Segueix @{name}',
    mention: 'Publica a @{name}',
    hashtag: 'Publica #{tag}',
    opensPopup: '{label} (obre X en una finestra nova)',
    invalid: 'Aquest botó d’X no està ben configurat.',
  },
};

export default strings;
