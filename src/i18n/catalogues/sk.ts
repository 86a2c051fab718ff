/** The buttons' strings in Slovak (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Uverejniť',
    follow: 'Sledovať',
    followName: 'Sledovať @{name}',
    mention: 'Uverejniť pre @{name}',
    hashtag: 'Uverejniť #{tag}',
    opensPopup: '{label} (otvorí X v novom okne)',
    invalid: 'Toto tlačidlo X nie je správne nastavené.',
  },
};

export default strings;
