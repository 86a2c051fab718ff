/** `<perch-follow-button>`: X's follow button, a link to `https://x.com/intent/follow`. */
import type { PropertyValues } from 'lit';
import { deprecationNotice } from '../shared/boolean-attribute.js';
import { PerchButtonBase } from './button-base.js';
import { buttonMsg } from './buttons-i18n.js';
import { followIntent, type Intent } from './intent-url.js';

/**
 * A button that opens X's follow dialog for an account.
 *
 * @summary A link to `x.com/intent/follow?screen_name=NAME`, opened in a 550×420 popup.
 *
 * @slot - Fallback for readers without JavaScript, e.g. X's pasted `<a class="twitter-follow-button">`; not shown once the button renders.
 *
 * @fires perch-intent - The reader activated the button (`intent` is `follow`); cancelable.
 * @fires perch-error - The screen name is not valid (`reason` `invalid-data`); an error message shows instead.
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
export class PerchFollowButton extends PerchButtonBase {
  static override properties = {
    screenName: { attribute: 'screen-name' },
    hideScreenName: { attribute: 'hide-screen-name', type: Boolean },
    showScreenName: { attribute: 'show-screen-name' },
  };

  /** The account to follow (1–15 letters, digits or _; a leading `@` is ignored). */
  screenName: string | undefined;
  /** Label the button "Follow" instead of "Follow @name" (boolean attribute). */
  hideScreenName = false;
  /** @deprecated Use `hide-screen-name`; `show-screen-name="false"` still works until the next minor version. */
  showScreenName: string | undefined;

  protected readonly buttonKind = 'follow';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('showScreenName') && this.showScreenName !== undefined) deprecationNotice('<perch-follow-button show-screen-name="false">: write <perch-follow-button hide-screen-name>.');
    super.willUpdate(changed);
  }

  protected buildIntent(): Intent {
    return followIntent(this.screenName);
  }

  protected label(lang: string): string {
    const name = (this.screenName ?? '').trim().replace(/^@/, '');
    return this.hideScreenName || this.showScreenName === 'false' ? buttonMsg('follow', lang) : buttonMsg('followName', lang, { name });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-follow-button': PerchFollowButton;
  }
}
