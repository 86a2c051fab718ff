/**
 * `<perch-video>`: the sound-off video and GIF player. Nothing is downloaded before
 * playback is asked for, anything that starts by itself starts muted, and sound comes
 * only from the person's own press of "Unmute".
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isPostId, type Media, type PostResult, type Video } from '../data/model.js';
import { isXMediaUrl, mediaUrl } from '../data/media-url.js';
import { safeHttpUrl } from '../text/safe-url.js';
import { ConsentController } from '../consent/consent-controller.js';
import { fetchPost, PostRequestError } from '../client/post-client.js';
import { PerchErrorEvent, type PerchErrorReason } from '../shared/events.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { pageVideoAutoplay, requestTimeoutMs, resolveServer } from '../shared/page-config.js';
import { LoadController } from '../shared/load-controller.js';
import { pickVariant } from './variant-picker.js';
import { VisibilityController } from './video-visibility.js';
import { keyAction, renderControls, type ControlActions } from './video-controls.js';
import { claimPlayback, releasePlayback, type CoordinatedPlayer } from './playback-coordinator.js';
import { PerchVideoStateEvent, type PerchVideoState } from './video-events.js';
import { videoMsg, type VideoMessageKey } from './video-i18n.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { videoStyles } from './video.styles.js';
import { bigPlayIcon } from './video-icons.js';

/** `off`: click to play. `in-view`: starts muted when at least half of it is visible. */
export type VideoAutoplay = 'off' | 'in-view';

type Phase = 'poster' | 'loading' | 'playing' | 'paused' | 'error';


interface NetworkInformationLike {
  saveData?: boolean;
}

function saveDataRequested(): boolean {
  const connection = (navigator as Navigator & { connection?: NetworkInformationLike }).connection;
  return connection?.saveData === true;
}

function isPlayable(m: Media): m is Video {
  return m.type === 'video' || m.type === 'gif';
}

/**
 * A video or animated GIF from an X post, played without sound until the person turns it on.
 *
 * @summary Sound-off video player: poster only until played, muted at every automatic start, pause/stop/mute/seek/fullscreen/captions controls.
 *
 * Light-DOM children (for example a poster image and a link to the post, as `<perch-tweet>` renders)
 * are shown until the element is defined and are not rendered afterwards.
 *
 * @fires perch-video-state - Playback started, paused, stopped (back to the poster) or failed; `automatic` says whether the player did it by itself.
 * @fires perch-error - Used alone with `tweet-id`: the post could not be fetched or has no video.
 *
 * @csspart video - The `<video>` element.
 * @csspart poster - The poster image shown before playback, after stop, and behind the message when the video fails.
 * @csspart play - The large play button over the poster.
 * @csspart controls - The control bar.
 * @csspart message - The notice shown when the video cannot be played here, with a link to X.
 *
 * @cssprop --perch-video-accent - Colour of the play button and seek bar (default X blue).
 * @cssprop --perch-focus-color - Focus ring colour.
 * @cssprop --perch-font-family - Font stack.
 */
export class PerchVideo extends LitElement implements CoordinatedPlayer {
  static override styles = videoStyles;

  // Declared without decorators, as in every Perch element: no decorator helpers ship.
  static override properties = {
    tweetId: { attribute: 'tweet-id', reflect: true },
    autoplay: {},
    server: {},
    dnt: { converter: booleanAttribute('dnt') },
    media: { attribute: false },
    postUrl: { attribute: 'post-url' },
    phase: { state: true },
    soundOn: { state: true },
    currentTime: { state: true },
    duration: { state: true },
    captionsOn: { state: true },
    fullscreen: { state: true },
    announcement: { state: true },
    failure: { state: true },
    needsConsent: { state: true },
  };

  /** Used alone: the post whose (first) video or GIF to play, fetched through the embed server. */
  tweetId = '';

