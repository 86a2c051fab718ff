/** Registers every Perch element. */
import './tweet/tweet.js';
import './timeline/timeline.js';
import './consent/consent-settings.js';
import './consent/disclosure.js';

export * from './index.js';
