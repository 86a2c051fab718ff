/** What shows instead of a post that cannot be shown, saying why. */
import type { TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { Tombstone } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import type { RenderContext } from './context.js';

/** A tombstone box. */
export function renderTombstone(t: Tombstone, ctx: RenderContext): TemplateResult {
  return html`<div part="tombstone" class="tombstone" data-reason=${t.reason}>
    <p>${msg(t.reason, ctx.lang)}</p>
  </div>`;
}
