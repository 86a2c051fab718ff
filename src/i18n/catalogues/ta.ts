/** The buttons' strings in Tamil (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'இடுகை',
    follow: 'பின்தொடர்',
    followName: '@{name} ஐப் பின்தொடர்',
    mention: '@{name} க்கு இடுகையிடு',
    hashtag: '#{tag} இடுகையிடு',
    opensPopup: '{label} (X ஐப் புதிய சாளரத்தில் திறக்கும்)',
    invalid: 'இந்த X பொத்தான் சரியாக அமைக்கப்படவில்லை.',
  },
};

export default strings;
