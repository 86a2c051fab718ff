/** The buttons' strings in Basque (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Argitaratu',
    follow: 'Jarraitu',
    followName: 'Jarraitu @{name}',
    mention: 'Argitaratu @{name} erabiltzaileari',
    hashtag: 'Argitaratu #{tag}',
    opensPopup: '{label} (X leiho berri batean irekitzen du)',
    invalid: 'X botoi hau ez dago ondo konfiguratuta.',
  },
};

export default strings;
