/**
 * The one localisation controller every widget uses: it finds the language the widget is
 * asked to speak (see `requestedLanguage`), loads that language's strings before the widget
 * shows any (so English never flashes and swaps), and follows `lang` / `data-lang` when they
 * change after the first render. A language Perch has no strings for is English, marked so.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PluralKey, TextKey } from './catalogue-types.js';
import { bcp47, directionOf, isFullLanguage, resolveLanguage, type LanguageCode } from './languages.js';
import { requestedLanguage } from './requested-language.js';
import { formatCompact, formatNumber, isLoaded, loadLanguage, plural, t } from './translate.js';

/** What the controller needs from its element. */
export type LocalizeHost = ReactiveControllerHost & HTMLElement;

export interface LocalizeOptions {
  /** The buttons also speak the languages whose catalogues hold only their strings. */
  buttons?: boolean;
}

/** Add to a widget: `l10n = new LocalizeController(this)`; render content once `ready`, with `lang`/`dir` on its root. */
export class LocalizeController implements ReactiveController {
  private observer: MutationObserver | undefined;
  /** The language settled at the start of the current update (templates ask many times per render). */
  private current: LanguageCode | undefined;
  private readonly onLanguageChange = (): void => this.host.requestUpdate();

  constructor(
    private readonly host: LocalizeHost,
    private readonly options: LocalizeOptions = {},
  ) {
    host.addController(this);
  }

  /** The catalogue the widget speaks: the requested language when Perch has it, else English. */
  get code(): LanguageCode {
    return this.current ?? this.resolve();
  }

  private resolve(): LanguageCode {
    const code = resolveLanguage(requestedLanguage(this.host));
    if (code === undefined || (!this.options.buttons && !isFullLanguage(code))) return 'en';
    return code;
  }

  /** The BCP 47 tag for the widget root's `lang` attribute and for `Intl` (`en` when falling back). */
  get lang(): string {
    return bcp47(this.code);
  }

  /** The interface's direction, for the widget root's `dir` attribute. */
  get dir(): 'ltr' | 'rtl' {
    return directionOf(this.code);
  }

  /** Whether the strings for the widget's language are here. */
  get ready(): boolean {
    return isLoaded(this.code);
  }

  /** The string `key` in the widget's language. */
  t(key: TextKey, vars?: Record<string, string | number>): string {
    return t(key, this.lang, vars);
  }

  /** The count message `key` for `count` in the widget's language. */
  plural(key: PluralKey, count: number, vars?: Record<string, string | number>): string {
    return plural(key, count, this.lang, vars);
  }

  /** `count` with the reader's digits and grouping. */
  number(count: number): string {
    return formatNumber(count, this.lang);
  }

  /** A compact count (12.3K, 1.2万). */
  compact(count: number): string {
    return formatCompact(count, this.lang);
  }

  hostConnected(): void {
    if (typeof MutationObserver !== 'undefined') {
      this.observer = new MutationObserver(() => this.host.requestUpdate());
      this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang', 'data-lang'] });
    }
    if (typeof window !== 'undefined') window.addEventListener('languagechange', this.onLanguageChange);
    // Start loading early; the language is settled at the first update (attributes may still change before it).
    void loadLanguage(this.resolve());
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    if (typeof window !== 'undefined') window.removeEventListener('languagechange', this.onLanguageChange);
  }

  hostUpdate(): void {
    const wanted = this.resolve();
    // After a change of language, the widget keeps speaking the one it has until the new one's strings are here.
    if (isLoaded(wanted) || this.current === undefined) this.current = wanted;
    if (!isLoaded(wanted)) void loadLanguage(wanted).then(() => this.host.requestUpdate());
  }
}
