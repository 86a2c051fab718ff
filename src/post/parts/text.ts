/** Post text with hashtags, mentions, cashtags and links; only ever text nodes and attributes. */
import { nothing, type TemplateResult } from 'lit';
import { html } from '../../shared/compact-html.js';
import type { PostText } from '../../data/model.js';
import { segmentPostText } from '../../text/segments.js';

/** Render `text` exactly as written, entities linked. */
export function renderText(text: PostText, lang: string | undefined): TemplateResult {
  const segments = segmentPostText(text);
  // Text alone is one string (one text node); a list would cost two markers per segment.
  const content = segments.every((s) => s.kind === 'text')
    ? segments.map((s) => s.text).join('')
    : segments.map((s) => (s.kind === 'text' ? s.text : html`<a href=${s.href} class=${s.kind} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>`));
  return html`<p part="text" class="text" lang=${lang ?? nothing} dir="auto">${content}</p>`;
}
