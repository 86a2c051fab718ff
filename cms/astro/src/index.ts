// Perch's Astro components. Add the integration (`perch-astro/integration`) to astro.config first.
export { default as PerchHead } from './PerchHead.astro';
export { default as PerchPost } from './PerchPost.astro';
export { default as PerchTimeline } from './PerchTimeline.astro';
export { default as PerchVideo } from './PerchVideo.astro';
export { default as PerchShare } from './PerchShare.astro';
export { default as PerchFollow } from './PerchFollow.astro';
