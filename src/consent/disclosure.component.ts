/** `<perch-disclosure>`: the hosts, cookies and honoured signals of Perch on this page, for a privacy policy (R8). */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { describeDisclosure } from './disclosure-info.js';
import { ConsentController } from './consent-controller.js';
import { LocalizeController } from '../i18n/localize-controller.js';

/**
 * Renders `disclosure()` as text and lists a publisher can show in their privacy policy.
 * Text and headings are in the reader's language.
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
  private readonly l10n = new LocalizeController(this);

  override render(): TemplateResult | typeof nothing {
    const l = this.l10n;
    if (!l.ready) return nothing;
    const d = describeDisclosure(this.consent.core, l.lang);
    return html`<section part="base" aria-label=${l.t('disclosure.label')} lang=${l.lang} dir=${l.dir}>
      <p part="text">${d.text}</p>
      <dl part="list">
        <dt>${l.t('disclosure.hosts')}</dt>
        <dd><ul>${d.hosts.map((h) => html`<li>${h}</li>`)}</ul></dd>
        <dt>${l.t('disclosure.cookies')}</dt>
        <dd>
          ${d.cookies.length === 0
            ? l.t('disclosure.noCookies')
            : html`<ul>
                ${d.cookies.map((c) => html`<li>${l.t('disclosure.cookieItem', { name: c.name, purpose: c.purpose, days: l.plural('disclosure.days', c.maxAgeDays) })}</li>`)}
              </ul>`}
        </dd>
        <dt>${l.t('disclosure.honours')}</dt>
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
