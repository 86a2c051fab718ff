/**
 * Perch widgets: classes only. Importing this module registers no element; import
 * `perch-widgets/define` (or a widget's `/define` path) to register the tags.
 */
export { PerchTweet, type PerchTweetEventMap } from './tweet/tweet.component.js';
export { PerchTimeline } from './timeline/timeline.component.js';
export { PerchTimelineLoadEvent, PerchTimelineRenderEvent, PerchNewPostsEvent, type PerchTimelineEventMap } from './timeline/timeline-events.js';
export { PerchVideo, type VideoAutoplay } from './video/video.component.js';
export { PerchVideoStateEvent, type PerchVideoState, type PerchVideoEventMap } from './video/video-events.js';
export { PerchShareButton, PerchFollowButton, PerchMentionButton, PerchHashtagButton, PerchIntentEvent, type ButtonKind, type PerchButtonEventMap } from './buttons/index.js';
export * from './shared/events.js';
export type { PerchPageConfig } from './shared/page-config.js';
export * from './data/model.js';
export { PayloadError } from './data/errors.js';
export * from './consent/index.js';
