/** Registers `<perch-tweet>`. Importing `./tweet.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchTweet } from './tweet.component.js';
import { enableVideoPlayer } from '../post/video-player.js';

defineElement('perch-tweet', PerchTweet);
enableVideoPlayer(() => import('../video/video.js'));

export { PerchTweet };
