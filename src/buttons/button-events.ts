/** `perch-intent`: a reader clicked a Perch button. Bubbles and is composed; errors use the shared `perch-error`. */
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

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-intent': PerchIntentEvent;
  }
}
