/**
 * The one data-loading lifecycle of Perch's widgets (post, video, timeline): what to load is a
 * key computed from the element's properties; loading waits for consent and, when lazy, for
 * the element to come near the viewport; it is aborted when the element leaves the page,
 * resumed on its return without refetching what it holds, restarted on a new key, and
 * dropped when consent is withdrawn.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getConsentCore } from '../consent/consent-core.js';
import { unobserveNear, whenNear } from './lazy.js';

/** Where a `LoadController` stands. */
export type LoadState = 'idle' | 'consent' | 'near' | 'loading' | 'loaded' | 'failed';

/** Why what was shown is dropped. */
export type ResetReason = 'source' | 'consent';

/** What a widget tells its `LoadController`. */
export interface LoadOptions<T> {
  /** What to load, as a string that changes with the source; undefined when there is nothing to load. */
  key(): string | undefined;
  /** Whether the widget may load (and keep showing) data now: the consent decision. */
  allowed(): boolean;
  /** Wait until the element is about one viewport from being seen. */
  lazy(): boolean;
  /** Fetch the data for `key`; `signal` aborts when the element leaves, the key changes or consent goes. */
  load(key: string, signal: AbortSignal): Promise<T>;
  /** The data arrived (the element is connected and the key is still current). */
  loaded(value: T, key: string): void;
  /** Loading failed (not called for an aborted load). */
  failed(error: unknown, key: string): void;
  /** The source changed, or consent was withdrawn: drop everything shown from the old data. */
  reset(reason: ResetReason): void;
}

type Host = ReactiveControllerHost & HTMLElement;

/** Add to a widget: `loader = new LoadController(this, { key, allowed, lazy, load, loaded, failed, reset })`. */
export class LoadController<T> implements ReactiveController {
  /** The data held for `key`. */
  value: T | undefined;
  /** Where loading stands. */
  state: LoadState = 'idle';
  private currentKey: string | undefined;
  private run: AbortController | undefined;
  private session: AbortController | undefined;
  private wasAllowed = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: LoadOptions<T>,
  ) {
    host.addController(this);
  }

  /** The key the held data (or the load under way) belongs to. */
  get key(): string | undefined {
    return this.currentKey;
  }

  /**
   * A signal for work that belongs to the current source while the element is on the page
   * (loading more, refreshing): aborted when the element leaves, the source changes or consent goes.
   */
  get signal(): AbortSignal {
    this.session ??= new AbortController();
    return this.session.signal;
  }

  hostConnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = getConsentCore().onChange(() => this.consentChanged());
    this.wasAllowed = this.options.allowed();
    this.sync();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stop();
    // Waiting, loading or a failure starts again on return; data already held stays.
    if (this.state !== 'loaded') this.state = 'idle';
  }

  hostUpdate(): void {
    // Properties changed: a new key restarts cleanly.
    this.sync();
  }

  /** Start (or restart) whatever the element's properties now ask for. Safe to call at any time. */
  sync(): void {
    if (!this.host.isConnected) return;
    const key = this.options.key();
    if (key !== this.currentKey) {
      const had = this.value !== undefined || this.state !== 'idle';
      this.stop();
      this.value = undefined;
      this.state = 'idle';
      this.currentKey = key;
      if (had) this.options.reset('source');
    }
    if (key === undefined || this.state !== 'idle' && this.state !== 'consent') return;
    if (!this.options.allowed()) {
      this.state = 'consent';
      return;
    }
    if (this.options.lazy()) {
      this.state = 'near';
      whenNear(this.host, () => this.start(key));
    } else this.start(key);
  }

  /** Try again after a failure. */
  retry(): void {
    if (this.state === 'failed') this.state = 'idle';
    this.sync();
  }

  /** Forget the held data and the key, so the next `sync()` loads afresh (used when the element takes data directly). */
  clear(): void {
    this.stop();
    this.value = undefined;
    this.state = 'idle';
    this.currentKey = undefined;
  }

  private start(key: string): void {
    if (!this.host.isConnected || key !== this.currentKey) return;
    this.run?.abort();
    const run = new AbortController();
    this.run = run;
    this.state = 'loading';
    this.options.load(key, run.signal).then(
      (value) => {
        if (run.signal.aborted || this.run !== run) return;
        this.run = undefined;
        this.value = value;
        this.state = 'loaded';
        this.options.loaded(value, key);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (run.signal.aborted || this.run !== run) return;
        this.run = undefined;
        this.state = 'failed';
        this.options.failed(error, key);
        this.host.requestUpdate();
      },
    );
  }

  private stop(): void {
    unobserveNear(this.host);
    this.run?.abort();
    this.run = undefined;
    this.session?.abort();
    this.session = undefined;
  }

  private consentChanged(): void {
    const allowed = this.options.allowed();
    const was = this.wasAllowed;
    this.wasAllowed = allowed;
    if (was && !allowed) {
      // Withdrawn: nothing from X stays on screen, nothing keeps loading.
      const had = this.value !== undefined || this.state !== 'idle';
      this.stop();
      this.value = undefined;
      this.state = 'idle';
      if (had) this.options.reset('consent');
      this.host.requestUpdate();
    } else if (allowed && this.state === 'consent') this.sync();
  }
}
