/** Post text with hashtags, mentions, cashtags and links; only ever text nodes and attributes. */
import { html, nothing, type TemplateResult } from 'lit';
import type { PostText } from '../../data/model.js';
import { segmentPostText } from '../../text/segments.js';

/** Render `text` exactly as written, entities linked. */
export function renderText(text: PostText, lang: string | undefined): TemplateResult {
  const segments = segmentPostText(text);
  return html`<p part="text" class="text" lang=${lang ?? nothing} dir="auto">${segments.map((s) =>
    s.kind === 'text' ? s.text : html`<a href=${s.href} class=${s.kind} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>`,
  )}</p>`;
}
