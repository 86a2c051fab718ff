/**
 * What Perch tells a publisher's privacy policy (R8): the hosts a page may contact, the
 * one cookie, the honoured signals, and a paragraph saying so. Kept apart from the
 * consent core so pages that never show it do not download its text.
 */
import { X_MEDIA_HOSTS } from '../data/media-url.js';
import { resolveServer } from '../shared/page-config.js';
import type { ConsentCore } from './consent-core.js';
import { CONSENT_COOKIE, CONSENT_COOKIE_DAYS } from './consent-store.js';
import type { Disclosure } from './policy-types.js';

/** Hosts, cookies and honoured signals for the current configuration, for the publisher's privacy policy (R8). */
export function describeDisclosure(core: ConsentCore): Disclosure {
  const hosts: string[] = [];
  const server = resolveServer(undefined);
  if (server !== undefined) hosts.push(new URL(server).host);
  hosts.push(...X_MEDIA_HOSTS.filter((h) => !hosts.includes(h)));
  const child = core.isChildDirected();
  const cookies = child
    ? []
    : [{ name: CONSENT_COOKIE, purpose: 'Remembers the visitor’s choice to load content from X (“Always allow”).', maxAgeDays: CONSENT_COOKIE_DAYS }];
  const honours = ['Do Not Track', 'Global Privacy Control', 'IAB TCF v2.2', 'IAB GPP', 'WordPress Consent API'];
  const serverText = server !== undefined ? `Posts are served by our own server (${new URL(server).host}), which sets no cookies. ` : '';
  const cookieText = child
    ? 'Because this site is directed at children under 13, the embeds set no cookie and store nothing on your device, and always opt out of personalisation by X. '
    : `The embeds set one first-party cookie, ${CONSENT_COOKIE}, kept for ${CONSENT_COOKIE_DAYS} days, only when you choose “Always allow”; it records that choice and nothing else. No other storage on your device is used. `;
  const text =
    `This site shows posts from X (formerly Twitter). ${serverText}` +
    `Only after you allow it may your browser load images, video or other content from X’s hosts (${X_MEDIA_HOSTS.join(', ')}), which lets X collect information about your visit. ` +
    cookieText +
    'We honour Do Not Track and Global Privacy Control: when either is on, the embeds ask X not to personalise content or advertising for you. ' +
    'See X’s privacy policy at https://x.com/en/privacy.';
  return { hosts, cookies, honours, text };
}
