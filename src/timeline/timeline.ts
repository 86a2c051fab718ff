/** Registers `<perch-timeline>`. Importing `./timeline.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchTimeline } from './timeline.component.js';

defineElement('perch-timeline', PerchTimeline);

export { PerchTimeline };