  /** `off` (click to play) or `in-view` (muted while at least half visible). Defaults to the page setting, else `off` for video and `in-view` for GIFs. */
  autoplay: VideoAutoplay | undefined;

  /** Embed server base URL; media is proxied through it. Defaults to the page's setting. */
  server: string | undefined;

  /** Opt out of tailoring (boolean attribute) for the post request when used alone. */
  dnt = false;

  /** The video model (as in a post's `media`). Set by `<perch-tweet>`; no request is made. */
  media: Video | undefined;

  /** The post on X, for the "Watch on X" link. */
  postUrl: string | undefined;

  private phase: Phase = 'poster';
  private soundOn = false;
  private currentTime = 0;
  private duration = 0;
  private captionsOn = false;
  private fullscreen = false;
  private announcement = '';
  private failure: PerchErrorReason | undefined;
  private needsConsent = false;

  private get videoEl(): HTMLVideoElement | null {
    return this.shadowRoot?.querySelector('video') ?? null;
  }

  private readonly consent = new ConsentController(this, { purpose: 'content', firstParty: true });
  private readonly l10n = new LocalizeController(this);

  /** Used alone: the post is fetched once near, aborted on disconnect, restarted on a new id, dropped when consent goes. */
  private readonly loader = new LoadController<Video | undefined>(this, {
    key: () => {
      if (this.media !== undefined && !this.ownMedia) return undefined;
      return isPostId(this.tweetId) ? JSON.stringify([resolveServer(this.server) ?? null, this.tweetId]) : undefined;
    },
    allowed: () => this.consent.allowed,
    lazy: () => true,
    load: (key) => this.load(key),
    loaded: (video) => {
      if (video === undefined) {
        this.fail('unavailable', 'The post has no video or GIF.');
        return;
      }
      this.ownMedia = true;
      this.media = video;
    },
    failed: (error) => {
      const reason = error instanceof PostRequestError ? error.reason : error instanceof Error && error.message.startsWith('No embed server') ? 'no-source' : 'network';
      this.fail(reason, error instanceof Error ? error.message : String(error));
    },
    reset: () => {
      this.failure = undefined;
      if (!this.ownMedia) return;
      this.resetToPoster();
      this.ownMedia = false;
      this.media = undefined;
    },
  });
  /** The current playback was started by the player itself. */
  private autoStarted = false;
  /** The person paused or stopped, or another video took over: no autoplay until it leaves the view. */
  private holdAutoplay = false;
  /** The next pause event comes from the player itself (out of view, tab hidden, another video). */
  private pauseWasAutomatic = false;
  /** `media` came from the post this element fetched itself (not from the property). */
  private ownMedia = false;
  /** The person pressed Play before consent: play once it is given. */
  private playAfterConsent = false;
  /** In view, tab visible, reduced motion: the inputs of the autoplay and pause rules. */
  private readonly visibility = new VisibilityController(this, ({ leftView }) => {
    if (leftView) this.holdAutoplay = false;
    this.reconcile();
  });

