/** `<perch-hashtag-button>`: X's hashtag button, a post with a hashtag (`intent/post?button_hashtag=…`). */
import { PerchButtonBase } from './button-base.js';
import { buttonMsg } from './buttons-i18n.js';
import { hashtagIntent, httpUrl, type Intent } from './intent-url.js';

/**
 * A button that opens X's post composer prefilled with `#TAG`.
 *
 * @summary A link to `x.com/intent/post?button_hashtag=TAG&text=…&url=…&related=…`, opened in a 550×420 popup.
 *
 * @slot - Fallback for readers without JavaScript, e.g. X's pasted `<a class="twitter-hashtag-button">`; not shown once the button renders.
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
export class PerchHashtagButton extends PerchButtonBase {
  static override properties = {
    hashtag: {},
    text: {},
    url: {},
    related: {},
  };

  /** The hashtag, with or without `#` (letters, digits or _, not only digits). */
  hashtag: string | undefined;
  /** Text to prefill; shortened with "…" to keep the post within 280 (URLs count 23). */
  text: string | undefined;
  /** A link to add (none by default). */
  url: string | undefined;
  /** Accounts to suggest after posting, comma-separated (`name` or `name:description`). */
  related: string | undefined;

  protected readonly buttonKind = 'hashtag';

  protected buildIntent(): Intent {
    const url = this.url === undefined || this.url === '' ? undefined : httpUrl(this.url, 'url', document.baseURI);
    return hashtagIntent(this.hashtag, { text: this.text, url, related: this.related });
  }

  protected label(lang: string): string {
    return buttonMsg('hashtag', lang, { tag: (this.hashtag ?? '').trim().replace(/^[#＃]/, '') });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-hashtag-button': PerchHashtagButton;
  }
}
