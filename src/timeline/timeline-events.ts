/** Typed events of `<perch-timeline>`; all bubble and are composed. Errors use the shared `perch-error`. */
import type { TimelinePage } from '../data/timeline.js';

const init: EventInit = { bubbles: true, composed: true };

/** Fired when a page of the timeline arrived (the first one, or one loaded by scrolling). */
export class PerchTimelineLoadEvent extends Event {
  static readonly eventName = 'perch-timeline-load';
  constructor(
    readonly page: TimelinePage,
    /** How many posts the timeline holds now. */
    readonly total: number,
  ) {
    super(PerchTimelineLoadEvent.eventName, init);
  }
}

/** Fired once, when the timeline's first posts are on the page (the fallback is gone). */
export class PerchTimelineRenderEvent extends Event {
  static readonly eventName = 'perch-timeline-render';
  constructor(readonly page: TimelinePage) {
    super(PerchTimelineRenderEvent.eventName, init);
  }
}

/** Fired when a refresh found newer posts (they wait behind the "N new posts" button). */
export class PerchNewPostsEvent extends Event {
  static readonly eventName = 'perch-new-posts';
  constructor(readonly count: number) {
    super(PerchNewPostsEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-timeline-load': PerchTimelineLoadEvent;
    'perch-timeline-render': PerchTimelineRenderEvent;
    'perch-new-posts': PerchNewPostsEvent;
  }
}
