/**
 * Registers `<perch-tweet>` alone, for an app that shows a post or two and is bundled into one
 * file without code splitting (esbuild's or Rollup's default). `perch-widgets/tweet/define` also
 * lets posts load the video player when one first shows a video; a one-file bundle cannot load
 * it later, so it would always carry it. Here posts with a video or GIF show the poster and a
 * link to play it on X, unless the app registers the player itself (`perch-widgets/video/define`).
 */
import { defineElement } from '../shared/define.js';
import { PerchTweet } from './tweet.component.js';

defineElement('perch-tweet', PerchTweet);

export { PerchTweet };
