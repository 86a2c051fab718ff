/** Registers `<perch-video>`. Importing `./video.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchVideo } from './video.component.js';

defineElement('perch-video', PerchVideo);

export { PerchVideo };
export { PerchVideoStateEvent, type PerchVideoState } from './video-events.js';
