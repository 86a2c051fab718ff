/**
 * React wrapper for `<perch-timeline>`, built with `@lit/react`. Importing this module
 * registers `<perch-timeline>`.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PerchTimeline as PerchTimelineElement } from '../timeline/timeline.js';
import type { PerchNewPostsEvent, PerchTimelineLoadEvent, PerchTimelineRenderEvent } from '../timeline/timeline-events.js';
import type { PerchErrorEvent } from '../shared/events.js';

/**
 * `<PerchTimeline screenName="…" tweetLimit={5} />`: a profile or list timeline. Props
 * are the element's properties; event props receive the element's typed events.
 */
export const PerchTimeline = /*#__PURE__*/ createComponent({
  react: React,
  tagName: 'perch-timeline',
  elementClass: PerchTimelineElement,
  events: {
    /** A page of posts arrived (`event.page`, `event.total`). */
    onPerchLoad: 'perch-load' as EventName<PerchTimelineLoadEvent>,
    /** The first posts are on the page. */
    onPerchRender: 'perch-render' as EventName<PerchTimelineRenderEvent>,
    /** @deprecated Use `onPerchLoad`; removed in the next minor version. */
    onPerchTimelineLoad: 'perch-timeline-load' as EventName<PerchTimelineLoadEvent>,
    /** @deprecated Use `onPerchRender`; removed in the next minor version. */
    onPerchTimelineRender: 'perch-timeline-render' as EventName<PerchTimelineRenderEvent>,
    /** A refresh found newer posts. */
    onPerchNewPosts: 'perch-new-posts' as EventName<PerchNewPostsEvent>,
    /** The timeline (or a further page) could not be loaded. */
    onPerchError: 'perch-error' as EventName<PerchErrorEvent>,
  },
  displayName: 'PerchTimeline',
});

/** Props of `<PerchTimeline>`. */
export type PerchTimelineProps = React.ComponentProps<typeof PerchTimeline>;
