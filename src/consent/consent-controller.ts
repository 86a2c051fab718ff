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

  hostConnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = this.core.onChange(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
