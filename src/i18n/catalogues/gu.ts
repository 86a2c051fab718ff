/** The buttons' strings in Gujarati (X's buttons speak it; the other widgets show English). */
import type { PartialCatalogue } from '../catalogue-types.js';

const strings: PartialCatalogue = {
  button: {
    post: 'પોસ્ટ',
    follow: 'અનુસરો',
    followName: '@{name} ને અનુસરો',
    mention: '@{name} ને પોસ્ટ કરો',
    hashtag: '#{tag} પોસ્ટ કરો',
    opensPopup: '{label} (X નવી વિંડોમાં ખોલે છે)',
    invalid: 'આ X બટન યોગ્ય રીતે સેટ કરેલું નથી.',
  },
};

export default strings;
