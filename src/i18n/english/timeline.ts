/** English strings of the `timeline` section (the source language; see `../catalogues/en.ts`). */
const timeline = {
  listBy: 'A list by @{handle}',
  feedLabel: 'Timeline: {title}',
  newPosts: { one: '{n} new post', other: '{n} new posts' },
  loadingMore: 'Loading more posts…',
  end: 'You have reached the end of this timeline.',
  viewMore: 'View more on X',
  loadFailed: 'This timeline could not be loaded.',
  retry: 'Try again',
  empty: 'Nothing to see here yet.',
  consentWhat: 'A timeline from X',
} as const;

export default timeline;
