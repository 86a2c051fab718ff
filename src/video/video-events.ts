/** Events `<perch-video>` fires (bubbling, composed). */
import type { PerchErrorEvent } from '../shared/events.js';

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

/** The events a `<perch-video>` fires, by name. Importing any video entry also types them on `document` and every element. */
export interface PerchVideoEventMap {
  'perch-video-state': PerchVideoStateEvent;
  'perch-error': PerchErrorEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-video-state': PerchVideoStateEvent;
  }
}
