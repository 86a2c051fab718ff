/** The buttons' strings in Kannada (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'ಪೋಸ್ಟ್',
    follow: 'ಅನುಸರಿಸಿ',
    followName: '@{name} ಅನುಸರಿಸಿ',
    mention: '@{name} ಗೆ ಪೋಸ್ಟ್ ಮಾಡಿ',
    hashtag: '#{tag} ಪೋಸ್ಟ್ ಮಾಡಿ',
    opensPopup: '{label} (X ಅನ್ನು ಹೊಸ ವಿಂಡೋದಲ್ಲಿ ತೆರೆಯುತ್ತದೆ)',
    invalid: 'ಈ X ಬಟನ್ ಸರಿಯಾಗಿ ಹೊಂದಿಸಲಾಗಿಲ್ಲ.',
  },
};

export default strings;
