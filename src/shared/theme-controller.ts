/**
 * The effective theme of a widget, as a custom state on the element (`:state(light)` or
 * `:state(dark)`, styled by `themeScheme`), never written back to the publisher's `theme`
 * attribute. `auto` follows `prefers-color-scheme` while the element is on the page.
 */
import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { pageTheme } from './page-config.js';

/** What a publisher may ask for. */
export type Theme = 'light' | 'dark' | 'auto';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export class ThemeController implements ReactiveController {
  private readonly internals: ElementInternals | undefined;
  private query: MediaQueryList | undefined;
  private readonly onChange = (): void => this.apply();

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    /** The element's own `theme`, if it has one. */
    private readonly requested: () => Theme | undefined,
  ) {
    // Lit SSR's DOM shim has no custom states: the `theme` attribute styles a server-rendered widget.
    this.internals = isServer ? undefined : host.attachInternals();
    host.addController(this);
  }

  /** `light` or `dark`: the element's theme, else the page's, else light; `auto` resolved. */
  get effective(): 'light' | 'dark' {
    const wanted = this.requested() ?? (isServer ? undefined : pageTheme()) ?? 'light';
    if (wanted !== 'auto') return wanted;
    return !isServer && window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
  }

  hostConnected(): void {
    if (isServer) return;
    this.query = window.matchMedia(DARK_QUERY);
    this.query.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onChange);
    this.query = undefined;
  }

  hostUpdate(): void {
    this.apply();
  }

  private apply(): void {
    const states = this.internals?.states;
    if (states === undefined) return;
    const theme = this.effective;
    const other = theme === 'dark' ? 'light' : 'dark';
    states.delete(other);
    states.add(theme);
  }
}
