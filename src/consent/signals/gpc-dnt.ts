/** Global Privacy Control and Do Not Track: each switches tailoring off (R8). */
import { attempt, watchSource, type StatusListener, type Stop } from './source.js';

/** The browser's privacy signals. */
export interface BrowserSignals {
  /** `navigator.globalPrivacyControl === true` */
  gpc: boolean;
  /** `navigator.doNotTrack === '1'` (or the legacy `window.doNotTrack`). */
  dnt: boolean;
}

/** Reads the signals now. */
export function readBrowserSignals(): BrowserSignals {
  const nav = navigator as Navigator & { globalPrivacyControl?: unknown; msDoNotTrack?: unknown };
  const gpc = attempt(() => nav.globalPrivacyControl === true) ?? false;
  const dnt =
    attempt(() => nav.doNotTrack === '1' || nav.msDoNotTrack === '1' || (window as unknown as { doNotTrack?: unknown }).doNotTrack === '1') ?? false;
  return { gpc, dnt };
}

/** Reports the browser's signals (synchronously: they need no waiting). */
export function watchBrowserSignals(options: { timeoutMs: number }, onStatus: StatusListener<BrowserSignals>): Stop {
  return watchSource<BrowserSignals>(options.timeoutMs, onStatus, (answer) => {
    answer(readBrowserSignals());
  });
}
