/**
 * What `/healthz` reports: each part of the server that can fail on its own (the impressions store, the shared
 * post cache) says whether it works and, when not, why. A change of state is logged once and counted, and a
 * gauge per part is kept for /metrics; nothing is logged while the state stays the same.
 */
import { HttpError } from './http/context.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

/** A part of the server whose failure degrades it without stopping it. */
export type HealthComponent = 'impressions-store' | 'post-cache';

/** A degraded part, as `/healthz` shows it. */
export interface DegradedPart {
  component: HealthComponent;
  /** Short machine-readable cause, e.g. `disk-full`, `redis-unreachable`. */
  reason: string;
  /** Human text for the operator. */
  message: string;
  /** Epoch ms when it became degraded. */
  since: number;
}

/** The body of `/healthz`. */
export interface HealthSnapshot {
  status: 'ok' | 'degraded';
  degraded: DegradedPart[];
}

/** The registry every part reports to. */
export class HealthRegistry {
  private readonly down = new Map<HealthComponent, DegradedPart>();

  constructor(
    private readonly log: Logger,
    private readonly metrics: Metrics,
    private readonly now: () => number = Date.now,
  ) {}

  /** `component` failed because of `reason`; logs and counts only when it was working until now (or the reason changed). */
  degraded(component: HealthComponent, reason: string, message: string): void {
    const was = this.down.get(component);
    if (was !== undefined && was.reason === reason) return;
    const part: DegradedPart = { component, reason, message, since: was?.since ?? this.now() };
    this.down.set(component, part);
    this.metrics.set('perch_degraded', 'Whether a part of the server is degraded now (1) or working (0).', 1, { component });
    this.metrics.inc('perch_degraded_transitions_total', 'Times a part of the server became degraded.', { component, reason });
    this.log.error('degraded', { component, reason, message });
  }

  /** `component` works (again); logs once when it recovers. */
  recovered(component: HealthComponent): void {
    const was = this.down.get(component);
    if (was === undefined) return;
    this.down.delete(component);
    this.metrics.set('perch_degraded', 'Whether a part of the server is degraded now (1) or working (0).', 0, { component });
    this.log.info('recovered', { component, reason: was.reason, downMs: this.now() - was.since });
  }

  /** Whether `component` is degraded now. */
  isDegraded(component: HealthComponent): boolean {
    return this.down.has(component);
  }

  /** The state for `/healthz`. */
  snapshot(): HealthSnapshot {
    const degraded = [...this.down.values()];
    return { status: degraded.length === 0 ? 'ok' : 'degraded', degraded };
  }
}

/**
 * A store the server depends on could not do its work now (disk full, Redis unreachable): the request is answered
 * 503 with `Retry-After`, and the caller may send the same thing again later.
 */
export class StoreUnavailableError extends HttpError {
  constructor(
    /** Machine-readable cause: `disk-full`, `write-failed`, `redis-unreachable`. */
    readonly reason: string,
    message: string,
    /** Seconds after which a retry is worth it. */
    readonly retryAfterSeconds = 5,
  ) {
    super(503, 'store-unavailable', message, undefined, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** Whether a Redis client error means Redis could not be reached (as opposed to Redis refusing a command). */
export function isRedisUnreachable(error: unknown): boolean {
  return error instanceof Error && error.name !== 'ReplyError';
}

/** A StoreUnavailableError for a Redis client error, or the error itself when Redis answered it. */
export function redisFailure(error: unknown, what: string): unknown {
  if (!isRedisUnreachable(error)) return error;
  return new StoreUnavailableError('redis-unreachable', `${what}: Redis cannot be reached (${error instanceof Error ? error.message : String(error)}).`, 2);
}
