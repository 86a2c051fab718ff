/**
 * What every consent signal source shares: the status it reports, a timeout that
 * turns silence into "no answer", and exception fences so a broken consent platform
 * never reaches `window.onerror` or breaks a widget.
 */

/** Default wait for a consent platform, in milliseconds. */
export const DEFAULT_SIGNAL_TIMEOUT_MS = 1500;

/** What a source currently says. */
export type SignalStatus<T> =
  | { status: 'absent' }
  | { status: 'pending' }
  | { status: 'no-answer'; reason: 'timeout' | 'error' }
  | { status: 'answered'; value: T; userAction: boolean };

/** Stops listening. */
export type Stop = () => void;

/** Reports each change of a source's status. */
export type StatusListener<T> = (status: SignalStatus<T>) => void;

/** A plain object, for reading untyped data a platform hands us. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Runs `fn`, returning undefined instead of throwing. */
export function attempt<R>(fn: () => R): R | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** Answers that arrive through `answer`. */
export type Answer<T> = (value: T, userAction?: boolean) => void;

/**
 * Starts a source: reports `pending`, then `answered` whenever `start` calls
 * `answer`, or `no-answer` after `timeoutMs` of silence or when `start` throws.
 * Later answers still update the status (a visitor may decide after the timeout).
 */
export function watchSource<T>(timeoutMs: number, onStatus: StatusListener<T>, start: (answer: Answer<T>) => Stop | void): Stop {
  let answered = false;
  let stopped = false;
  const report = (s: SignalStatus<T>): void => {
    if (stopped) return;
    try {
      onStatus(s);
    } catch (e) {
      // Perch's own listener failing must not surface inside the platform's code.
      console.error('[perch] consent listener failed', e);
    }
  };
  report({ status: 'pending' });
  const timer = setTimeout(() => {
    if (!answered) report({ status: 'no-answer', reason: 'timeout' });
  }, timeoutMs);
  const answer: Answer<T> = (value, userAction = false) => {
    if (stopped) return;
    answered = true;
    clearTimeout(timer);
    report({ status: 'answered', value, userAction });
  };
  let stop: Stop | void = undefined;
  try {
    stop = start(answer);
  } catch {
    clearTimeout(timer);
    if (!answered) report({ status: 'no-answer', reason: 'error' });
  }
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (stop) attempt(stop);
  };
}
