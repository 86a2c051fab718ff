/** English strings of the `button` section (the source language; see `../catalogues/en.ts`). */
const button = {
  post: 'Post',
  follow: 'Follow',
  followName: 'Follow @{name}',
  mention: 'Post to @{name}',
  hashtag: 'Post #{tag}',
  opensPopup: '{label} (opens X in a new window)',
  invalid: 'This X button is not set up correctly.',
} as const;

export default button;
