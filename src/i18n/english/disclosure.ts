/** English strings of the `disclosure` section (the source language; see `../catalogues/en.ts`). */
const disclosure = {
  label: 'How embedded posts from X use your data',
  hosts: 'Hosts your browser may contact',
  cookies: 'Cookies',
  noCookies: 'None',
  cookieItem: '{name}: {purpose} Kept for {days}.',
  days: { one: '{n} day', other: '{n} days' },
  cookiePurpose: 'Remembers your choice to load content from X (“Always allow”).',
  honours: 'Signals honoured',
  intro: 'This site shows posts from X (formerly Twitter).',
  server: 'Posts are served by our own server ({host}), which sets no cookies.',
  media: 'Only after you allow it may your browser load images, video or other content from X’s hosts ({hosts}), which lets X collect information about your visit.',
  cookieChild: 'Because this site is directed at children under 13, the embeds set no cookie and store nothing on your device, and always opt out of personalisation by X.',
  cookie: 'The embeds set one first-party cookie, {name}, kept for {days}, only when you choose “Always allow”; it records that choice and nothing else. No other storage on your device is used.',
  signals: 'We honour Do Not Track and Global Privacy Control: when either is on, the embeds ask X not to personalise content or advertising for you.',
  privacy: 'See X’s privacy policy at {url}.',
} as const;

export default disclosure;
