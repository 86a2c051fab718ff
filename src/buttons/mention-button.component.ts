/** `<perch-mention-button>`: X's mention button, a post to an account (`intent/post?screen_name=…`). */
import { PerchButtonBase } from './button-base.js';
import { buttonMsg } from './buttons-i18n.js';
import { mentionIntent, type Intent } from './intent-url.js';

/**
 * A button that opens X's post composer prefilled with `@NAME`.
 *
 * @summary A link to `x.com/intent/post?screen_name=NAME&text=…&related=…`, opened in a 550×420 popup.
 *
 * @slot - Fallback for readers without JavaScript, e.g. X's pasted `<a class="twitter-mention-button">`; not shown once the button renders.
 *
 * @fires perch-intent - The reader activated the button (`intent` is `post`); cancelable.
 * @fires perch-error - The options cannot make a valid link (`reason` `invalid-data`); an error message shows instead.
 *
 * @csspart base - The link.
 * @csspart icon - The X logo.
 * @csspart label - The label.
 * @csspart message - The error message shown instead of a broken link.
 *
 * @cssprop --perch-button-background - Button colour.
 * @cssprop --perch-button-color - Label colour.
 * @cssprop --perch-button-hover-background - Button colour on hover.
 * @cssprop --perch-focus-color - Focus ring colour.
 */
export class PerchMentionButton extends PerchButtonBase {
  static override properties = {
    screenName: { attribute: 'screen-name' },
    text: {},
    related: {},
  };

  /** The account to mention (1–15 letters, digits or _; a leading `@` is ignored). */
  screenName: string | undefined;
  /** Text to prefill after the mention; shortened with "…" to keep the post within 280. */
  text: string | undefined;
  /** Accounts to suggest after posting, comma-separated (`name` or `name:description`). */
  related: string | undefined;

  protected readonly buttonKind = 'mention';

  protected buildIntent(): Intent {
    return mentionIntent(this.screenName, { text: this.text, related: this.related });
  }

  protected label(lang: string): string {
    return buttonMsg('mention', lang, { name: (this.screenName ?? '').trim().replace(/^@/, '') });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-mention-button': PerchMentionButton;
  }
}
