/** The buttons' strings in Serbian (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Објави',
    follow: 'Прати',
    followName: 'Прати @{name}',
    mention: 'Објави за @{name}',
    hashtag: 'Објави #{tag}',
    opensPopup: '{label} (отвара X у новом прозору)',
    invalid: 'Ово X дугме није исправно подешено.',
  },
};

export default strings;
