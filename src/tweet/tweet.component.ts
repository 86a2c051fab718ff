/**
 * `<perch-tweet>`: one X post rendered natively (no iframe), from the embed server
 * or from inline JSON, with the publisher's pasted markup as the fallback.
 */
import { LitElement, html, isServer, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isPostId, type PostResult } from '../data/model.js';
import { parsePostResult } from '../data/validate-model.js';
import { ConsentController } from '../consent/consent-controller.js';
import { trackImpressions } from '../impressions/impression-tracker.js';
import { fetchPost, PostRequestError } from '../client/post-client.js';
import { PerchErrorEvent, PerchLoadEvent, PerchRenderEvent, type PerchErrorReason } from '../shared/events.js';
import { booleanAttribute, deprecationNotice } from '../shared/boolean-attribute.js';
import { pageSwap, requestTimeoutMs, resolveServer } from '../shared/page-config.js';
import { LoadController } from '../shared/load-controller.js';
import { msg } from '../shared/i18n.js';
import { LocalizeController } from '../i18n/localize-controller.js';
import { renderPostResult, type RenderContext } from '../post/post-view.js';
import { postStyles } from '../post/post.styles.js';
import { themeScheme, themeTokens } from '../shared/theme-tokens.js';
import { ThemeController, type Theme } from '../shared/theme-controller.js';
import { scheduleReserve, setReserve } from '../post/pasted-reserve.js';
import { estimatePostHeight } from '../post/reserve-height.js';

/** A post that has arrived is on screen within this many milliseconds, whatever the reader does. */
export const SWAP_DEADLINE_MS = 300;

/** Allowed widths, in CSS pixels (X's own limits). */
export const MIN_WIDTH = 250;
export const MAX_WIDTH = 550;

interface Failure {
  reason: PerchErrorReason;
  detail: string;
}

/**
 * An embedded X post.
 *
 * @summary Renders one post natively, lazily fetched in batches from the embed server or read from inline JSON.
 *
 * @slot - Fallback shown until the post renders (for example X's pasted `<blockquote class="twitter-tweet">`); a `<script type="application/json">` child holding a post model is read as inline data.
 *
 * @fires perch-load - The post's data arrived.
 * @fires perch-render - The post is on the page.
 * @fires perch-error - The post could not be shown; the fallback stays.
 *
 * @csspart base - The article holding the post.
 * @csspart header - Avatar, name, handle and X mark.
 * @csspart avatar - The author's picture.
 * @csspart name - The author's display name.
 * @csspart handle - The author's @handle.
 * @csspart follow - The "Follow" link after the handle (X's follow intent).
 * @csspart parent - The post replied to, shown above a reply.
 * @csspart body - Text, media, quoted post, card and poll.
 * @csspart text - The post's text.
 * @csspart media - Photos, video or GIF.
 * @csspart video - A video or GIF's `<video>` element (from the nested `<perch-video>`; likewise `poster`, `play`, `controls`, `video-message` and `video-consent`).
 * @csspart quoted - The quoted post.
 * @csspart card - The link card.
 * @csspart poll - Poll results.
 * @csspart footer - Timestamp, actions and the "Read N replies" link.
 * @csspart info - The information icon beside the timestamp (X's ads information and privacy page).
 * @csspart actions - Like and reply links and the copy-link button.
 * @csspart copy - The "Copy link" button.
 * @csspart replies - The "Read N replies" / "Read more on X" link at the bottom.
 * @csspart tombstone - The notice for an unavailable post.
 * @csspart message - The short notice shown under the fallback when loading failed.
 *
 * @cssprop --perch-background - Background colour.
 * @cssprop --perch-color - Text colour.
 * @cssprop --perch-secondary-color - Colour of handles, times and counts.
 * @cssprop --perch-link-color - Colour of links in the text.
 * @cssprop --perch-border-color - Border colour.
 * @cssprop --perch-font-family - Font stack.
 * @cssprop --perch-radius - Corner radius.
 * @cssprop --perch-reserve-height - Height reserved while the post loads.
 */
export class PerchTweet extends LitElement {
  static override styles = [themeTokens, themeScheme, postStyles];

  // Declared without decorators: the decorator helpers would otherwise ship on every post page.
  static override properties = {
    tweetId: { attribute: 'tweet-id', reflect: true },
    theme: {},
    width: { type: Number },
    align: { reflect: true },
    dnt: { converter: booleanAttribute('dnt') },
    hideCards: { attribute: 'hide-cards', type: Boolean },
    hideThread: { attribute: 'hide-thread', type: Boolean },
    cards: {},
    conversation: {},
    server: {},
    loading: {},
    swap: {},
    timeZone: { attribute: 'time-zone' },
    result: { state: true },
    failure: { state: true },
  };

