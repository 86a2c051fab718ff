/** The buttons' strings in Irish (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'Postáil',
    follow: 'Lean',
    followName: 'Lean @{name}',
    mention: 'Postáil chuig @{name}',
    hashtag: 'Postáil #{tag}',
    opensPopup: '{label} (osclaíonn sé X i bhfuinneog nua)',
    invalid: 'Níl an cnaipe X seo socraithe i gceart.',
  },
};

export default strings;
