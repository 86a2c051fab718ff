/**
 * The notice a widget shows instead of content from X until consent allows it (R2, R3):
 * what would load (always named as coming from X), links to X's privacy policy and ads opt-out, and the
 * "Load this once" / "Always allow" buttons. Fills the box its host reserves.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ConsentCore } from './consent-core.js';
import { directionOf } from '../i18n/languages.js';
import { t, useEnglish } from '../i18n/translate.js';
import englishConsent from '../i18n/english/consent.js';

useEnglish('consent', englishConsent);

/** X's privacy policy. */
export const X_PRIVACY_URL = 'https://x.com/en/privacy';
/** How to opt out of X's interest-based advertising and personalisation. */
export const X_ADS_OPT_OUT_URL = 'https://help.x.com/en/safety-and-security/privacy-controls-for-tailored-ads';

/** What the placeholder says. */
export interface PlaceholderOptions {
  /** What would load, in the notice's language, e.g. "A video from X". */
  what: string;
  /** No longer shown: the notice says the content comes from X, never which server delivers it. */
  from?: string;
  /** Language of the notice (a tag the widget's `LocalizeController` settled on); English when unsupported. */
  lang?: string;
}

/**
 * The placeholder's own styles, in the host widget's colour tokens (`src/shared/theme-tokens.ts`,
 * so a dark post shows a dark placeholder), adopted by the host's shadow root (constructable
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
    border: 1px solid var(--_border, #cfd9de);
    border-radius: var(--_radius, 12px);
    background: var(--_bg, #fff);
    color: var(--_fg, #0f1419);
    font: 15px/1.4 var(--_font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
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
    background: var(--_fg, #0f1419);
    border-color: var(--_fg, #0f1419);
    color: var(--_bg, #fff);
  }
  .perch-consent :focus-visible {
    outline: 3px solid var(--_focus, #1d4ed8);
    outline-offset: 2px;
  }
`;

/** What a widget's live region says when content replaces the placeholder, or the placeholder comes back. */
export function placeholderAnnouncement(key: 'announceLoaded' | 'announceHidden', lang: string | undefined): string {
  return t(`consent.${key}`, lang);
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
  const { what, lang } = options;
  const child = core.isChildDirected();
  return html`<section part="consent" class="perch-consent" aria-label=${t('consent.region', lang)} lang=${lang ?? 'en'} dir=${directionOf(lang)}>
      <slot name="consent">
        <p><strong>${what}</strong></p>
        <p>${t('consent.notice', lang)} ${t(child ? 'consent.explainChild' : 'consent.explain', lang)}</p>
        <p class="perch-consent-links">
          <a href=${X_PRIVACY_URL} target="_blank" rel="noopener noreferrer">${t('consent.privacy', lang)}</a>
          <a href=${X_ADS_OPT_OUT_URL} target="_blank" rel="noopener noreferrer">${t('consent.optOut', lang)}</a>
        </p>
      </slot>
      <div class="perch-consent-actions">
        <button type="button" class="primary" data-consent="once" @click=${() => core.grant()}>${t('consent.loadOnce', lang)}</button>
        ${child
          ? nothing
          : html`<button type="button" data-consent="always" @click=${() => core.grant({ remember: true })}>${t('consent.alwaysAllow', lang)}</button>`}
      </div>
    </section>`;
}
