/** Registers `<perch-disclosure>`. Importing `./disclosure.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchDisclosure } from './disclosure.component.js';

defineElement('perch-disclosure', PerchDisclosure);

export { PerchDisclosure };
