/** Registers `<perch-share-button>`, `<perch-follow-button>`, `<perch-mention-button>` and `<perch-hashtag-button>`. Importing `./index.js` instead registers nothing. */
import { defineElement } from '../shared/define.js';
import { PerchFollowButton } from './follow-button.component.js';
import { PerchHashtagButton } from './hashtag-button.component.js';
import { PerchMentionButton } from './mention-button.component.js';
import { PerchShareButton } from './share-button.component.js';

defineElement('perch-share-button', PerchShareButton);
defineElement('perch-follow-button', PerchFollowButton);
defineElement('perch-mention-button', PerchMentionButton);
defineElement('perch-hashtag-button', PerchHashtagButton);

export * from './index.js';
