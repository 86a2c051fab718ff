/**
 * Whether posts may load `<perch-video>` for their videos and GIFs. The `define` entries turn
 * it on; a class-only import leaves it off, so importing a class registers nothing, and such
 * posts keep their poster and "play on X" link (or use a player the app registered itself).
 */
let loadPlayer: (() => Promise<unknown>) | undefined;

/**
 * Let posts load and register the video player the first time one of them shows a video.
 * Called by the `define` entries with a dynamic import of the player's `define` module, so
 * a page whose posts have no video never downloads it.
 */
export function enableVideoPlayer(load: () => Promise<unknown>): void {
  loadPlayer ??= load;
}

/** The loader set by `enableVideoPlayer`, if any. */
export function videoPlayerLoader(): (() => Promise<unknown>) | undefined {
  return loadPlayer;
}
