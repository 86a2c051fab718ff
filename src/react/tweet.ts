/**
 * React wrapper for `<perch-tweet>`, built with `@lit/react`. Importing this module
 * registers `<perch-tweet>` (React renders the element by its tag name).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PerchTweet as PerchTweetElement } from '../tweet/tweet.js';
import type { PerchErrorEvent, PerchLoadEvent, PerchRenderEvent } from '../shared/events.js';

/**
 * `<PerchTweet tweetId="…" onPerchRender={(e) => …} />`: one X post. Props are the
 * element's properties (`tweetId`, `theme`, `width`, `data`, …); event props receive
 * the element's typed events.
 */
export const PerchTweet = /*#__PURE__*/ createComponent({
  react: React,
  tagName: 'perch-tweet',
  elementClass: PerchTweetElement,
  events: {
    /** The post's data arrived. */
    onPerchLoad: 'perch-load' as EventName<PerchLoadEvent>,
    /** The post is on the page. */
    onPerchRender: 'perch-render' as EventName<PerchRenderEvent>,
    /** The post could not be shown (`event.reason`); the fallback stays. */
    onPerchError: 'perch-error' as EventName<PerchErrorEvent>,
  },
  displayName: 'PerchTweet',
});

/** Props of `<PerchTweet>`. */
export type PerchTweetProps = React.ComponentProps<typeof PerchTweet>;
