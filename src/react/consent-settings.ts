/**
 * React wrapper for `<perch-consent-settings>`, built with `@lit/react`. Importing this
 * module registers `<perch-consent-settings>`. The element fires no events of its own;
 * consent changes are announced on `document` as `perch-consent-change`.
 */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { PerchConsentSettings as PerchConsentSettingsElement } from '../consent/consent-settings.js';

/** `<PerchConsentSettings />`: the visitor's current choice, with Withdraw and Allow buttons. */
export const PerchConsentSettings = /*#__PURE__*/ createComponent({
  react: React,
  tagName: 'perch-consent-settings',
  elementClass: PerchConsentSettingsElement,
  displayName: 'PerchConsentSettings',
});

/** Props of `<PerchConsentSettings>`. */
export type PerchConsentSettingsProps = React.ComponentProps<typeof PerchConsentSettings>;
