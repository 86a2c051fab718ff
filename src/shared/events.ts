/**
 * Typed events every Perch widget fires. All bubble and are composed, so a
 * publisher can listen on `document`.
 */
import type { PostResult } from '../data/model.js';

/** Why a widget could not show its content. */
export type PerchErrorReason =
  | 'invalid-id'
  | 'invalid-data'
  | 'network'
  | 'timeout'
  | 'server'
  | 'unavailable'
  | 'no-source';

const init: EventInit = { bubbles: true, composed: true };

/** Fired when a widget's data has arrived (before it renders). */
export class PerchLoadEvent extends Event {
  static readonly eventName = 'perch-load';
  constructor(readonly result: PostResult) {
    super(PerchLoadEvent.eventName, init);
  }
}

/** Fired once a widget's content is on the page. */
export class PerchRenderEvent extends Event {
  static readonly eventName = 'perch-render';
  constructor(readonly result: PostResult) {
    super(PerchRenderEvent.eventName, init);
  }
}

/** Fired when a widget cannot show its content; the fallback stays in place. */
export class PerchErrorEvent extends Event {
  static readonly eventName = 'perch-error';
  constructor(
    readonly reason: PerchErrorReason,
    readonly detail: string,
  ) {
    super(PerchErrorEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-load': PerchLoadEvent;
    'perch-render': PerchRenderEvent;
    'perch-error': PerchErrorEvent;
  }
}
