/**
 * What the player's autoplay and pause rules need to know about its surroundings, as a
 * reactive controller: how much of it is in view, whether the tab is visible, and whether
 * the reader asked for reduced motion. Every listener and the observer end on disconnect.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** What changed, for the player's rules. */
export interface VisibilityChange {
  /** The element left the view entirely. */
  leftView: boolean;
}

export class VisibilityController implements ReactiveController {
  /** At least half visible. */
  halfInView = false;
  /** Any part visible. */
  anyInView = false;
  private observer: IntersectionObserver | undefined;
  private motion: MediaQueryList | undefined;
  private readonly onDocument = (): void => this.changed({ leftView: false });

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly changed: (change: VisibilityChange) => void,
  ) {
    host.addController(this);
  }

  /** The reader asked for reduced motion. */
  get reducedMotion(): boolean {
    return this.motion?.matches === true;
  }

  /** The tab is hidden. */
  get tabHidden(): boolean {
    return document.hidden;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.onDocument);
    this.motion = window.matchMedia(REDUCED_MOTION);
    this.motion.addEventListener('change', this.onDocument);
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry === undefined) return;
        this.anyInView = entry.isIntersecting;
        this.halfInView = entry.isIntersecting && entry.intersectionRatio >= 0.5;
        this.changed({ leftView: !this.anyInView });
      },
      { threshold: [0, 0.5, 1] },
    );
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.onDocument);
    this.motion?.removeEventListener('change', this.onDocument);
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
