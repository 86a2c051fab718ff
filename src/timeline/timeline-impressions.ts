/**
 * One timeline impression per page view: counting starts when the first posts show, stops
 * while the element is off the page, starts again when it comes back (a move), and ends for
 * good on a new source or withdrawn consent.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TimelinePage } from '../data/timeline.js';
import { trackImpressions } from '../impressions/impression-tracker.js';

/** The id a timeline impression is counted under (`profile:<user id>` or `list:<list id>`). */
export function timelineImpressionId(page: TimelinePage): string {
  return page.source.type === 'profile' ? `profile:${page.source.userId}` : `list:${page.source.listId}`;
}

export class TimelineImpressions implements ReactiveController {
  private page: TimelinePage | undefined;
  private stopTracking: (() => void) | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Count impressions of `page`'s timeline on this element. */
  watch(page: TimelinePage): void {
    this.stopTracking?.();
    this.page = page;
    this.stopTracking = trackImpressions(this.host, { kind: 'timeline', id: timelineImpressionId(page) });
  }

  /** Stop counting and forget the timeline. */
  forget(): void {
    this.hostDisconnected();
    this.page = undefined;
  }

  hostConnected(): void {
    if (this.page !== undefined) this.watch(this.page);
  }

  hostDisconnected(): void {
    this.stopTracking?.();
    this.stopTracking = undefined;
  }
}
