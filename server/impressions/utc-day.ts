/** UTC calendar days as `YYYY-MM-DD` strings: every aggregate is keyed by one. */

export const DAY_MS = 24 * 60 * 60 * 1000;

let memoDay = NaN;
let memoText = '';

/** The UTC day of an epoch-ms instant. */
export function utcDay(ms: number): string {
  const n = Math.floor(ms / DAY_MS);
  if (n !== memoDay) {
    memoText = new Date(n * DAY_MS).toISOString().slice(0, 10);
    memoDay = n;
  }
  return memoText;
}

/** Start of a UTC day in epoch ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** Whether `s` is a real `YYYY-MM-DD` date. */
export function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(dayStart(s)) && utcDay(dayStart(s)) === s;
}

/** `from`…`to` inclusive (empty when from > to). */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = dayStart(from); t <= dayStart(to); t += DAY_MS) out.push(utcDay(t));
  return out;
}

/** The day `n` days before `day`. */
export function addDays(day: string, n: number): string {
  return utcDay(dayStart(day) + n * DAY_MS);
}

/** How many days `from`…`to` spans, inclusive (0 when from > to), computed without listing them. */
export function dayCount(from: string, to: string): number {
  return Math.max(0, Math.round((dayStart(to) - dayStart(from)) / DAY_MS) + 1);
}
