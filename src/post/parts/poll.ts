/** Poll results, as bars with percentages. */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { Poll } from '../../data/model.js';
import { msg } from '../../shared/i18n.js';
import { formatPercent, plural } from '../../i18n/translate.js';
import type { RenderContext } from './context.js';

/** The poll, or nothing. */
export function renderPoll(poll: Poll | undefined, ctx: RenderContext): TemplateResult | typeof nothing {
  if (poll === undefined) return nothing;
  const total = poll.totalVotes;
  const best = Math.max(...poll.options.map((o) => o.votes));
  return html`<div part="poll" class="poll">
    <ul>
      ${poll.options.map((o) => {
        const pct = total > 0 ? Math.round((o.votes / total) * 1000) / 10 : 0;
        return html`<li class=${o.votes === best && total > 0 ? 'leading' : ''}>
          <svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width=${pct} height="1"></rect></svg><span class="label" dir="auto">${o.label}</span><span class="pct">${formatPercent(pct / 100, ctx.lang)}</span>
        </li>`;
      })}
    </ul>
    <p class="poll-meta">${plural('post.votes', total, ctx.lang)} · ${poll.status === 'closed' ? msg('finalResults', ctx.lang) : poll.endsAt === undefined ? nothing : html`${msg('pollEnds', ctx.lang)} ${new Date(poll.endsAt).toLocaleString(ctx.lang)}`}</p>
  </div>`;
}
