/**
 * The reactive controller every widget uses to obey the consent decision: it says
 * whether the widget may load, re-renders the widget when the decision changes, and
 * renders the consent placeholder.
 */
import type { ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';

/** The placeholder UI is loaded only when a page needs it (most pages never do), keeping widgets small. */
type PlaceholderModule = typeof import('./consent-placeholder.js');
let placeholderModule: PlaceholderModule | undefined;
let placeholderLoading: Promise<PlaceholderModule> | undefined;
import { getConsentCore, type ConsentCore } from './consent-core.js';
import type { PlaceholderOptions } from './consent-placeholder.js';
import { html } from 'lit';
import type { Purpose } from './policy-types.js';
import { cspStyleMap } from '../shared/csp-style-map.js';

/** Visually hidden, still read by screen readers. */
const SR_ONLY = { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: '0', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: '0' } as const;

/** Options of a `ConsentController`. */
export interface ConsentControllerOptions {
  /** What the widget needs. Default `content`. */
  purpose?: Purpose;
  /** The widget's content comes only from the publisher's own embed server (no cookies, nothing from X). */
  firstParty?: boolean;
}

/**
 * Add to a widget: `consent = new ConsentController(this, { purpose: 'content', firstParty })`.
 * Read `allowed` in `render()`, and render `renderPlaceholder()` when it is false.
 */
/** Load the placeholder UI ahead of need (a page that knows it will ask for consent may call this early). */
export async function preloadConsentPlaceholder(): Promise<void> {
  placeholderLoading ??= import('./consent-placeholder.js').then((m) => (placeholderModule = m));
  await placeholderLoading;
}

export class ConsentController implements ReactiveController {
  /** What the widget needs. */
  purpose: Purpose;
  /** The widget's content is first-party (may render before consent unless the publisher turned that off). */
  firstParty: boolean;
  private unsubscribe: (() => void) | undefined;
  /** The placeholder was on screen after the last render. */
  private placeholderShown = false;
  /** Content (not the placeholder) has been on screen since the element was created. */
  private contentShown = false;
  /** Focus was in the placeholder when it went away: it goes to the content (marked `data-consent-focus`). */
  private focusPending = false;
  private focusedTarget: Element | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: ConsentControllerOptions = {},
  ) {
    this.purpose = options.purpose ?? 'content';
    this.firstParty = options.firstParty ?? false;
    host.addController(this);
  }

  /** The page's consent core. */
  get core(): ConsentCore {
    return getConsentCore();
  }

  /**
   * Whether the widget may load now: consent is not needed, is granted, or the
   * content is first-party and the publisher lets first-party content render before consent.
   */
  get allowed(): boolean {
    const core = this.core;
    if (this.purpose === 'tailoring') return core.allows('tailoring');
    if (core.allows('content')) return true;
    return this.firstParty && core.firstPartyBeforeConsent;
  }

  /** Whether the page is child-directed (under-13 mode). */
  get childDirected(): boolean {
    return this.core.isChildDirected();
  }

  /** The `dnt` value requests must carry; the element's own `dnt` can only turn it on. */
  effectiveDnt(elementDnt?: boolean): boolean {
    return this.core.effectiveDnt(elementDnt);
  }

  /** The consent placeholder (`part="consent"`, slot `consent`) for the widget's shadow root. */
  renderPlaceholder(options: PlaceholderOptions): TemplateResult {
    if (placeholderModule !== undefined) {
      const root = (this.host as Partial<{ renderRoot: unknown }>).renderRoot;
      if (root instanceof ShadowRoot) placeholderModule.adoptPlaceholderStyles(root);
      return placeholderModule.renderConsentPlaceholder(this.core, options);
    }
    void preloadConsentPlaceholder().then(() => this.host.requestUpdate());
    // Until the UI arrives (a few ms, first-party), an empty box of the same size.
    return html`<div part="consent" class="consent-pending" aria-busy="true"></div>`;
  }

  /**
   * `content` followed by a live region that announces when content replaces the placeholder
   * and when the placeholder comes back. Wrap the widget's whole render in it, in every state.
   */
  withLiveRegion(content: unknown): TemplateResult {
    return html`${content}<span data-perch-live role="status" style=${cspStyleMap(SR_ONLY)}></span>`;
  }

  private get root(): ShadowRoot | undefined {
    const root = (this.host as Partial<{ renderRoot: unknown }>).renderRoot;
    return root instanceof ShadowRoot ? root : undefined;
  }

  hostUpdate(): void {
    const active = this.root?.activeElement;
    if (active?.closest('[part~="consent"]') != null) this.focusPending = true;
  }

  hostUpdated(): void {
    const root = this.root;
    if (root === undefined) return;
    const placeholder = root.querySelector('[part~="consent"]');
    if (placeholder !== null) {
      if (!this.placeholderShown && this.contentShown) this.announce(root, 'announceHidden');
      this.placeholderShown = true;
      this.focusPending = false;
      this.focusedTarget = undefined;
      return;
    }
    const target = root.querySelector<HTMLElement>('[data-consent-focus]');
    if (target === null) return;
    const final = target.dataset.consentFocus !== 'pending';
    if (final && this.placeholderShown) this.announce(root, 'announceLoaded');
    if (final) {
      this.placeholderShown = false;
      this.contentShown = true;
    }
    if (!this.focusPending) return;
    // Move focus only if the reader has not moved it elsewhere meanwhile.
    const active = root.activeElement;
    if (active === null || active === this.focusedTarget) {
      if (active !== target) target.focus({ preventScroll: true });
      this.focusedTarget = target;
    }
    if (final) {
      this.focusPending = false;
      this.focusedTarget = undefined;
    }
  }

  private announce(root: ShadowRoot, key: 'announceLoaded' | 'announceHidden'): void {
    const region = root.querySelector('[data-perch-live]');
    if (region === null) return;
    const lang = (this.host as Partial<{ lang: string }>).lang || undefined;
    void preloadConsentPlaceholder().then(() => {
      region.textContent = placeholderModule?.placeholderAnnouncement(key, lang) ?? '';
    });
  }

  hostConnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.core.onChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
