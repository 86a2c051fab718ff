/** CDN chunk for `<perch-tweet>`: loaded by the loader only when the tag is on the page. */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchTweet } from '../../tweet/tweet.component.js';
import { installGlobalApi } from '../global-api.js';
import type { BootOptions } from '../boot.js';

/** Called by the loader before anything renders. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  defineElement('perch-tweet', PerchTweet);
}
