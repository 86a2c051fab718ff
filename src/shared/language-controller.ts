/**
 * Holds a widget's content back until Perch's strings for its language have loaded
 * (languages other than English load on demand), so a reader never sees English
 * labels swap into another language.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { languageReady, loadLanguage } from './i18n.js';

/** Add to a widget: `language = new LanguageController(this, () => this.lang)`; render content only when `ready`. */
export class LanguageController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly lang: () => string | undefined,
  ) {
    host.addController(this);
  }

  /** Whether the strings for the widget's language are loaded now. */
  get ready(): boolean {
    return languageReady(this.lang());
  }

  hostConnected(): void {
    this.hostUpdate();
  }

  hostUpdate(): void {
    if (!this.ready) void loadLanguage(this.lang()).then(() => this.host.requestUpdate());
  }
}
