/**
 * React wrapper for `<perch-video>`, built with `@lit/react`. Importing this module
 * registers `<perch-video>`.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PerchVideo as PerchVideoElement } from '../video/video.js';
import type { PerchVideoStateEvent } from '../video/video-events.js';
import type { PerchErrorEvent } from '../shared/events.js';

/**
 * `<PerchVideo tweetId="…" server="…" />`: a post's video, sound off. Props are the
 * element's properties; event props receive the element's typed events.
 */
export const PerchVideo = /*#__PURE__*/ createComponent({
  react: React,
  tagName: 'perch-video',
  elementClass: PerchVideoElement,
  events: {
    /** Playback started, paused, stopped or failed (`event.state`, `event.automatic`). */
    onPerchVideoState: 'perch-video-state' as EventName<PerchVideoStateEvent>,
    /** The post could not be fetched or has no video. */
    onPerchError: 'perch-error' as EventName<PerchErrorEvent>,
  },
  displayName: 'PerchVideo',
});

/** Props of `<PerchVideo>`. */
export type PerchVideoProps = React.ComponentProps<typeof PerchVideo>;
