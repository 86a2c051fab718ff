/** Registers `<perch-timeline>`. Importing `./timeline.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchTimeline } from './timeline.component.js';
import { enableVideoPlayer } from '../post/video-player.js';

defineElement('perch-timeline', PerchTimeline);
enableVideoPlayer(() => import('../video/video.js'));

export { PerchTimeline };
