/** Events `<perch-video>` fires (bubbling, composed). */

/** What the player is doing now. */
export type PerchVideoState = 'playing' | 'paused' | 'stopped' | 'error';

/** Fired when playback starts, pauses, stops (back to the poster) or fails. */
export class PerchVideoStateEvent extends Event {
  static readonly eventName = 'perch-video-state';
  constructor(
    readonly state: PerchVideoState,
    /** True when the player did it by itself (autoplay in view, pausing out of view, another video starting). */
    readonly automatic: boolean,
  ) {
    super(PerchVideoStateEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-video-state': PerchVideoStateEvent;
  }
}
