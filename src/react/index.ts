/**
 * `perch-widgets/react`: React components for every Perch element, built with
 * `@lit/react`. Importing this module registers the elements it wraps; import a single
 * wrapper (`perch-widgets/react/tweet`, …) to register only that one.
 */
export { PerchTweet, type PerchTweetProps } from './tweet.js';
export { PerchTimeline, type PerchTimelineProps } from './timeline.js';
export { PerchConsentSettings, type PerchConsentSettingsProps } from './consent-settings.js';
export { PerchDisclosure, type PerchDisclosureProps } from './disclosure.js';
export type { PerchErrorEvent, PerchLoadEvent, PerchRenderEvent, PerchErrorReason } from '../shared/events.js';
export type { PerchNewPostsEvent, PerchTimelineLoadEvent, PerchTimelineRenderEvent } from '../timeline/timeline-events.js';
export { PerchVideo, type PerchVideoProps } from './video.js';
export {
  PerchShareButton,
  PerchFollowButton,
  PerchMentionButton,
  PerchHashtagButton,
  type PerchShareButtonProps,
  type PerchFollowButtonProps,
  type PerchMentionButtonProps,
  type PerchHashtagButtonProps,
} from './buttons.js';
export type { PerchVideoStateEvent } from '../video/video-events.js';
export type { PerchIntentEvent } from '../buttons/button-events.js';
