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
import { plural, t, useEnglish } from '../i18n/translate.js';
import englishDisclosure from '../i18n/english/disclosure.js';

useEnglish('disclosure', englishDisclosure);

/**
 * Hosts, cookies and honoured signals for the current configuration, for the publisher's
 * privacy policy (R8), with the text in `lang` (English by default; another language's
 * strings must have been loaded with `loadLanguage`).
 */
export function describeDisclosure(core: ConsentCore, lang = 'en'): Disclosure {
  const hosts: string[] = [];
  const server = resolveServer(undefined);
  if (server !== undefined) hosts.push(new URL(server).host);
  hosts.push(...X_MEDIA_HOSTS.filter((h) => !hosts.includes(h)));
  const child = core.isChildDirected();
  const cookies = child ? [] : [{ name: CONSENT_COOKIE, purpose: t('disclosure.cookiePurpose', lang), maxAgeDays: CONSENT_COOKIE_DAYS }];
  const honours = ['Do Not Track', 'Global Privacy Control', 'IAB TCF v2.2', 'IAB GPP', 'WordPress Consent API'];
  const days = plural('disclosure.days', CONSENT_COOKIE_DAYS, lang);
  const text = [
    t('disclosure.intro', lang),
    server === undefined ? undefined : t('disclosure.server', lang, { host: new URL(server).host }),
    t('disclosure.media', lang, { hosts: X_MEDIA_HOSTS.join(', ') }),
    child ? t('disclosure.cookieChild', lang) : t('disclosure.cookie', lang, { name: CONSENT_COOKIE, days }),
    t('disclosure.signals', lang),
    t('disclosure.privacy', lang, { url: 'https://x.com/en/privacy' }),
  ].filter((s) => s !== undefined);
  return { hosts, cookies, honours, text: text.join(' ') };
}
