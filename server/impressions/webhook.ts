/** Delivers alert JSON to the operator's webhook: POST, retried with exponential backoff on failure. */
import type { Logger } from '../log.js';

/** Options for webhook delivery. */
export interface WebhookOptions {
  url: string;
  log: Logger;
  /** Attempts in all, including the first. Default 6. */
  maxAttempts?: number;
  /** First retry delay; doubles each time (capped at 60 s). Default 1000 ms. */
  baseDelayMs?: number;
  /** Per-attempt timeout. Default 5000 ms. */
  timeoutMs?: number;
}

/** Sends JSON bodies to one URL, each retried until a 2xx or the attempts run out. */
export class WebhookSender {
  private readonly pending = new Set<Promise<boolean>>();
  private readonly abort = new AbortController();

  constructor(private readonly options: WebhookOptions) {}

  /** Queue `body` for delivery; resolves true once delivered, false when given up. */
  send(body: unknown): Promise<boolean> {
    const p = this.deliver(JSON.stringify(body)).finally(() => this.pending.delete(p));
    this.pending.add(p);
    return p;
  }

  /** Resolves when every queued delivery has finished (delivered or given up). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Stop retrying. */
  close(): void {
    this.abort.abort();
  }

  private async deliver(data: string): Promise<boolean> {
    const { url, log, maxAttempts = 6, baseDelayMs = 1000, timeoutMs = 5000 } = this.options;
    for (let attempt = 1; attempt <= maxAttempts && !this.abort.signal.aborted; attempt++) {
      let problem: string;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'perch-server' }, body: data, signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(timeoutMs)]), redirect: 'error' });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return true;
        problem = `status ${res.status}`;
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (attempt === maxAttempts) {
        log.error('webhook-failed', { attempts: attempt, problem });
        return false;
      }
      const delay = Math.min(baseDelayMs * 2 ** (attempt - 1), 60_000);
      log.warn('webhook-retry', { attempt, problem, retryInMs: delay });
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.abort.signal.addEventListener('abort', () => {
          clearTimeout(t);
          resolve();
        }, { once: true });
      });
    }
    return false;
  }
}
