/** `<perch-disclosure>`: the hosts, cookies and honoured signals of Perch on this page, for a privacy policy (R8). */
import { LitElement, css, html, type TemplateResult } from 'lit';
import { describeDisclosure } from './disclosure-info.js';
import { ConsentController } from './consent-controller.js';
import { consentMsg, languageOf } from './consent-i18n.js';

/**
 * Renders `disclosure()` as text and lists a publisher can show in their privacy policy.
 * The paragraph is English; the list headings are localised.
 *
 * @summary What embedded posts from X may contact and store.
 *
 * @csspart base - The box.
 * @csspart text - The paragraph.
 * @csspart list - The lists of hosts, cookies and signals.
 */
export class PerchDisclosure extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    dt {
      font-weight: 600;
      margin-block-start: 0.75em;
    }
    dd {
      margin: 0;
    }
    ul {
      margin: 0.25em 0 0;
      padding-inline-start: 1.25em;
    }
  `;

  private readonly consent = new ConsentController(this);

  override render(): TemplateResult {
    const d = describeDisclosure(this.consent.core);
    const lang = languageOf(this, this.lang);
    return html`<section part="base" aria-label=${consentMsg('disclosureLabel', lang)}>
      <p part="text">${d.text}</p>
      <dl part="list">
        <dt>${consentMsg('hosts', lang)}</dt>
        <dd><ul>${d.hosts.map((h) => html`<li>${h}</li>`)}</ul></dd>
        <dt>${consentMsg('cookies', lang)}</dt>
        <dd>
          ${d.cookies.length === 0
            ? consentMsg('noCookies', lang)
            : html`<ul>
                ${d.cookies.map((c) => html`<li>${consentMsg('cookieItem', lang, { name: c.name, purpose: c.purpose, days: c.maxAgeDays })}</li>`)}
              </ul>`}
        </dd>
        <dt>${consentMsg('honours', lang)}</dt>
        <dd><ul>${d.honours.map((h) => html`<li>${h}</li>`)}</ul></dd>
      </dl>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-disclosure': PerchDisclosure;
  }
}
