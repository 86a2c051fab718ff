/** Registers `<perch-tweet>`. Importing `./tweet.component.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchTweet } from './tweet.component.js';

defineElement('perch-tweet', PerchTweet);

export { PerchTweet };
