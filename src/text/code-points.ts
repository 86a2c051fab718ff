/** Code-point arithmetic: X counts entity offsets in Unicode code points, JavaScript strings in UTF-16 units. */

/** The string split into code points (surrogate pairs kept whole). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The code points `[start, end)` of an already split string, joined. */
export function sliceCodePoints(points: readonly string[], start: number, end: number): string {
  return points.slice(start, end).join('');
}
