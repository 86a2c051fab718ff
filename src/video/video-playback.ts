/**
 * The player's playback state machine, as a reactive controller: the phases (poster, loading,
 * playing, paused, error), play/pause/stop, the autoplay and pause rules, the one-at-a-time
 * claim on the page, and the `<video>` element's events. Every start is muted unless the
 * person turned sound on with their own press.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Video } from '../data/model.js';
import { claimPlayback, releasePlayback, type CoordinatedPlayer } from './playback-coordinator.js';
import { PerchVideoStateEvent } from './video-events.js';
import type { VideoMessageKey } from './video-i18n.js';
import type { VisibilityController } from './video-visibility.js';

/** `off`: click to play. `in-view`: starts muted when at least half of it is visible. */
export type VideoAutoplay = 'off' | 'in-view';

/** Where playback stands. */
export type PlaybackPhase = 'poster' | 'loading' | 'playing' | 'paused' | 'error';

/** What the playback controller asks of its player element. */
export interface PlaybackHooks {
  /** The `<video>` element, once rendered. */
  video(): HTMLVideoElement | null;
  /** The medium to play. */
  media(): Video | undefined;
  /** The autoplay policy in force. */
  autoplay(): VideoAutoplay;
  /** Video bytes and playback are allowed by the consent decision. */
  allowed(): boolean;
  /** The URL to play, `consent` when it waits for consent, or undefined when nothing here can be played. */
  source(video: HTMLVideoElement): string | 'consent' | undefined;
  /** Keep keyboard focus inside the player when the control under it goes away. */
  moveFocus(from: string, to: string): void;
  /** Say something in the player's live region. */
  announce(key: VideoMessageKey): void;
}

type Host = ReactiveControllerHost & HTMLElement;

export class VideoPlayback implements ReactiveController, CoordinatedPlayer {
  private phaseValue: PlaybackPhase = 'poster';
  private soundOnValue = false;
  private currentTimeValue = 0;
  private durationValue = 0;
  private needsConsentValue = false;
  /** The current playback was started by the player itself. */
  private autoStarted = false;
  /** The person paused or stopped, or another video took over: no autoplay until it leaves the view. */
  private holdAutoplay = false;
  /** The next pause event comes from the player itself (out of view, tab hidden, another video). */
  private pauseWasAutomatic = false;
  /** The person pressed Play before consent: play once it is given. */
  private playAfterConsent = false;

  constructor(
    private readonly host: Host,
    private readonly visibility: VisibilityController,
    private readonly hooks: PlaybackHooks,
  ) {
    host.addController(this);
  }

  /** Where playback stands. */
  get phase(): PlaybackPhase {
    return this.phaseValue;
  }
  private set phase(value: PlaybackPhase) {
    this.phaseValue = value;
    this.host.requestUpdate();
  }

  /** The person turned sound on. */
  get soundOn(): boolean {
    return this.soundOnValue;
  }
  private set soundOn(value: boolean) {
    this.soundOnValue = value;
    this.host.requestUpdate();
  }

  /** Playback position in seconds. */
  get currentTime(): number {
    return this.currentTimeValue;
  }
  private set currentTime(value: number) {
    this.currentTimeValue = value;
    this.host.requestUpdate();
  }

  /** Length in seconds, once known. */
  get duration(): number {
    return this.durationValue;
  }
  private set duration(value: number) {
    this.durationValue = value;
    this.host.requestUpdate();
  }

  /** The person pressed Play before consent: the consent notice shows over the poster. */
  get needsConsent(): boolean {
    return this.needsConsentValue;
  }
  private set needsConsent(value: boolean) {
    this.needsConsentValue = value;
    this.host.requestUpdate();
  }

  /** Playing, or loading to play. */
  get running(): boolean {
    return this.phase === 'playing' || this.phase === 'loading';
  }

  /** A source or playback has been asked for since the poster. */
  get started(): boolean {
    return this.phase !== 'poster';
  }

  hostDisconnected(): void {
    this.unload();
    releasePlayback(this);
  }

  /** In view, tab visible, reduced motion changed; `leftView` lifts the hold on autoplay. */
  visibilityChanged(leftView: boolean): void {
    if (leftView) this.holdAutoplay = false;
    this.reconcile();
  }

