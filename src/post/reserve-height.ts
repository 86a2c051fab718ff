/**
 * How tall a post will be, before it is on screen: from the post model when it is known,
 * else from the publisher's pasted fallback (its text and media links), else a typical
 * post. Reserving that height keeps the text below a post from jumping when it renders.
 * Pure arithmetic on the layout of `post.styles.ts` (no Lit, no DOM), so the server can
 * put the same figure in oEmbed answers and static HTML.
 */
import type { Media, Post, PostResult } from '../data/model.js';

/** The post's box metrics in CSS pixels, as laid out by `post.styles.ts`. Keep in step with it. */
const L = {
  /** Frame borders, padding above the header and below the footer. */
  chrome: 2 + 12 + 4,
  header: 48,
  /** "Replying to @x" line. */
  replyingTo: 22,
  /** Margin above the text, its line height, and font size (average glyph ≈ 0.5 em). */
  textGap: 12,
  line: 24,
  font: 20,
  /** Text in a quoted post or a parent. */
  smallLine: 20,
  smallFont: 15,
  /** Margin above media, cards, polls, quoted posts. */
  gap: 12,
  /** What media adds beyond its box's aspect ratio (margin, borders, less the wider box). */
  media: -8,
  /** Timestamp line and the action row. */
  footer: 12 + 20 + 12 + 1 + 4 + 34 + 4,
  /** The "Read N replies" link under the actions. */
  readMore: 52,
  /** Horizontal padding of a post (the text column is this much narrower than the frame). */
  inset: 32,
  /** The quoted post's own padding and header. */
  quotedChrome: 2 + 12 + 12 + 20 + 4,
  /** A parent (reply context) above the post: header and padding; its text starts beside the avatar line. */
  parentChrome: 36,
  card: 24 + 20 * 3,
  pollOption: 30,
  pollMeta: 22,
  space: 56,
} as const;

/** Width of the post column used when none is known (X's default embed width). */
export const DEFAULT_WIDTH = 550;

/** X's limits on an embedded post's width; anything else (NaN included) means the default. */
function clampWidth(width: number): number {
  return Number.isFinite(width) ? Math.min(DEFAULT_WIDTH, Math.max(250, width)) : DEFAULT_WIDTH;
}

/** What a typical post measures, for a `<perch-tweet>` that has nothing to estimate from. */
export function defaultReserveHeight(width = DEFAULT_WIDTH): number {
  // One photo and two lines of text: the shape of the median embedded post.
  return Math.round(L.chrome + L.header + L.textGap + 2 * L.line + L.media + (clampWidth(width) - L.inset) * 0.5625 + L.footer + L.readMore);
}

/** Lines `text` takes at `fontPx` in a column `columnPx` wide (wide characters count double). */
export function textLines(text: string, columnPx: number, fontPx: number): number {
  if (text.trim() === '') return 0;
  const perLine = Math.max(8, columnPx / (fontPx * 0.5));
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let units = 0;
    for (const ch of paragraph) {
      const cp = ch.codePointAt(0) ?? 0;
      // CJK, Hangul, full-width forms and emoji are about twice as wide as Latin letters.
      units += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xff60) || cp >= 0x1f000) ? 2 : 1;
    }
    lines += Math.max(1, Math.ceil(units / perLine));
  }
  return lines;
}

function mediaHeight(media: Media[], columnPx: number): number {
  if (media.length === 0) return 0;
  const first = media[0]!;
  const ratio = media.length > 1 ? 9 / 16 : first.type === 'photo' ? Math.min(1, Math.max(first.height / first.width, 1 / 2.25)) : first.aspectRatio[1] / first.aspectRatio[0];
  return L.media + Math.round(columnPx * (Number.isFinite(ratio) ? ratio : 9 / 16));
}

function shownText(post: Post): string {
  const t = post.longText ?? post.text;
  return [...t.text].slice(t.displayRange[0], t.displayRange[1]).join('');
}

/** Options that change a post's height. */
export interface ReserveOptions {
  hideCards?: boolean;
  hideThread?: boolean;
}

/** Estimated rendered height of `result` in a frame `width` pixels wide. */
export function estimatePostHeight(result: PostResult, width = DEFAULT_WIDTH, options: ReserveOptions = {}): number {
  if (result.kind === 'tombstone') return L.chrome + 60;
  const column = clampWidth(width) - L.inset;
  let h = L.chrome + L.header + L.footer + L.readMore;
  const text = shownText(result);
  const lines = textLines(text, column, L.font);
  if (lines > 0) h += L.textGap + lines * L.line;
  if (result.replyTo !== undefined && options.hideThread !== true) h += L.replyingTo;
  h += mediaHeight(result.media, column);
  const q = result.quoted;
  if (q !== undefined) {
    h += L.gap + (q.kind === 'post' ? L.quotedChrome + textLines(shownText(q), column - 24, L.smallFont) * L.smallLine + mediaHeight(q.media, column - 2) : 60);
  }
  const card = result.card;
  if (card !== undefined && options.hideCards !== true) {
    const large = card.kind === 'summary_large_image' || card.kind === 'player';
    if (card.kind === 'audiospace') h += L.gap + L.space;
    else h += L.gap + (large && card.image !== undefined ? Math.round(column * Math.min(1, card.image.height / card.image.width)) : 0) + L.card;
  }
  if (result.poll !== undefined) h += L.gap + result.poll.options.length * L.pollOption + L.pollMeta;
  const parent = result.parent;
  if (parent !== undefined && options.hideThread !== true) {
    h += parent.kind === 'post' ? L.parentChrome + textLines(shownText(parent), column - 56, L.font) * L.line + mediaHeight(parent.media, column - 56) : 80;
  }
  return Math.round(h);
}

/** The link X's pasted markup stands for a post's media with (`pic.twitter.com/…`). */
export const PASTED_MEDIA_LINK = /^(?:https?:\/\/)?pic\.(?:twitter|x)\.com\//;

/**
 * Estimated height of the post that X's pasted markup stands for: its text (X pastes the
 * text without media, which it stands for with a trailing `pic.twitter.com/…` link) and
 * whether it has media.
 */
export function estimateFromPasted(text: string, hasMedia: boolean, width = DEFAULT_WIDTH): number {
  const column = clampWidth(width) - L.inset;
  const body = text.replace(/\s*(?:https?:\/\/)?pic\.(?:twitter|x)\.com\/\S+/g, '').trim();
  const lines = textLines(body, column, L.font);
  return Math.round(L.chrome + L.header + (lines > 0 ? L.textGap + lines * L.line : 0) + (hasMedia ? L.media + column * 0.5625 : 0) + L.footer + L.readMore);
}
