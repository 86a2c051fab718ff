/** CDN chunk for the four X buttons (share, follow, mention, hashtag): loaded only when one of their tags is on the page. */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchShareButton } from '../../buttons/share-button.component.js';
import { PerchFollowButton } from '../../buttons/follow-button.component.js';
import { PerchMentionButton } from '../../buttons/mention-button.component.js';
import { PerchHashtagButton } from '../../buttons/hashtag-button.component.js';
import { installGlobalApi } from '../global-api.js';
import type { BootOptions } from '../boot.js';

/** Called by the loader before anything renders. */
export function boot(options: BootOptions): void {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  defineElement('perch-share-button', PerchShareButton);
  defineElement('perch-follow-button', PerchFollowButton);
  defineElement('perch-mention-button', PerchMentionButton);
  defineElement('perch-hashtag-button', PerchHashtagButton);
}
