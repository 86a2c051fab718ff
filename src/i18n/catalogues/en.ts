/**
 * Perch's own interface strings in English, the source language: every widget's labels,
 * notices, announcements and accessible names (never post content). Every other language
 * has a module beside this one with the same keys and the same `{placeholders}`; a count
 * message has one form per plural category of its language (`Intl.PluralRules`).
 */
import post from '../english/post.js';
import timeline from '../english/timeline.js';
import video from '../english/video.js';
import consent from '../english/consent.js';
import disclosure from '../english/disclosure.js';
import button from '../english/button.js';

/** Every widget's English strings; at run time each widget brings its own section (see `english/`). */
const en = { post, timeline, video, consent, disclosure, button } as const;

export default en;
