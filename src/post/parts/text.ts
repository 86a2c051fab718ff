/** Post text with hashtags, mentions, cashtags and links; only ever text nodes and attributes. */
import { nothing, type TemplateResult } from 'lit';
import type { PostText } from '../../data/model.js';
import { segmentPostText, type Segment } from '../../text/segments.js';
import { html } from '../../shared/compact-html.js';

const OPEN = ['<p part="text" class="text" lang=', ' dir="auto">'];
const LINK = ['<a href=', ' class=', ' target="_blank" rel="noopener noreferrer nofollow">', '</a>'];

/**
 * One template per shape of text (the order of plain runs and links), made once: each run
 * and each link's text is one binding, where a list of segments would cost two markers per
 * segment and a nested template per link. Only the shape is static; every run, address and
 * link text is bound as a value, never parsed as markup.
 */
const shapes = new Map<string, TemplateStringsArray>();
const MAX_SHAPES = 200;

function shapeOf(segments: Segment[]): TemplateStringsArray | undefined {
  const key = segments.map((s) => (s.kind === 'text' ? 't' : 'l')).join('');
  const known = shapes.get(key);
  if (known !== undefined || shapes.size >= MAX_SHAPES) return known;
  const strings = [OPEN[0]!];
  let open = OPEN[1]!;
  for (const s of segments) {
    if (s.kind === 'text') {
      strings.push(open);
      open = '';
    } else {
      strings.push(open + LINK[0]!, LINK[1]!, LINK[2]!);
      open = LINK[3]!;
    }
  }
  strings.push(`${open}</p>`);
  // Lit takes only arrays that carry `raw`, as template literals do.
  const made = Object.freeze(Object.assign(strings, { raw: Object.freeze([...strings]) })) as TemplateStringsArray;
  shapes.set(key, made);
  return made;
}

/** Render `text` exactly as written, entities linked. */
export function renderText(text: PostText, lang: string | undefined): TemplateResult {
  const segments = segmentPostText(text);
  const values: unknown[] = [lang ?? nothing];
  for (const s of segments) {
    if (s.kind === 'text') values.push(s.text);
    else values.push(s.href, s.kind, s.text);
  }
  const strings = shapeOf(segments);
  if (strings !== undefined) return html(strings, ...values);
  // Past the cap of shapes (a page of unusually varied posts): a list, as any template would.
  return html`<p part="text" class="text" lang=${lang ?? nothing} dir="auto">${segments.map((s) =>
    s.kind === 'text' ? s.text : html`<a href=${s.href} class=${s.kind} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>`,
  )}</p>`;
}