  /** Before an update: consent withdrawn stops whatever plays and goes back to the poster. */
  checkConsent(): void {
    if (this.hooks.allowed() || this.phase === 'poster' || this.phase === 'error') return;
    this.resetToPoster();
    this.host.dispatchEvent(new PerchVideoStateEvent('stopped', true));
  }

  /** After an update: a new source may start by itself; consent given plays what was asked for. */
  afterUpdate(mediaChanged: boolean): void {
    if (mediaChanged && this.hooks.media() !== undefined) queueMicrotask(() => this.reconcile());
    if (this.needsConsent && this.hooks.allowed()) {
      const play = this.playAfterConsent;
      this.playAfterConsent = false;
      queueMicrotask(() => {
        this.needsConsent = false;
        if (play) void this.play();
      });
    }
  }

  /** Make the element silent unless the person turned sound on; called before every start. */
  private assertMuted(video: HTMLVideoElement): void {
    if (this.soundOn) return;
    video.defaultMuted = true;
    video.muted = true;
  }

  private mayAutoplay(): boolean {
    return (
      this.hooks.media() !== undefined &&
      this.hooks.autoplay() === 'in-view' &&
      this.visibility.halfInView &&
      !document.hidden &&
      !this.holdAutoplay &&
      !this.visibility.reducedMotion &&
      this.phase !== 'error' &&
      !this.needsConsent &&
      this.hooks.allowed()
    );
  }

  /** Start or stop by the rules: in view, tab visible, reduced motion, the person's own choices. */
  private reconcile(): void {
    const video = this.hooks.video();
    if (video === null || !this.host.isConnected) return;
    if (this.running) {
      const leave = document.hidden || (this.autoStarted ? !this.visibility.halfInView : !this.visibility.anyInView) || (this.autoStarted && this.visibility.reducedMotion);
      if (leave) this.pausePlayback(true);
      return;
    }
    if (this.mayAutoplay()) void this.start(true);
  }

  /** Start playback: `automatic` when the player starts it by itself (always muted). */
  private async start(automatic: boolean): Promise<void> {
    const video = this.hooks.video();
    if (video === null) return;
    const src = this.hooks.source(video);
    if (src === 'consent') {
      // Only the person's own press asks for consent (and plays once it is given); an automatic start just stays on the poster.
      if (!automatic) {
        this.needsConsent = true;
        this.playAfterConsent = true;
      }
      return;
    }
    if (src === undefined) {
      this.showError();
      return;
    }
    if (automatic) this.soundOn = false;
    this.autoStarted = automatic;
    this.assertMuted(video);
    if (video.getAttribute('src') !== src) {
      video.src = src;
      this.assertMuted(video);
    }
    if (this.phase === 'poster') {
      this.hooks.moveFocus('.big-play', '.play-pause');
      this.phase = 'loading';
    }
    claimPlayback(this);
    this.assertMuted(video);
    try {
      await video.play();
    } catch (error: unknown) {
      this.playRejected(error, automatic);
    }
  }

  private playRejected(error: unknown, automatic: boolean): void {
    const name = error instanceof DOMException ? error.name : '';
    // A pause or new source interrupted the start: nothing is wrong.
    if (name === 'AbortError') return;
    releasePlayback(this);
    if (name === 'NotAllowedError') {
      // The browser refused to start: stay on the poster with the play button.
      this.resetToPoster();
      if (automatic) this.holdAutoplay = true;
      return;
    }
    this.showError();
  }

  private pausePlayback(automatic: boolean): void {
    const video = this.hooks.video();
    if (video === null) return;
    if (!automatic) this.holdAutoplay = true;
    this.pauseWasAutomatic = automatic;
    video.pause();
    if (this.phase === 'loading') this.phase = 'paused';
  }

  /** Another player started: pause, and do not autoplay again until this one leaves the view. */
  yieldPlayback(): void {
    this.holdAutoplay = true;
    this.pausePlayback(true);
  }

  /** Stop: pause, drop the source (the download stops) and show the poster again. */
  stop(): void {
    this.holdAutoplay = true;
    this.resetToPoster();
    this.hooks.announce('stopped');
    this.host.dispatchEvent(new PerchVideoStateEvent('stopped', false));
  }

