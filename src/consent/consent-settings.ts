/** Registers `<perch-consent-settings>`. Importing `./consent-settings.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchConsentSettings } from './consent-settings.component.js';

defineElement('perch-consent-settings', PerchConsentSettings);

export { PerchConsentSettings };
