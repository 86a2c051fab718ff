/**
 * React wrapper for `<perch-disclosure>`, built with `@lit/react`. Importing this module
 * registers `<perch-disclosure>`.
 */
import * as React from 'react';
import { createComponent } from '@lit/react';
import { PerchDisclosure as PerchDisclosureElement } from '../consent/disclosure.js';

/** `<PerchDisclosure />`: the hosts, cookies and honoured signals, for a privacy policy. */
export const PerchDisclosure = /*#__PURE__*/ createComponent({
  react: React,
  tagName: 'perch-disclosure',
  elementClass: PerchDisclosureElement,
  displayName: 'PerchDisclosure',
});

/** Props of `<PerchDisclosure>`. */
export type PerchDisclosureProps = React.ComponentProps<typeof PerchDisclosure>;
