/**
 * Typed events every Perch widget fires. All bubble and are composed, so a
 * publisher can listen on `document`.
 */
import type { PostResult } from '../data/model.js';
import type { PerchTimelineLoadEvent, PerchTimelineRenderEvent } from '../timeline/timeline-events.js';

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

/** Fired when a post's data has arrived (before it renders). `<perch-timeline>` fires `PerchTimelineLoadEvent` under the same name. */
export class PerchLoadEvent extends Event {
  static readonly eventName = 'perch-load';
  constructor(readonly result: PostResult) {
    super(PerchLoadEvent.eventName, init);
  }
}

/** Fired once a post is on the page. `<perch-timeline>` fires `PerchTimelineRenderEvent` under the same name. */
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
    /** What went wrong, in English, for logs. */
    readonly message: string,
  ) {
    super(PerchErrorEvent.eventName, init);
  }

  /** @deprecated Use `message`; kept for one minor version. */
  get detail(): string {
    return this.message;
  }
}

declare global {
  /**
   * `perch-load` and `perch-render` come from posts and timelines alike, so a listener on
   * `document` gets either class (tell them apart with `instanceof`). A listener on the
   * element itself gets the element's own class (see `PerchTweetEventMap`, `PerchTimelineEventMap`).
   */
  interface GlobalEventHandlersEventMap {
    'perch-load': PerchLoadEvent | PerchTimelineLoadEvent;
    'perch-render': PerchRenderEvent | PerchTimelineRenderEvent;
    'perch-error': PerchErrorEvent;
  }
}
