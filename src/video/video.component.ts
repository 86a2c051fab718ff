/**
 * `<perch-video>`: the sound-off video and GIF player. Nothing is downloaded before
 * playback is asked for, anything that starts by itself starts muted, and sound comes
 * only from the person's own press of "Unmute".
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isPostId, type Media, type PostResult, type Video } from '../data/model.js';
import { safeHttpUrl } from '../text/safe-url.js';
import { ConsentController } from '../consent/consent-controller.js';
import { fetchPost, PostRequestError } from '../client/post-client.js';
import { PerchErrorEvent, type PerchErrorReason } from '../shared/events.js';
import { booleanAttribute } from '../shared/boolean-attribute.js';
import { pageVideoAutoplay, requestTimeoutMs, resolveServer } from '../shared/page-config.js';
import { LoadController } from '../shared/load-controller.js';
import { VisibilityController } from './video-visibility.js';
import { keyAction, renderControls, type ControlActions } from './video-controls.js';
import { type PerchVideoState } from './video-events.js';
import { VideoPlayback, type VideoAutoplay } from './video-playback.js';
import { chooseSource, resolveMedia, type MediaRoute } from './video-source.js';
import { videoMsg, type VideoMessageKey } from './video-i18n.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { videoStyles } from './video.styles.js';
import { bigPlayIcon } from './video-icons.js';

export type { VideoAutoplay };

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
export class PerchVideo extends LitElement {
  static override styles = videoStyles;

  // Declared without decorators, as in every Perch element: no decorator helpers ship.
  static override properties = {
    tweetId: { attribute: 'tweet-id', reflect: true },
    autoplay: {},
    server: {},
    dnt: { converter: booleanAttribute('dnt') },
    media: { attribute: false },
    postUrl: { attribute: 'post-url' },
    captionsOn: { state: true },
    fullscreen: { state: true },
    announcement: { state: true },
    failure: { state: true },
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

  private captionsOn = false;
  private fullscreen = false;
  private announcement = '';
  private failure: PerchErrorReason | undefined;

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
      this.playback.resetToPoster();
      this.ownMedia = false;
      this.media = undefined;
    },
  });
  /** `media` came from the post this element fetched itself (not from the property). */
  private ownMedia = false;
  /** In view, tab visible, reduced motion: the inputs of the autoplay and pause rules. */
  private readonly visibility = new VisibilityController(this, ({ leftView }) => this.playback.visibilityChanged(leftView));
  /** Phases, play/pause/stop, autoplay, one player at a time. */
  private readonly playback: VideoPlayback = new VideoPlayback(this, this.visibility, {
    video: () => this.videoEl,
    media: () => this.media,
    autoplay: () => this.effectiveAutoplay,
    allowed: () => this.playbackAllowed,
    source: (video) => chooseSource(this.media, video, this, this.mediaRoute),
    moveFocus: (from, to) => this.moveFocus(from, to),
    announce: (key) => this.announce(key),
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
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('media')) {
      const [w, h] = this.media?.aspectRatio ?? [16, 9];
      this.style.setProperty('--_ratio', `${w} / ${h}`);
      // A new source: back to the poster, nothing downloaded.
      if (changed.get('media') !== undefined) this.playback.resetToPoster();
    }
    if (changed.has('tweetId') && this.isConnected && this.media === undefined && this.tweetId !== '' && !isPostId(this.tweetId)) this.fail('invalid-id', `"${this.tweetId}" is not a post id.`);
    // Consent withdrawn: whatever plays stops at once and goes back to the poster.
    this.playback.checkConsent();
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


  /** Where media may be loaded from now. */
  private get mediaRoute(): MediaRoute {
    return { server: resolveServer(this.server), dnt: this.dnt || this.consent.childDirected, allowed: this.consent.core.allows('content') };
  }

  /** The autoplay policy in force for this player. */
  get effectiveAutoplay(): VideoAutoplay {
    const own = this.autoplay === 'off' || this.autoplay === 'in-view' ? this.autoplay : undefined;
    return own ?? pageVideoAutoplay() ?? (this.media?.type === 'gif' ? 'in-view' : 'off');
  }

  /** Stop: pause, drop the source (the download stops) and show the poster again. */
  stop(): void {
    this.playback.stop();
  }

  /** Play (as the person's own request); sound stays as the person left it, off by default. */
  play(): Promise<void> {
    return this.playback.play();
  }

  /** Pause (as the person's own request). */
  pause(): void {
    this.playback.pause();
  }

  /** Keep keyboard focus inside the player when the control under it goes away. */
  private moveFocus(from: string, to: string): void {
    if (this.shadowRoot?.activeElement?.matches(from) !== true) return;
    this.pendingFocus = to;
    this.requestUpdate();
  }

  private pendingFocus: string | undefined;

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
    const total = d !== undefined && Number.isFinite(d) ? d : this.playback.duration;
    return total > 0 && total < 30 ? 1 : 5;
  }

  private handleKey(e: KeyboardEvent): void {
    if (this.media === undefined || this.playback.phase === 'error') return;
    const action = keyAction(e, this.media.type === 'gif');
    if (action === undefined) return;
    if (action.do === 'toggle-play') this.playback.togglePlay();
    else if (action.do === 'toggle-sound') this.playback.toggleSound();
    else if (action.do === 'toggle-fullscreen') this.toggleFullscreen();
    else if (action.do === 'seek') this.playback.seekBy(action.direction * this.seekStep);
    else if (action.do === 'volume') this.changeVolume(action.delta);
    e.preventDefault();
  }

  private announce(key: VideoMessageKey): void {
    this.announcement = videoMsg(key, this.lng);
  }

  private readonly onMetadata = (e: Event): void => {
    this.playback.events.loadedmetadata(e);
    this.applyCaptions();
  };

  protected override updated(changed: PropertyValues<this>): void {
    if (this.pendingFocus !== undefined) {
      const target = this.shadowRoot?.querySelector<HTMLElement>(this.pendingFocus);
      this.pendingFocus = undefined;
      target?.focus();
    }
    this.playback.afterUpdate(changed.has('media'));
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
    const ev = this.playback.events;
    const { phase, started } = this.playback;
    const route = this.mediaRoute;
    const poster = resolveMedia(media.posterUrl, route);
    const captions = started ? (media.captions ?? []).map((c) => ({ ...c, src: resolveMedia(c.url, route) })).filter((c) => c.src !== undefined) : [];
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
        @loadstart=${ev.loadstart}
        @loadedmetadata=${this.onMetadata}
        @play=${ev.play}
        @playing=${ev.playing}
        @pause=${ev.pause}
        @volumechange=${ev.volumechange}
        @timeupdate=${ev.timeupdate}
        @error=${ev.error}
      >${captions.map((c) => html`<track kind="captions" src=${ifDefined(c.src)} srclang=${c.lang} label=${c.label} />`)}</video>
      ${(started && phase !== 'error') || poster === undefined ? nothing : html`<img part="poster" class="poster" src=${poster} alt=${media.altText ?? ''} decoding="async" referrerpolicy="no-referrer" />`}
      ${started ? nothing : html`<button part="play" class="big-play" type="button" data-consent-focus aria-label=${videoMsg(isGif ? 'playGif' : 'playVideo', lng)} @click=${() => void this.play()}>${bigPlayIcon}</button>
          ${isGif ? html`<span class="gif-label" aria-hidden="true">GIF</span>` : nothing}`}
      ${started && phase !== 'error' ? this.renderControls(media) : nothing}
      ${phase === 'error' ? this.renderMessage('failed') : nothing}
      ${this.playback.needsConsent ? html`<div class="consent">${this.consent.renderPlaceholder({ what: videoMsg('consentWhat', lng), from: 'x.com', lang: lng })}</div>` : nothing}
      <span class="sr-only" role="status" aria-live="polite">${phase === 'error' ? '' : this.announcement}</span>
    </div>`;
  }

  private renderControls(media: Video): TemplateResult {
    const p = this.playback;
    const state = { media, running: p.running, soundOn: p.soundOn, captionsOn: this.captionsOn, fullscreen: this.fullscreen, currentTime: p.currentTime, duration: p.duration, lang: this.lng };
    return renderControls(state, this.controlActions);
  }

  private readonly controlActions: ControlActions = {
    togglePlay: () => this.playback.togglePlay(),
    stop: () => this.stop(),
    toggleSound: () => this.playback.toggleSound(),
    toggleCaptions: () => this.toggleCaptions(),
    toggleFullscreen: () => this.toggleFullscreen(),
    seek: (e) => this.playback.seekTo(Number((e.currentTarget as HTMLInputElement).value)),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-video': PerchVideo;
  }
}

export type { PerchVideoState };

