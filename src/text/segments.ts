/**
 * Turns a post's text and entities into a flat list of text and link segments that any
 * renderer (Lit, static HTML, tests) can output as text nodes and attributes only.
 */
import type { Entity, PostText } from '../data/model.js';
import { codePoints, sliceCodePoints } from './code-points.js';
import { safeHttpUrl } from './safe-url.js';

export { safeHttpUrl } from './safe-url.js';

/** A run of plain text. */
export interface TextSegment {
  kind: 'text';
  text: string;
}

/** A linked entity: what to show and where it points. */
export interface LinkSegment {
  kind: 'hashtag' | 'mention' | 'cashtag' | 'url';
  text: string;
  href: string;
}

export type Segment = TextSegment | LinkSegment;

function linkFor(entity: Exclude<Entity, { type: 'media' }>, original: string): LinkSegment | undefined {
  switch (entity.type) {
    case 'hashtag':
      return { kind: 'hashtag', text: original, href: `https://x.com/hashtag/${encodeURIComponent(entity.tag)}` };
    case 'cashtag':
      return { kind: 'cashtag', text: original, href: `https://x.com/search?q=${encodeURIComponent('$' + entity.symbol)}` };
    case 'mention':
      return { kind: 'mention', text: original, href: `https://x.com/${encodeURIComponent(entity.handle)}` };
    case 'url': {
      const href = safeHttpUrl(entity.expandedUrl) ?? safeHttpUrl(entity.url);
      return href === undefined ? undefined : { kind: 'url', text: entity.displayUrl, href };
    }
  }
}

/**
 * Segments of the displayed part of `text` (its display range), with hashtags, mentions,
 * cashtags and URLs as links. Media links are dropped (the media is shown instead);
 * URLs show their display form and point to the expanded URL. Overlapping or
 * out-of-range entities are ignored rather than corrupting the text.
 */
export function segmentPostText(text: PostText): Segment[] {
  const points = codePoints(text.text);
  const [rangeStart, rangeEnd] = clampRange(text.displayRange, points.length);
  const entities = [...text.entities]
    .filter((e) => e.start >= rangeStart && e.end <= rangeEnd && e.start < e.end)
    .sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let cursor = rangeStart;
  const pushText = (s: string): void => {
    if (s === '') return;
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === 'text') last.text += s;
    else out.push({ kind: 'text', text: s });
  };
  for (const entity of entities) {
    if (entity.start < cursor) continue; // overlapping: keep the first
    pushText(sliceCodePoints(points, cursor, entity.start));
    const original = sliceCodePoints(points, entity.start, entity.end);
    if (entity.type === 'media') {
      cursor = entity.end;
      continue;
    }
    const link = linkFor(entity, original);
    if (link === undefined) pushText(original);
    else out.push(link);
    cursor = entity.end;
  }
  pushText(sliceCodePoints(points, cursor, rangeEnd));
  // Drop whitespace left dangling where a trailing media link was removed.
  const last = out[out.length - 1];
  if (last !== undefined && last.kind === 'text') {
    last.text = last.text.replace(/\s+$/u, '');
    if (last.text === '') out.pop();
  }
  return out;
}

function clampRange(range: readonly [number, number], length: number): [number, number] {
  const start = Math.max(0, Math.min(range[0], length));
  const end = Math.max(start, Math.min(range[1], length));
  return [start, end];
}

/** The displayed text as a plain string (what a screen reader or a text preview shows). */
export function plainPostText(text: PostText): string {
  return segmentPostText(text)
    .map((s) => s.text)
    .join('');
}
