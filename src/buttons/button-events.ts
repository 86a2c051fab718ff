/** `perch-intent`: a reader clicked a Perch button. Bubbles and is composed; errors use the shared `perch-error`. */
import type { PerchErrorEvent } from '../shared/events.js';
import type { IntentKind } from './intent-url.js';

/** Which button fired. */
export type ButtonKind = 'share' | 'follow' | 'mention' | 'hashtag';

/**
 * Fired when a reader activates a button, before anything opens. Cancelable: calling
 * `preventDefault()` stops both the popup and the navigation.
 */
export class PerchIntentEvent extends Event {
  static readonly eventName = 'perch-intent';
  constructor(
    /** X's intent: `post` (share, mention, hashtag) or `follow`. */
    readonly intent: IntentKind,
    /** The button that fired. */
    readonly button: ButtonKind,
    /** The `https://x.com/intent/…` URL being opened. */
    readonly url: string,
  ) {
    super(PerchIntentEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** The events a Perch button fires, by name. Importing any buttons entry also types them on `document` and every element. */
export interface PerchButtonEventMap {
  'perch-intent': PerchIntentEvent;
  'perch-error': PerchErrorEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-intent': PerchIntentEvent;
  }
}
