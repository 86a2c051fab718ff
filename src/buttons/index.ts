/** The X buttons, classes only (registers nothing): import `./buttons.js` to register the tags. */
export { PerchShareButton } from './share-button.component.js';
export { PerchFollowButton } from './follow-button.component.js';
export { PerchMentionButton } from './mention-button.component.js';
export { PerchHashtagButton } from './hashtag-button.component.js';
export { PerchButtonBase } from './button-base.js';
export { PerchIntentEvent, type ButtonKind, type PerchButtonEventMap } from './button-events.js';
export { IntentInputError, type Intent, type IntentKind } from './intent-url.js';
export { isValidPost, MAX_WEIGHTED_LENGTH, URL_WEIGHT, weightedLength } from './text-count.js';
export { BUTTON_LANGUAGES } from './buttons-i18n.js';
