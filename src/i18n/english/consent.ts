/** English strings of the `consent` section (the source language; see `../catalogues/en.ts`). */
const consent = {
  region: 'Content from X',
  notice: 'It is shown only after you allow it.',
  explain: 'Loading it lets X collect information about your visit, which X may use for personalisation and interest-based advertising.',
  explainChild: 'Loading it lets X collect information about your visit. This site asks X not to personalise anything.',
  privacy: 'X’s privacy policy',
  optOut: 'How to opt out of X’s personalised ads',
  loadOnce: 'Load this once',
  alwaysAllow: 'Always allow',
  stateGranted: 'Content from X is allowed on this page.',
  stateStored: 'Content from X is always allowed on this site.',
  stateDenied: 'Content from X is blocked.',
  stateUnknown: 'Content from X loads only when you allow it.',
  stateNotRequired: 'Content from X is shown without asking on this site.',
  childNote: 'This site is for children: nothing is stored on your device and X is asked not to personalise.',
  revoke: 'Withdraw consent',
  allowPage: 'Allow on this page',
  announceLoaded: 'Content from X loaded.',
  announceHidden: 'Content from X hidden until you allow it.',
} as const;

export default consent;
