/**
 * What the four X buttons share: a real link to X's web intent (it works before and without
 * any script), opened in X's 550×420 popup on click (normal navigation when popups are
 * blocked), `perch-intent` before anything opens, and a readable error state instead of a
 * broken link. Buttons request nothing and store nothing until the click, so they render
 * without waiting for consent.
 */
import { LitElement, html, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { PerchErrorEvent } from '../shared/events.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { ThemeController, type Theme } from '../shared/theme-controller.js';
import { xMark } from '../post/parts/icons.js';
import { PerchIntentEvent, type ButtonKind } from './button-events.js';
import { buttonStyles } from './button.styles.js';
import { buttonMsg } from './buttons-i18n.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { IntentInputError, type Intent } from './intent-url.js';
import { openIntentPopup } from './popup.js';

/** Base class of `<perch-share-button>`, `<perch-follow-button>`, `<perch-mention-button>` and `<perch-hashtag-button>`. */
export abstract class PerchButtonBase extends LitElement {
  static override styles = buttonStyles;

  // Declared without decorators, as in every Perch element: works unchanged in plain JS and any bundler.
  static override properties: PropertyDeclarations = {
    size: { reflect: true },
    theme: {},
    dnt: { converter: booleanAttribute('dnt') },
  };

  /** `small` (default) or `large`. */
  size: 'small' | 'large' | undefined;
  /** `light`, `dark` or `auto`. Defaults to the page setting, else light. The effective theme is the custom state `light` or `dark`. */
  theme: Theme | undefined;
  /** Opt out of tailoring (boolean attribute). A button sends nothing to tailor anyway (X's intents take no dnt). */
  dnt = false;

  /** Which button this is (for `perch-intent`). */
  protected abstract readonly buttonKind: ButtonKind;
  /** Build the intent from the current attributes; throws {@link IntentInputError} on bad input. */
  protected abstract buildIntent(): Intent;
  /** The visible label in `lang`. */
  protected abstract label(lang: string): string;

  private built: Intent | undefined;
  private problem: IntentInputError | undefined;
  private reported: string | undefined;
  private warnedTruncated: string | undefined;

  /** The link this button opens (undefined while its options are invalid). */
  get intent(): Intent | undefined {
    return this.built;
  }

  /** Why the button shows an error instead of a link, if it does. */
  get error(): string | undefined {
    return this.problem?.message;
  }

  constructor() {
    super();
    // The effective theme, as the custom state `light` or `dark`.
    new ThemeController(this, () => this.theme);
  }

  /** The labels' language (own `lang`, `data-lang`, the page's, the reader's), loaded on demand; it follows `lang` changes. */
  private readonly l10n = new LocalizeController(this, { buttons: true });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    try {
      this.built = this.buildIntent();
      this.problem = undefined;
    } catch (error) {
      if (!(error instanceof IntentInputError)) throw error;
      this.built = undefined;
      this.problem = error;
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const message = this.problem?.message;
    if (message !== undefined && message !== this.reported) {
      console.warn(`[perch] <${this.localName}>: ${message}`);
      this.dispatchEvent(new PerchErrorEvent('invalid-data', message));
    }
    this.reported = message;
    const truncated = this.built?.truncated === true ? this.built.url : undefined;
    if (truncated !== undefined && truncated !== this.warnedTruncated) console.warn(`[perch] <${this.localName}>: the text was shortened to fit X's 280-character limit.`);
    this.warnedTruncated = truncated;
  }

  protected override render(): TemplateResult {
    const lang = this.l10n.lang;
    const dir = this.l10n.dir;
    // Until its language's strings are here, the button keeps its place with the X mark alone.
    if (!this.l10n.ready) return html`<span part="base" class="button" aria-busy="true"><span class="icon" part="icon">${xMark}</span></span>`;
    const intent = this.built;
    if (intent === undefined) return html`<span part="message" class="message" role="status" lang=${lang} dir=${dir}>${buttonMsg('invalid', lang)}</span>`;
    const label = this.label(lang);
    return html`<a
      part="base"
      class="button"
      href=${intent.url}
      target="_blank"
      rel="noopener noreferrer"
      lang=${lang}
      dir=${dir}
      aria-label=${buttonMsg('opensPopup', lang, { label })}
      @click=${this.onClick}
      ><span class="icon" part="icon">${xMark}</span><span part="label">${label}</span></a
    >`;
  }

  private onClick(e: MouseEvent): void {
    const intent = this.built;
    if (intent === undefined) return;
    const event = new PerchIntentEvent(intent.kind, this.buttonKind, intent.url);
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      e.preventDefault();
      return;
    }
    // The reader asked for a tab or window of their own: let the browser do that.
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (openIntentPopup(intent.url)) e.preventDefault();
    // else: the popup was blocked; the link navigates as any link does.
  }
}
