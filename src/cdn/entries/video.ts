/** CDN chunk for `<perch-video>`: loaded by the loader only when the tag is on the page (posts load it themselves). */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchVideo } from '../../video/video.component.js';
import { installGlobalApi } from '../global-api.js';
import type { BootOptions } from '../boot.js';

/** Called by the loader before anything renders. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  defineElement('perch-video', PerchVideo);
}
