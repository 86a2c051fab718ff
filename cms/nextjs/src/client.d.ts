export { PerchTimeline } from 'perch-widgets/react/timeline';
export { PerchVideo } from 'perch-widgets/react/video';
export { PerchShareButton, PerchFollowButton, PerchMentionButton, PerchHashtagButton } from 'perch-widgets/react/buttons';
