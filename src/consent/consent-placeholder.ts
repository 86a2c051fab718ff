/**
 * The notice a widget shows instead of content from X until consent allows it (R2, R3):
 * what would load and from whom, links to X's privacy policy and ads opt-out, and the
 * "Load this once" / "Always allow" buttons. Fills the box its host reserves.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConsentCore } from './consent-core.js';
import { consentMsg } from './consent-i18n.js';

/** X's privacy policy. */
export const X_PRIVACY_URL = 'https://x.com/en/privacy';
/** How to opt out of X's interest-based advertising and personalisation. */
export const X_ADS_OPT_OUT_URL = 'https://help.x.com/en/safety-and-security/privacy-controls-for-tailored-ads';

/** What the placeholder says. */
export interface PlaceholderOptions {
  /** What would load, e.g. "This post's video". */
  what: string;
  /** From whom, e.g. "X (x.com)". */
  from: string;
  /** Language of the notice; English when unsupported. */
  lang?: string;
}

/**
 * The placeholder's own styles, adopted by the host's shadow root (constructable
 * stylesheets work under a strict Content Security Policy; a `<style>` element would not).
 */
export const placeholderStyles = css`
  .perch-consent {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.75em;
    inline-size: 100%;
    block-size: 100%;
    min-block-size: inherit;
    margin: 0;
    padding: 1em;
    overflow: auto;
    border: 1px solid var(--perch-border-color, #cfd9de);
    border-radius: var(--perch-radius, 12px);
    background: var(--perch-background, #fff);
    color: var(--perch-color, #0f1419);
    font: 15px/1.4 var(--perch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  .perch-consent p {
    margin: 0;
  }
  .perch-consent a {
    color: inherit;
    text-decoration: underline;
  }
  .perch-consent-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }
  .perch-consent-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .perch-consent button {
    min-block-size: 44px;
    padding: 0 1.1em;
    border-radius: 999px;
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .perch-consent button.primary {
    background: var(--perch-color, #0f1419);
    border-color: var(--perch-color, #0f1419);
    color: var(--perch-background, #fff);
  }
  .perch-consent :focus-visible {
    outline: 3px solid var(--perch-focus-color, #1d9bf0);
    outline-offset: 2px;
  }
`;

/** What a widget's live region says when content replaces the placeholder, or the placeholder comes back. */
export function placeholderAnnouncement(key: 'announceLoaded' | 'announceHidden', lang: string | undefined): string {
  return consentMsg(key, lang);
}

/** Adopt the placeholder's styles into `root` once. */
export function adoptPlaceholderStyles(root: ShadowRoot): void {
  const sheet = placeholderStyles.styleSheet;
  if (sheet !== undefined && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/**
 * The placeholder template, for rendering inside a widget's shadow root (see `adoptPlaceholderStyles`). Publishers
 * replace the text through the widget's `consent` slot; the buttons always stay.
 */
export function renderConsentPlaceholder(core: ConsentCore, options: PlaceholderOptions): TemplateResult {
  const { what, from, lang } = options;
  const child = core.isChildDirected();
  return html`<section part="consent" class="perch-consent" aria-label=${consentMsg('region', lang, { from })} lang=${lang ?? nothing}>
      <slot name="consent">
        <p>${consentMsg('notice', lang, { what, from })}</p>
        <p>${consentMsg(child ? 'explainChild' : 'explain', lang)}</p>
        <p class="perch-consent-links">
          <a href=${X_PRIVACY_URL} target="_blank" rel="noopener noreferrer">${consentMsg('privacy', lang)}</a>
          <a href=${X_ADS_OPT_OUT_URL} target="_blank" rel="noopener noreferrer">${consentMsg('optOut', lang)}</a>
        </p>
      </slot>
      <div class="perch-consent-actions">
        <button type="button" class="primary" data-consent="once" @click=${() => core.grant()}>${consentMsg('loadOnce', lang)}</button>
        ${child
          ? nothing
          : html`<button type="button" data-consent="always" @click=${() => core.grant({ remember: true })}>${consentMsg('alwaysAllow', lang)}</button>`}
      </div>
    </section>`;
}
