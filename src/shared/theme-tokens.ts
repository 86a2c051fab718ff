/**
 * The colour tokens of every Perch widget, light and dark defined once. Each token is a
 * `light-dark()` pair, so it resolves by the `color-scheme` in force where it is used: a
 * widget with a theme sets its scheme on its host (`themeScheme`), and whatever renders
 * inside it (the consent placeholder, a nested `<perch-video>`) inherits it.
 */
import { css } from 'lit';

/**
 * The tokens (`--_bg`, `--_fg`, …), each overridable by a public `--perch-*` property. Sets no
 * scheme: a widget without a theme of its own (the video player) follows its surroundings.
 */
export const themeTokens = css`
  :host {
    --_bg: var(--perch-background, light-dark(#ffffff, #000000));
    --_fg: var(--perch-color, light-dark(#0f1419, #e7e9ea));
    --_muted: var(--perch-secondary-color, light-dark(#536471, #8b98a5));
    --_link: var(--perch-link-color, light-dark(#006fd6, #1888d3));
    --_border: var(--perch-border-color, light-dark(#cfd9de, #38444d));
    --_hover: var(--perch-hover-background, light-dark(#f7f9f9, #16181c));
    --_focus: var(--perch-focus-color, light-dark(#1d4ed8, #93c5fd));
    --_font: var(--perch-font-family, -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif);
    --_radius: var(--perch-radius, 12px);
  }
`;

/**
 * The scheme of a widget with a `theme`: light unless its effective theme is dark, which the
 * element exposes as the custom state `dark` (see `ThemeController`). Before the element is
 * defined (a server-rendered post waiting for its script), the `theme` attribute decides.
 */
export const themeScheme = css`
  :host {
    color-scheme: light;
  }
  :host(:state(dark)),
  :host([theme='dark']:not(:defined)) {
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']:not(:defined)) {
      color-scheme: dark;
    }
  }
`;
