/** CDN chunk for `<perch-consent-settings>` and `<perch-disclosure>`. */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchConsentSettings } from '../../consent/consent-settings.component.js';
import { PerchDisclosure } from '../../consent/disclosure.component.js';
import { installGlobalApi } from '../global-api.js';
import type { BootOptions } from '../boot.js';

/** Called by the loader before anything renders. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  defineElement('perch-consent-settings', PerchConsentSettings);
  defineElement('perch-disclosure', PerchDisclosure);
}
