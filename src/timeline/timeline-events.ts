/**
 * Typed events of `<perch-timeline>`; all bubble and are composed. The timeline fires the
 * same `perch-load`, `perch-render` and `perch-error` as every widget, with its own payload.
 */
import type { TimelinePage } from '../data/timeline.js';
import type { PerchErrorEvent } from '../shared/events.js';

const init: EventInit = { bubbles: true, composed: true };

/** Names the timeline fired before it used the shared ones; still fired until the next minor version. */
export const DEPRECATED_TIMELINE_EVENTS: Readonly<Record<string, string>> = {
  'perch-timeline-load': 'perch-load',
  'perch-timeline-render': 'perch-render',
};

/** Fired as `perch-load` when a page of the timeline arrived (the first one, or one loaded by scrolling). */
export class PerchTimelineLoadEvent extends Event {
  static readonly eventName = 'perch-load';
  constructor(
    readonly page: TimelinePage,
    /** How many posts the timeline holds now. */
    readonly total: number,
    /** @internal Only for the deprecated `perch-timeline-load`. */
    type: 'perch-load' | 'perch-timeline-load' = 'perch-load',
  ) {
    super(type, init);
  }
}

/** Fired as `perch-render` once, when the timeline's first posts are on the page (the fallback is gone). */
export class PerchTimelineRenderEvent extends Event {
  static readonly eventName = 'perch-render';
  constructor(
    readonly page: TimelinePage,
    /** @internal Only for the deprecated `perch-timeline-render`. */
    type: 'perch-render' | 'perch-timeline-render' = 'perch-render',
  ) {
    super(type, init);
  }
}

/** Fired when a refresh found newer posts (they wait behind the "N new posts" button). */
export class PerchNewPostsEvent extends Event {
  static readonly eventName = 'perch-new-posts';
  constructor(readonly count: number) {
    super(PerchNewPostsEvent.eventName, init);
  }
}

/** The events a `<perch-timeline>` fires, by name: what its `addEventListener` is typed with. */
export interface PerchTimelineEventMap extends Omit<HTMLElementEventMap, 'perch-load' | 'perch-render'> {
  'perch-load': PerchTimelineLoadEvent;
  'perch-render': PerchTimelineRenderEvent;
  'perch-error': PerchErrorEvent;
  'perch-new-posts': PerchNewPostsEvent;
  /** @deprecated Listen to `perch-load`. */
  'perch-timeline-load': PerchTimelineLoadEvent;
  /** @deprecated Listen to `perch-render`. */
  'perch-timeline-render': PerchTimelineRenderEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** @deprecated Listen to `perch-load`; removed in the next minor version. */
    'perch-timeline-load': PerchTimelineLoadEvent;
    /** @deprecated Listen to `perch-render`; removed in the next minor version. */
    'perch-timeline-render': PerchTimelineRenderEvent;
    'perch-new-posts': PerchNewPostsEvent;
  }
}

let warned = false;

/** Listening for a deprecated `perch-timeline-*` name prints a notice, once per page. */
export function warnDeprecatedName(type: string): void {
  const replacement = DEPRECATED_TIMELINE_EVENTS[type];
  if (replacement === undefined || warned) return;
  warned = true;
  console.warn(`[perch] <perch-timeline>'s "${type}" event is deprecated and will be removed in the next minor version; listen to "${replacement}" instead.`);
}
