/** The buttons' strings in Croatian (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Objavi',
    follow: 'Prati',
    followName: 'Prati @{name}',
    mention: 'Objavi za @{name}',
    hashtag: 'Objavi #{tag}',
    opensPopup: '{label} (otvara X u novom prozoru)',
    invalid: 'Ovaj gumb za X nije ispravno postavljen.',
  },
};

export default strings;