  /** Play (as the person's own request); sound stays as the person left it, off by default. */
  play(): Promise<void> {
    this.holdAutoplay = false;
    return this.start(false);
  }

  /** Pause (as the person's own request). */
  pause(): void {
    this.pausePlayback(false);
  }

  /** Pause when running, else play (the person's request). */
  togglePlay(): void {
    if (this.running) this.pause();
    else void this.play();
  }

  /** Sound on or off; the only way to sound is the person's own press. */
  toggleSound(): void {
    const video = this.hooks.video();
    if (video === null) return;
    this.soundOn = !this.soundOn;
    video.muted = !this.soundOn;
    video.defaultMuted = !this.soundOn;
    this.hooks.announce(this.soundOn ? 'soundOn' : 'soundOff');
  }

  /** Move to `seconds`, as the seek bar does. */
  seekTo(seconds: number): void {
    const video = this.hooks.video();
    if (video === null || !Number.isFinite(seconds)) return;
    video.currentTime = seconds;
    this.currentTime = seconds;
  }

  /** Step `seconds` forward or back within the medium, as the arrow keys do. */
  seekBy(seconds: number): void {
    const video = this.hooks.video();
    if (video === null || this.phase === 'poster' || this.phase === 'error') return;
    const end = Number.isFinite(video.duration) ? video.duration : this.duration;
    video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), end);
    this.currentTime = video.currentTime;
  }

  /** Back to the poster with nothing downloading (a new source, consent withdrawn, Stop). */
  resetToPoster(): void {
    this.hooks.moveFocus('.bar button', '.big-play');
    this.unload();
    this.phase = 'poster';
    this.currentTime = 0;
    this.autoStarted = false;
    releasePlayback(this);
  }

  private unload(): void {
    const video = this.hooks.video();
    if (video === null) return;
    video.pause();
    if (video.hasAttribute('src')) {
      video.removeAttribute('src');
      video.load();
    }
  }

  private showError(): void {
    if (this.phase === 'error') return; // a rejected play() and the element's error event report the same failure
    this.hooks.moveFocus('button', '.message a');
    this.unload();
    releasePlayback(this);
    this.phase = 'error';
    this.hooks.announce('failed');
    this.host.dispatchEvent(new PerchVideoStateEvent('error', false));
  }

  // ── <video> events ──────────────────────────────────────────────────────

  /** Handlers for the `<video>` element's events. */
  readonly events = {
    loadstart: (e: Event): void => this.assertMuted(e.currentTarget as HTMLVideoElement),
    loadedmetadata: (e: Event): void => {
      const video = e.currentTarget as HTMLVideoElement;
      this.assertMuted(video);
      if (Number.isFinite(video.duration)) this.duration = video.duration;
    },
    play: (e: Event): void => {
      // Covers every start, including one the browser retries by itself.
      this.assertMuted(e.currentTarget as HTMLVideoElement);
      claimPlayback(this);
    },
    playing: (): void => {
      if (this.phase === 'poster' || this.phase === 'error') return;
      const wasPlaying = this.phase === 'playing';
      this.phase = 'playing';
      if (!wasPlaying) {
        this.hooks.announce('playing');
        this.host.dispatchEvent(new PerchVideoStateEvent('playing', this.autoStarted));
      }
    },
    pause: (): void => {
      if (this.phase === 'poster' || this.phase === 'error') return;
      this.phase = 'paused';
      releasePlayback(this);
      this.hooks.announce('paused');
      this.host.dispatchEvent(new PerchVideoStateEvent('paused', this.pauseWasAutomatic));
      this.pauseWasAutomatic = false;
    },
    volumechange: (e: Event): void => {
      const video = e.currentTarget as HTMLVideoElement;
      if (!video.muted && !this.soundOn) video.muted = true; // sound only by the person's press
    },
    timeupdate: (e: Event): void => {
      this.currentTime = (e.currentTarget as HTMLVideoElement).currentTime;
    },
    error: (e: Event): void => {
      const video = e.currentTarget as HTMLVideoElement;
      if (!video.hasAttribute('src')) return; // the player removed its source on purpose
      this.showError();
    },
  };
}
