/**
 * React wrappers for X's buttons (`<perch-share-button>`, `<perch-follow-button>`,
 * `<perch-mention-button>`, `<perch-hashtag-button>`), built with `@lit/react`.
 * Importing this module registers the four elements.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { PerchFollowButton as FollowElement, PerchHashtagButton as HashtagElement, PerchMentionButton as MentionElement, PerchShareButton as ShareElement } from '../buttons/buttons.js';
import type { PerchIntentEvent } from '../buttons/button-events.js';
import type { PerchErrorEvent } from '../shared/events.js';

const events = {
  /** The reader activated the button; cancelable (`event.preventDefault()` stops the popup and the navigation). */
  onPerchIntent: 'perch-intent' as EventName<PerchIntentEvent>,
  /** The options cannot make a valid link; an error message shows instead. */
  onPerchError: 'perch-error' as EventName<PerchErrorEvent>,
};

/** `<PerchShareButton text="…" url="…" />`: X's share button. */
export const PerchShareButton = /*#__PURE__*/ createComponent({ react: React, tagName: 'perch-share-button', elementClass: ShareElement, events, displayName: 'PerchShareButton' });

/** `<PerchFollowButton screenName="…" />`: X's follow button. */
export const PerchFollowButton = /*#__PURE__*/ createComponent({ react: React, tagName: 'perch-follow-button', elementClass: FollowElement, events, displayName: 'PerchFollowButton' });

/** `<PerchMentionButton screenName="…" />`: X's mention button. */
export const PerchMentionButton = /*#__PURE__*/ createComponent({ react: React, tagName: 'perch-mention-button', elementClass: MentionElement, events, displayName: 'PerchMentionButton' });

/** `<PerchHashtagButton hashtag="…" />`: X's hashtag button. */
export const PerchHashtagButton = /*#__PURE__*/ createComponent({ react: React, tagName: 'perch-hashtag-button', elementClass: HashtagElement, events, displayName: 'PerchHashtagButton' });

/** Props of `<PerchShareButton>`. */
export type PerchShareButtonProps = React.ComponentProps<typeof PerchShareButton>;
/** Props of `<PerchFollowButton>`. */
export type PerchFollowButtonProps = React.ComponentProps<typeof PerchFollowButton>;
/** Props of `<PerchMentionButton>`. */
export type PerchMentionButtonProps = React.ComponentProps<typeof PerchMentionButton>;
/** Props of `<PerchHashtagButton>`. */
export type PerchHashtagButtonProps = React.ComponentProps<typeof PerchHashtagButton>;
