/** `<perch-share-button>`: X's share button, a link to `https://x.com/intent/post`. */
import { PerchButtonBase } from './button-base.js';
import { buttonMsg } from './buttons-i18n.js';
import { httpUrl, shareIntent, type Intent } from './intent-url.js';
import { canonicalUrl, pageXAccount } from './page-defaults.js';

/**
 * A button that opens X's post composer prefilled with the page's link.
 *
 * @summary A link to `x.com/intent/post?text=…&url=…&hashtags=…&via=…&related=…`, opened in a 550×420 popup.
 *
 * @slot - Fallback for readers without JavaScript, e.g. X's pasted `<a class="twitter-share-button">`; not shown once the button renders.
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
export class PerchShareButton extends PerchButtonBase {
  static override properties = {
    text: {},
    url: {},
    hashtags: {},
    via: {},
    related: {},
  };

  /** The text to prefill; defaults to the page title. Shortened with "…" to keep the post within 280 (URLs count 23). */
  text: string | undefined;
  /** The link to share; defaults to the page's `<link rel="canonical">`, else its address. */
  url: string | undefined;
  /** Hashtags to add, comma-separated, without `#`. */
  hashtags: string | undefined;
  /** The account to credit ("via @name"); defaults to the page's `<link rel="me" href="https://x.com/NAME">`. */
  via: string | undefined;
  /** Accounts to suggest after posting, comma-separated (`name` or `name:description`). */
  related: string | undefined;

  protected readonly buttonKind = 'share';

  protected buildIntent(): Intent {
    const url = this.url === undefined ? canonicalUrl() : httpUrl(this.url, 'url', document.baseURI);
    return shareIntent({
      text: this.text ?? document.title,
      url,
      hashtags: this.hashtags,
      via: this.via ?? pageXAccount(),
      related: this.related,
    });
  }

  protected label(lang: string): string {
    return buttonMsg('post', lang);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-share-button': PerchShareButton;
  }
}
