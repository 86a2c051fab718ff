/** The buttons' strings in Marathi (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'पोस्ट करा',
    follow: 'फॉलो करा',
    followName: '@{name} ना फॉलो करा',
    mention: '@{name} ला पोस्ट करा',
    hashtag: '#{tag} पोस्ट करा',
    opensPopup: '{label} (X नवीन विंडोमध्ये उघडते)',
    invalid: 'हे X बटण योग्यरित्या सेट केलेले नाही.',
  },
};

export default strings;
