/** Registers every Perch element. */
import './tweet/tweet.js';
import './timeline/timeline.js';
import './video/video.js';
import './consent/consent-settings.js';
import './consent/disclosure.js';
import './buttons/buttons.js';

export * from './index.js';
