/** CDN chunk for `<perch-tweet>`: loaded by the loader only when the tag is on the page. */
import { setScriptOrigin } from '../../shared/page-config.js';
import { defineElement } from '../../shared/define.js';
import { PerchTweet } from '../../tweet/tweet.component.js';
import { installGlobalApi } from '../global-api.js';
import { enableVideoPlayer } from '../../post/video-player.js';
import type { BootOptions } from '../boot.js';

/** Posts rendered by the embed server arrive with a declarative shadow root before the element is defined. */
function hasServerRenderedPosts(): boolean {
  return [...document.querySelectorAll('perch-tweet')].some((el) => el.shadowRoot !== null);
}

/**
 * Called by the loader before anything renders. Lit's hydration support (which lets a
 * server-rendered post be adopted instead of rendered again) is loaded only on pages that
 * have such posts; without it they are rendered afresh in place.
 */
export function boot(options: BootOptions): void | Promise<void> {
  setScriptOrigin(options.scriptOrigin);
  installGlobalApi();
  enableVideoPlayer(() => import('../../video/video.js'));
  const define = (): void => void defineElement('perch-tweet', PerchTweet);
  if (!hasServerRenderedPosts()) return define();
  return import('../../render/hydrate-support.js').then(define, (error: unknown) => {
    console.error('[perch] could not load hydration support; rendering server-rendered posts again', error);
    define();
  });
}
