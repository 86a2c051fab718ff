/** `<perch-consent-settings>`: the visitor's current choice for content from X, with Withdraw and Allow buttons. */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { ConsentController } from './consent-controller.js';
import type { TextKey } from '../i18n/catalogue-types.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import englishConsent from '../i18n/english/consent.js';
import { useEnglish } from '../i18n/translate.js';

useEnglish('consent', englishConsent);

/**
 * Shows whether content from X is allowed and lets the visitor withdraw or give consent.
 * Withdrawing deletes the consent cookie and turns loaded widgets back into placeholders at once.
 *
 * @summary Consent settings for embedded content from X.
 *
 * @csspart base - The box.
 * @csspart state - The sentence describing the current choice.
 * @csspart actions - The buttons.
 *
 * @cssprop --perch-background - Background colour.
 * @cssprop --perch-color - Text colour.
 * @cssprop --perch-border-color - Border colour.
 * @cssprop --perch-font-family - Font stack.
 */
export class PerchConsentSettings extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    section {
      box-sizing: border-box;
      display: flex;
      flex-direction: column;
      gap: 0.75em;
      padding: 1em;
      border: 1px solid var(--perch-border-color, #cfd9de);
      border-radius: var(--perch-radius, 12px);
      background: var(--perch-background, #fff);
      color: var(--perch-color, #0f1419);
      font: 15px/1.4 var(--perch-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    }
    p {
      margin: 0;
    }
    div {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
    }
    button {
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
    button:disabled {
      cursor: default;
      opacity: 0.6;
    }
    :focus-visible {
      outline: 3px solid var(--perch-focus-color, #1d9bf0);
      outline-offset: 2px;
    }
  `;

  private readonly consent = new ConsentController(this);
  private readonly l10n = new LocalizeController(this);

  override render(): TemplateResult | typeof nothing {
    const core = this.consent.core;
    const policy = core.policy();
    const child = policy.childDirected;
    const remembered = core.remembered;
    const state = core.state;
    if (!this.l10n.ready) return nothing;
    const l = this.l10n;
    let key: Extract<TextKey, `consent.state${string}`>;
    if (policy.content.granted && policy.content.decidedBy === 'mode') key = 'consent.stateNotRequired';
    else if (state === 'granted') key = remembered === 'granted' ? 'consent.stateStored' : 'consent.stateGranted';
    else if (state === 'denied') key = 'consent.stateDenied';
    else key = 'consent.stateUnknown';
    const canWithdraw = state !== 'unknown' || remembered !== undefined;
    const showAllow = !(state === 'granted' && (child || remembered === 'granted'));
    return html`<section part="base" aria-label=${l.t('consent.region')} lang=${l.lang} dir=${l.dir}>
      <p part="state" role="status">${l.t(key)}</p>
      ${child ? html`<p>${l.t('consent.childNote')}</p>` : nothing}
      <div part="actions">
        <button type="button" data-consent="revoke" ?disabled=${!canWithdraw} @click=${() => core.revoke()}>${l.t('consent.revoke')}</button>
        ${showAllow
          ? html`<button type="button" data-consent=${child ? 'once' : 'always'} @click=${() => core.grant({ remember: !child })}>
              ${l.t(child ? 'consent.allowPage' : 'consent.alwaysAllow')}
            </button>`
          : nothing}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-consent-settings': PerchConsentSettings;
  }
}