  /** The post's numeric id. */
  tweetId = '';

  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). Defaults to the page setting, else light. */
  theme: Theme | undefined;

  /** Width in CSS pixels, 250–550 (default 550). */
  width: number | undefined;

  /** `left`, `center` or `right`. */
  align: 'left' | 'center' | 'right' | undefined;

  /** Opt out of tailoring (boolean attribute); forced on by the site-wide under-13 switch. */
  dnt = false;

  /** Hide the link card (boolean attribute). */
  hideCards = false;

  /** Hide the parent post and "Replying to" (boolean attribute). */
  hideThread = false;

  /** @deprecated Use `hide-cards`; `cards="hidden"` still works until the next minor version. */
  cards: string | undefined;

  /** @deprecated Use `hide-thread`; `conversation="none"` still works until the next minor version. */
  conversation: string | undefined;

  /** Embed server base URL; defaults to the page's `perch:server` meta tag or the script's origin. */
  server: string | undefined;

  /** `lazy` (default): fetch when about one viewport away. `eager`: fetch at once. */
  loading: 'lazy' | 'eager' = 'lazy';

  /**
   * `auto` (default): the post replaces a pasted fallback as soon as it arrives while the
   * page is loading, in the first screen, or out of view; later in a visit, while the reader
   * is looking at the fallback, at the next moment that moves nothing (the reader's next
   * interaction, or the fallback leaving the viewport), and at the latest 300 ms after it
   * arrived. `immediate`: swap as soon as the post arrives. Page default: `PerchConfig.swap`.
   */
  swap: 'auto' | 'immediate' = 'auto';

  /** Time zone for the timestamp (IANA name); the reader's own by default. */
  timeZone: string | undefined;

  private result: PostResult | undefined;
  private failure: Failure | undefined;


  /** The consent decision sits in the data path: no request and no X host unless it allows. */
  private readonly consent = new ConsentController(this, { purpose: 'content', firstParty: true });

  /** The post's language, chosen as X's widgets choose it; strings other than English load on demand and the post waits for them. */
  private readonly language = new LocalizeController(this);

  /** The element arrived with a server-rendered (declarative) shadow root. */
  private serverRendered = false;

  /** The post came from inline data (a JSON child or the `data` property), not from the embed server. */
  private inline = false;
  private stopImpressions: (() => void) | undefined;
  private rendered: PostResult | undefined;
  private cancelSwap: (() => void) | undefined;

  /** Fetching from the embed server: aborted on disconnect, restarted on a new id, dropped when consent goes. */
  private readonly loader = new LoadController<PostResult>(this, {
    key: () => {
      // Inline data (read at connection, possibly just after this) is never fetched.
      if (this.inline || !isPostId(this.tweetId) || this.inlineScript() !== undefined) return undefined;
      return JSON.stringify([resolveServer(this.server) ?? null, this.tweetId]);
    },
    allowed: () => this.consent.allowed,
    lazy: () => this.loading !== 'eager',
    load: (key) => this.load(key),
    loaded: (result) => this.arrived(result),
    failed: (error) => {
      if (error instanceof PostRequestError) this.fail(error.reason === 'invalid-data' ? 'invalid-data' : error.reason, error.message);
      else this.fail(error instanceof NoServerError ? 'no-source' : 'network', error instanceof Error ? error.message : String(error));
    },
    reset: () => {
      if (!this.inline) this.dropShown();
    },
  });

  /** The post model being shown, when there is one. Setting it renders that post without any request. */
  get data(): PostResult | undefined {
    return this.result;
  }

  set data(value: unknown) {
    try {
      const parsed = parsePostResult(value);
      this.inline = true;
      this.loader.clear();
      this.accept(parsed);
    } catch (error: unknown) {
      this.fail('invalid-data', error instanceof Error ? error.message : String(error));
    }
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (!isServer && this.shadowRoot !== null) this.serverRendered = true;
    // A server-rendered (declarative) shadow root, but Lit's hydration support was not loaded
    // first (`perch-widgets/hydrate`): render afresh in it rather than beside the static copy.
    if (!isServer && this.shadowRoot !== null && Object.getOwnPropertyDescriptor(LitElement, 'observedAttributes') === undefined) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  constructor() {
    super();
    // The effective theme, as the custom state `light` or `dark`.
    new ThemeController(this, () => this.theme);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.checkSource();
    // Moved back onto a page (or moved within it): watch its impressions again.
    this.trackRendered();
    // Hold the post's space before it arrives (from the pasted fallback, or a typical post).
    if (this.result === undefined && this.failure === undefined && !this.serverRendered) scheduleReserve(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopImpressions?.();
    this.stopImpressions = undefined;
    this.cancelSwap?.();
    this.cancelSwap = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('cards') && this.cards !== undefined) deprecationNotice('<perch-tweet cards="hidden">: write <perch-tweet hide-cards>.');
    if (changed.has('conversation') && this.conversation !== undefined) deprecationNotice('<perch-tweet conversation="none">: write <perch-tweet hide-thread>.');
    if (changed.has('width')) {
      const w = this.width;
      // Server rendering (Lit SSR) has no CSSOM: the width goes out as a style attribute, which the client then sets through CSSOM to the same value.
      if (isServer) {
        if (w !== undefined && Number.isFinite(w)) this.setAttribute('style', `--perch-width: ${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w))}px`);
      } else if (w === undefined || !Number.isFinite(w)) this.style.removeProperty('--perch-width');
      else this.style.setProperty('--perch-width', `${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w))}px`);
    }
    // Also covers an element created, connected, and only then given its id (as scripts do).
    if (changed.has('tweetId') && this.isConnected && this.tweetId !== '') this.checkSource();
  }

  /** Inline data wins over a request; an id that is not one fails at once. The loader does the rest. */
  private checkSource(): void {
    if (this.inline && this.result !== undefined && this.result.id === this.tweetId) return;
    if (this.readInlineData() !== 'none') return;
    if (this.tweetId !== '' && !isPostId(this.tweetId) && this.failure?.reason !== 'invalid-id') {
      this.fail('invalid-id', `"${this.tweetId}" is not a post id (digits only, at most 40).`);
    }
  }

  /** The `<script type="application/json">` child holding an inline post model, if any (a walk over the children: cheaper than a selector, on every post's path). */
  private inlineScript(): HTMLScriptElement | undefined {
    for (const child of this.children) if (child instanceof HTMLScriptElement && child.type === 'application/json') return child;
    return undefined;
  }

  /** Reads an inline post model from a `<script type="application/json">` child, if there is one. */
  private readInlineData(): 'none' | 'accepted' | 'invalid' {
    const script = this.inlineScript();
    if (script === undefined) return 'none';
    try {
      const parsed = parsePostResult(JSON.parse(script.textContent ?? ''));
      if (this.tweetId === '') this.tweetId = parsed.id;
      this.inline = true;
      this.accept(parsed);
      return 'accepted';
    } catch (error: unknown) {
      this.inline = true;
      this.fail('invalid-data', `Inline post data is not valid: ${error instanceof Error ? error.message : String(error)}`);
      return 'invalid';
    }
  }

  private load(key: string): Promise<PostResult> {
    const [server, id] = JSON.parse(key) as [string | null, string];
    if (server === null) return Promise.reject(new NoServerError());
    const dnt = this.consent.effectiveDnt(this.dnt);
    // The post client batches lookups and keeps each answer for the page view: a load
    // aborted by a disconnect is answered from memory when the element comes back.
    return fetchPost(server, id, { timeoutMs: requestTimeoutMs(), query: dnt ? { dnt: 'true' } : {} });
  }

  /** A post arrived from the embed server for a connected element. */
  private arrived(result: PostResult): void {
    const id = result.id;
    this.dispatchEvent(new PerchLoadEvent(result));
    // A tombstone replaces pasted markup at once: a deleted or withheld post's text
    // must not stay on the page (policy: deleted content removed).
    if (this.swap === 'immediate' || pageSwap() === 'immediate' || result.kind === 'tombstone' || !this.hasVisibleFallback()) {
      this.accept(result, false);
      return;
    }
    // The fallback is on screen: pick the moment (that logic loads only on pages that need
    // it), but never later than the deadline: the reader sees the post either way.
    this.cancelSwap?.();
    let done = false;
    let stopWaiting: (() => void) | undefined;
    const stop = (): void => {
      done = true;
      clearTimeout(deadline);
      stopWaiting?.();
      this.cancelSwap = undefined;
    };
    const commit = (): void => {
      if (done) return;
      stop();
      if (this.tweetId === id && this.loader.value === result) this.accept(result, false);
    };
    const deadline = setTimeout(commit, SWAP_DEADLINE_MS);
    this.cancelSwap = stop;
    import('../shared/stable-swap.js').then(
      ({ whenSwapIsStable }) => {
        if (!done) stopWaiting = whenSwapIsStable(this, commit);
      },
      commit, // could not load it: better a swap now than never
    );
  }

  /** The source changed or consent was withdrawn: nothing of the old post stays (its media stops with it). */
  private dropShown(): void {
    this.cancelSwap?.();
    this.cancelSwap = undefined;
    this.stopImpressions?.();
    this.stopImpressions = undefined;
    this.result = undefined;
    this.rendered = undefined;
    this.failure = undefined;
  }

  private accept(result: PostResult, announce = true): void {
    this.failure = undefined;
    this.result = result;
    // Known now but shown only once its labels load: hold the space it will take.
    if (!isServer && !this.language.ready) setReserve(this, estimatePostHeight(result, this.width ?? undefined, this.context));
    if (announce) this.dispatchEvent(new PerchLoadEvent(result));
  }

  /** True when publisher markup inside the element is on screen now. */
  private hasVisibleFallback(): boolean {
    for (const child of this.children) {
      if (child instanceof HTMLScriptElement) continue;
      const r = child.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) return true;
    }
    return false;
  }

  private fail(reason: PerchErrorReason, detail: string): void {
    this.failure = { reason, detail };
    // No post is coming: give the fallback back its own height.
    if (!isServer) setReserve(this, undefined);
    this.dispatchEvent(new PerchErrorEvent(reason, detail));
  }

  private get context(): RenderContext {
    // Under Lit SSR there is no consent core (no page): load nothing from X's hosts.
    return {
      lang: this.language.lang,
      server: resolveServer(this.server),
      hideCards: this.hideCards || this.cards === 'hidden',
      hideThread: this.hideThread || this.conversation === 'none',
      timeZone: this.timeZone,
      xContentAllowed: isServer ? false : this.consent.core.allows('content'),
      dnt: this.dnt || (!isServer && this.consent.childDirected),
    };
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // A server-rendered post already shows its labels: it is adopted (hydrated) only once the
    // same strings are here, so the first client render matches what is on screen.
    return super.shouldUpdate(changed) && (this.language.ready || !this.serverRendered);
  }

  protected override render(): TemplateResult {
    return this.consent.withLiveRegion(this.renderState());
  }

  private renderState(): TemplateResult {
    const result = this.result;
    if (!this.language.ready) return this.renderFallback();
    if (result === undefined && !this.consent.allowed && isPostId(this.tweetId)) {
      const server = resolveServer(this.server);
      return html`<div class="consent" lang=${this.language.lang} dir=${this.language.dir}>${this.consent.renderPlaceholder({ what: msg('consentWhat', this.language.lang), from: server === undefined ? 'x.com' : new URL(server).host, lang: this.language.lang })}</div>`;
    }
    if (result === undefined) return this.renderFallback();
    try {
      return html`<div class="frame" tabindex="-1" data-consent-focus lang=${this.language.lang} dir=${this.language.dir}>${renderPostResult(result, this.context)}</div>`;
    } catch (error: unknown) {
      // Validated data should never get here; if it does, keep the page intact.
      queueMicrotask(() => this.fail('invalid-data', error instanceof Error ? error.message : String(error)));
      return this.renderFallback();
    }
  }

  private renderFallback(): TemplateResult {
    const f = this.failure;
    return html`<div class="loading" tabindex="-1" data-consent-focus=${f === undefined ? 'pending' : ''} aria-busy=${f === undefined ? 'true' : 'false'}><slot></slot>${f === undefined
        ? nothing
        : html`<p part="message" class="message" role="status" lang=${this.language.lang} dir=${this.language.dir}>${msg(f.reason === 'invalid-id' ? 'invalidId' : 'loadFailed', this.language.lang)}</p>`}</div>`;
  }

  /** Count impressions of the rendered post, only while the element is on a page. */
  private trackRendered(): void {
    const shown = this.rendered;
    if (shown?.kind === 'post' && this.isConnected && this.stopImpressions === undefined) this.stopImpressions = trackImpressions(this, { kind: 'post', id: shown.id });
  }

  protected override updated(): void {
    const result = this.result;
    if (result !== undefined && result !== this.rendered && this.language.ready) {
      this.rendered = result;
      this.stopImpressions?.();
      this.stopImpressions = undefined;
      this.trackRendered();
      this.dispatchEvent(new PerchRenderEvent(result));
    }
  }
}

/** No embed server is configured and the post has no inline data. */
class NoServerError extends Error {
  constructor() {
    super('No embed server is configured and the post has no inline data.');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'perch-tweet': PerchTweet;
  }
}

/** The events a `<perch-tweet>` fires, by name: what its `addEventListener` is typed with. */
export interface PerchTweetEventMap extends Omit<HTMLElementEventMap, 'perch-load' | 'perch-render'> {
  'perch-load': PerchLoadEvent;
  'perch-render': PerchRenderEvent;
  'perch-error': PerchErrorEvent;
}

// Listeners on the element itself get the post's own event classes (declaration merging, no code).
export interface PerchTweet {
  addEventListener<K extends keyof PerchTweetEventMap>(type: K, listener: (this: PerchTweet, ev: PerchTweetEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PerchTweetEventMap>(type: K, listener: (this: PerchTweet, ev: PerchTweetEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
