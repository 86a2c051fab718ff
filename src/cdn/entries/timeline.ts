/** CDN chunk for `<perch-timeline>`: loaded by the loader only when the tag is on the page. */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchTimeline } from '../../timeline/timeline.component.js';
import { installGlobalApi } from '../global-api.js';
import { enableVideoPlayer } from '../../post/video-player.js';
import type { BootOptions } from '../boot.js';

/** Called by the loader before anything renders. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  enableVideoPlayer(() => import('../../video/video.js'));
  defineElement('perch-timeline', PerchTimeline);
}