  private readonly onFullscreen = (): void => {
    this.fullscreen = document.fullscreenElement === this;
  };
  private readonly onKey = (e: KeyboardEvent): void => this.handleKey(e);

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.onFullscreen);
    this.addEventListener('keydown', this.onKey);
    if (this.tweetId !== '' && !isPostId(this.tweetId) && this.media === undefined) this.fail('invalid-id', `"${this.tweetId}" is not a post id.`);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.onFullscreen);
    this.removeEventListener('keydown', this.onKey);
    this.unload();
    releasePlayback(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('media')) {
      const [w, h] = this.media?.aspectRatio ?? [16, 9];
      this.style.setProperty('--_ratio', `${w} / ${h}`);
      // A new source: back to the poster, nothing downloaded.
      if (changed.get('media') !== undefined) this.resetToPoster();
    }
    if (changed.has('tweetId') && this.isConnected && this.media === undefined && this.tweetId !== '' && !isPostId(this.tweetId)) this.fail('invalid-id', `"${this.tweetId}" is not a post id.`);
    // Consent withdrawn: whatever plays stops at once and goes back to the poster.
    if (!this.playbackAllowed && this.phase !== 'poster' && this.phase !== 'error') {
      this.resetToPoster();
      this.dispatchEvent(new PerchVideoStateEvent('stopped', true));
    }
  }

  /** Video bytes and playback wait for consent in every mode (first-party or not). */
  private get playbackAllowed(): boolean {
    return this.consent.core.allows('content');
  }

  /** Used alone: fetch the post (through the shared batched client) and take its first video or GIF. */
  private async load(key: string): Promise<Video | undefined> {
    const [server, id] = JSON.parse(key) as [string | null, string];
    if (server === null) throw new Error('No embed server is configured.');
    const query: Record<string, string> = this.consent.effectiveDnt(this.dnt) ? { dnt: 'true' } : {};
    const result: PostResult = await fetchPost(server, id, { timeoutMs: requestTimeoutMs(), query });
    if (result.kind === 'post') this.postUrl ??= result.url;
    return result.kind === 'post' ? result.media.find(isPlayable) : undefined;
  }

  private fail(reason: PerchErrorReason, detail: string): void {
    this.failure = reason;
    this.dispatchEvent(new PerchErrorEvent(reason, detail));
  }

  // ── Sources ──────────────────────────────────────────────────────────────

  /** Where to load one of X's media URLs from: the embed server's proxy, X itself only after consent, else nowhere. */
  private resolveMedia(original: string): string | undefined {
    if (!isXMediaUrl(original)) return undefined;
    const server = resolveServer(this.server);
    if (server !== undefined) return mediaUrl(original, server, { dnt: this.dnt || this.consent.childDirected });
    return this.consent.core.allows('content') ? original : undefined;
  }

  /** The URL to play, `consent` when it waits for consent, or undefined when nothing here can be played. */
  private chooseSource(video: HTMLVideoElement): string | 'consent' | undefined {
    const media = this.media;
    if (media === undefined) return undefined;
    const variant = pickVariant(media.variants, {
      cssWidth: this.getBoundingClientRect().width,
      dpr: window.devicePixelRatio || 1,
      saveData: saveDataRequested(),
      nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
    });
    if (variant === undefined) return undefined;
    if (!isXMediaUrl(variant.url)) return undefined;
    if (!this.playbackAllowed) return 'consent';
    return this.resolveMedia(variant.url) ?? 'consent';
  }

  // ── Playback ─────────────────────────────────────────────────────────────

  /** Make the element silent unless the person turned sound on; called before every start. */
  private assertMuted(video: HTMLVideoElement): void {
    if (this.soundOn) return;
    video.defaultMuted = true;
    video.muted = true;
  }

  /** The autoplay policy in force for this player. */
  get effectiveAutoplay(): VideoAutoplay {
    const own = this.autoplay === 'off' || this.autoplay === 'in-view' ? this.autoplay : undefined;
    return own ?? pageVideoAutoplay() ?? (this.media?.type === 'gif' ? 'in-view' : 'off');
  }

  private mayAutoplay(): boolean {
    return (
      this.media !== undefined &&
      this.effectiveAutoplay === 'in-view' &&
      this.visibility.halfInView &&
      !document.hidden &&
      !this.holdAutoplay &&
      !this.visibility.reducedMotion &&
      this.phase !== 'error' &&
      !this.needsConsent &&
      this.playbackAllowed
    );
  }

  /** Start or stop by the rules: in view, tab visible, reduced motion, the person's own choices. */
  private reconcile(): void {
    const video = this.videoEl;
    if (video === null || !this.isConnected) return;
    const running = this.phase === 'playing' || this.phase === 'loading';
    if (running) {
      const leave = document.hidden || (this.autoStarted ? !this.visibility.halfInView : !this.visibility.anyInView) || (this.autoStarted && this.visibility.reducedMotion);
      if (leave) this.pausePlayback(true);
      return;
    }
    if (this.mayAutoplay()) void this.start(true);
  }

  /** Start playback: `automatic` when the player starts it by itself (always muted). */
  private async start(automatic: boolean): Promise<void> {
    const video = this.videoEl;
    if (video === null) return;
    const src = this.chooseSource(video);
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
      this.moveFocus('.big-play', '.play-pause');
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
    const video = this.videoEl;
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
    this.announce('stopped');
    this.dispatchEvent(new PerchVideoStateEvent('stopped', false));
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

  /** Keep keyboard focus inside the player when the control under it goes away. */
  private moveFocus(from: string, to: string): void {
    if (this.shadowRoot?.activeElement?.matches(from) !== true) return;
    this.pendingFocus = to;
    this.requestUpdate();
  }

  private pendingFocus: string | undefined;

  private resetToPoster(): void {
    this.moveFocus('.bar button', '.big-play');
    this.unload();
    this.phase = 'poster';
    this.currentTime = 0;
    this.autoStarted = false;
    releasePlayback(this);
  }

  private unload(): void {
    const video = this.videoEl;
    if (video === null) return;
    video.pause();
    if (video.hasAttribute('src')) {
      video.removeAttribute('src');
      video.load();
    }
  }

  private showError(): void {
    if (this.phase === 'error') return; // a rejected play() and the element's error event report the same failure
    this.moveFocus('button', '.message a');
    this.unload();
    releasePlayback(this);
    this.phase = 'error';
    this.announcement = videoMsg('failed', this.lng);
    this.dispatchEvent(new PerchVideoStateEvent('error', false));
  }

  private toggleSound(): void {
    const video = this.videoEl;
    if (video === null) return;
    // The only way to sound: the person's own press.
    this.soundOn = !this.soundOn;
    video.muted = !this.soundOn;
    video.defaultMuted = !this.soundOn;
    this.announce(this.soundOn ? 'soundOn' : 'soundOff');
  }

  private togglePlay(): void {
    if (this.phase === 'playing' || this.phase === 'loading') this.pause();
    else void this.play();
  }

  private seekBy(seconds: number): void {
    const video = this.videoEl;
    if (video === null || this.phase === 'poster' || this.phase === 'error') return;
    const end = Number.isFinite(video.duration) ? video.duration : this.duration;
    video.currentTime = Math.min(Math.max(0, video.currentTime + seconds), end);
    this.currentTime = video.currentTime;
  }

  private changeVolume(delta: number): void {
    const video = this.videoEl;
    if (video === null) return;
    video.volume = Math.min(1, Math.max(0, Math.round((video.volume + delta) * 10) / 10));
  }

  private toggleFullscreen(): void {
    if (document.fullscreenElement === this) void document.exitFullscreen().catch(() => undefined);
    else if (this.requestFullscreen !== undefined) void this.requestFullscreen().catch(() => undefined);
  }

  private toggleCaptions(): void {
    this.captionsOn = !this.captionsOn;
    this.applyCaptions();
  }

  private applyCaptions(): void {
    const video = this.videoEl;
    if (video === null) return;
    const tracks = video.textTracks;
    for (let i = 0; i < tracks.length; i++) {
      const t = tracks[i];
      if (t !== undefined) t.mode = this.captionsOn && i === 0 ? 'showing' : 'disabled';
    }
  }

  /** Arrow keys step 5 s (1 s on clips shorter than 30 s). */
  private get seekStep(): number {
    const d = this.videoEl?.duration;
    const total = d !== undefined && Number.isFinite(d) ? d : this.duration;
    return total > 0 && total < 30 ? 1 : 5;
  }

  private handleKey(e: KeyboardEvent): void {
    if (this.media === undefined || this.phase === 'error') return;
    const action = keyAction(e, this.media.type === 'gif');
    if (action === undefined) return;
    if (action.do === 'toggle-play') this.togglePlay();
    else if (action.do === 'toggle-sound') this.toggleSound();
    else if (action.do === 'toggle-fullscreen') this.toggleFullscreen();
    else if (action.do === 'seek') this.seekBy(action.direction * this.seekStep);
    else if (action.do === 'volume') this.changeVolume(action.delta);
    e.preventDefault();
  }

  private announce(key: VideoMessageKey): void {
    this.announcement = videoMsg(key, this.lng);
  }

  // ── <video> events ──────────────────────────────────────────────────────

  private readonly onLoadStart = (e: Event): void => this.assertMuted(e.currentTarget as HTMLVideoElement);

  private readonly onMetadata = (e: Event): void => {
    const video = e.currentTarget as HTMLVideoElement;
    this.assertMuted(video);
    if (Number.isFinite(video.duration)) this.duration = video.duration;
    this.applyCaptions();
  };

  private readonly onPlay = (e: Event): void => {
    // Covers every start, including one the browser retries by itself.
    this.assertMuted(e.currentTarget as HTMLVideoElement);
    claimPlayback(this);
  };

  private readonly onPlaying = (): void => {
    if (this.phase === 'poster' || this.phase === 'error') return;
    const wasPlaying = this.phase === 'playing';
    this.phase = 'playing';
    if (!wasPlaying) {
      this.announce('playing');
      this.dispatchEvent(new PerchVideoStateEvent('playing', this.autoStarted));
    }
  };

  private readonly onPause = (): void => {
    if (this.phase === 'poster' || this.phase === 'error') return;
    this.phase = 'paused';
    releasePlayback(this);
    this.announce('paused');
    this.dispatchEvent(new PerchVideoStateEvent('paused', this.pauseWasAutomatic));
    this.pauseWasAutomatic = false;
  };

  private readonly onVolume = (e: Event): void => {
    const video = e.currentTarget as HTMLVideoElement;
    if (!video.muted && !this.soundOn) video.muted = true; // sound only by the person's press
  };

  private readonly onTime = (e: Event): void => {
    this.currentTime = (e.currentTarget as HTMLVideoElement).currentTime;
  };

  private readonly onError = (e: Event): void => {
    const video = e.currentTarget as HTMLVideoElement;
    if (!video.hasAttribute('src')) return; // the player removed its source on purpose
    this.showError();
  };

  private readonly onSeek = (e: Event): void => {
    const video = this.videoEl;
    const value = Number((e.currentTarget as HTMLInputElement).value);
    if (video === null || !Number.isFinite(value)) return;
    video.currentTime = value;
    this.currentTime = value;
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (this.pendingFocus !== undefined) {
      const target = this.shadowRoot?.querySelector<HTMLElement>(this.pendingFocus);
      this.pendingFocus = undefined;
      target?.focus();
    }
    // A (new) source may start by itself if the rules allow.
    if (changed.has('media') && this.media !== undefined) queueMicrotask(() => this.reconcile());
    if (this.needsConsent && this.playbackAllowed) {
      const play = this.playAfterConsent;
      this.playAfterConsent = false;
      queueMicrotask(() => {
        this.needsConsent = false;
        if (play) void this.play();
      });
    }
  }

  // ── Rendering ────────────────────────────────────────────────────────────

  private get lng(): string {
    return this.l10n.lang;
  }

  private get watchUrl(): string {
    const own = this.postUrl === undefined ? undefined : safeHttpUrl(this.postUrl);
    if (own !== undefined) return own;
    return isPostId(this.tweetId) ? `https://x.com/i/status/${this.tweetId}` : 'https://x.com/';
  }

  private renderMessage(key: VideoMessageKey): TemplateResult {
    return html`<div part="message" class="message" role="status" lang=${this.lng} dir=${this.l10n.dir}>
      <p>${videoMsg(key, this.lng)}</p>
      <a href=${this.watchUrl} target="_blank" rel="noopener noreferrer">${videoMsg('watchOnX', this.lng)}</a>
    </div>`;
  }

  protected override render(): TemplateResult {
    return this.consent.withLiveRegion(this.renderState());
  }

  private renderState(): TemplateResult {
    const media = this.media;
    if (!this.l10n.ready) return html`<div class="frame" aria-busy="true"></div>`;
    if (media === undefined) {
      if (this.failure !== undefined) return this.renderMessage(this.failure === 'unavailable' ? 'unavailable' : 'failed');
      if (this.tweetId !== '' && !this.consent.allowed) return html`<div class="consent" lang=${this.lng} dir=${this.l10n.dir}>${this.consent.renderPlaceholder({ what: videoMsg('consentWhat', this.lng), from: 'x.com', lang: this.lng })}</div>`;
      return html`<div class="frame" aria-busy=${this.loader.state === 'failed' ? 'false' : 'true'}></div>`;
    }
    const isGif = media.type === 'gif';
    const lng = this.lng;
    const started = this.phase !== 'poster';
    const poster = this.resolveMedia(media.posterUrl);
    const captions = started ? (media.captions ?? []).map((c) => ({ ...c, src: this.resolveMedia(c.url) })).filter((c) => c.src !== undefined) : [];
    return html`<div class="frame" role="group" lang=${lng} dir=${this.l10n.dir} aria-label=${videoMsg(isGif ? 'gifPlayer' : 'videoPlayer', lng)}>
      <video
        part="video"
        preload="none"
        playsinline
        muted
        disablepictureinpicture
        crossorigin=${ifDefined(captions.length > 0 ? 'anonymous' : undefined)}
        ?loop=${isGif}
        aria-label=${ifDefined(media.altText)}
        @loadstart=${this.onLoadStart}
        @loadedmetadata=${this.onMetadata}
        @play=${this.onPlay}
        @playing=${this.onPlaying}
        @pause=${this.onPause}
        @volumechange=${this.onVolume}
        @timeupdate=${this.onTime}
        @error=${this.onError}
      >${captions.map((c) => html`<track kind="captions" src=${ifDefined(c.src)} srclang=${c.lang} label=${c.label} />`)}</video>
      ${(started && this.phase !== 'error') || poster === undefined ? nothing : html`<img part="poster" class="poster" src=${poster} alt=${media.altText ?? ''} decoding="async" referrerpolicy="no-referrer" />`}
      ${started ? nothing : html`<button part="play" class="big-play" type="button" data-consent-focus aria-label=${videoMsg(isGif ? 'playGif' : 'playVideo', lng)} @click=${() => void this.play()}>${bigPlayIcon}</button>
          ${isGif ? html`<span class="gif-label" aria-hidden="true">GIF</span>` : nothing}`}
      ${started && this.phase !== 'error' ? this.renderControls(media) : nothing}
      ${this.phase === 'error' ? this.renderMessage('failed') : nothing}
      ${this.needsConsent ? html`<div class="consent">${this.consent.renderPlaceholder({ what: videoMsg('consentWhat', lng), from: 'x.com', lang: lng })}</div>` : nothing}
      <span class="sr-only" role="status" aria-live="polite">${this.phase === 'error' ? '' : this.announcement}</span>
    </div>`;
  }

  private renderControls(media: Video): TemplateResult {
    const state = { media, running: this.phase === 'playing' || this.phase === 'loading', soundOn: this.soundOn, captionsOn: this.captionsOn, fullscreen: this.fullscreen, currentTime: this.currentTime, duration: this.duration, lang: this.lng };
    return renderControls(state, this.controlActions);
  }

  private readonly controlActions: ControlActions = {
    togglePlay: () => this.togglePlay(),
    stop: () => this.stop(),
    toggleSound: () => this.toggleSound(),
    toggleCaptions: () => this.toggleCaptions(),
    toggleFullscreen: () => this.toggleFullscreen(),
    seek: (e) => this.onSeek(e),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-video': PerchVideo;
  }
}

export type { PerchVideoState };
