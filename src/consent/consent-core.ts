/**
 * The consent core: one per page. Merges the publisher's configuration, the page's
 * meta tags, the visitor's choice and the consent platforms' signals into the one
 * `PolicyDecision` every widget obeys. The merge rules are in docs/consent.md.
 */
import { clearChoice, readChoice, writeChoice, type StoredChoice } from './consent-store.js';
import type { ConsentConfig, ConsentMode, ConsentState, DecidedBy, PolicyDecision, Purpose } from './policy-types.js';
import { watchBrowserSignals, type BrowserSignals } from './signals/gpc-dnt.js';
import type { GppAnswer } from './signals/gpp.js';
import { DEFAULT_SIGNAL_TIMEOUT_MS, type SignalStatus, type Stop } from './signals/source.js';
import type { TcfAnswer } from './signals/tcf.js';
import type { WpConsentAnswer } from './signals/wp-consent.js';
import { watchGppLazily, watchTcfLazily, watchWpConsentLazily } from './signals/lazy-signals.js';

declare module '../shared/page-config.js' {
  interface PerchPageConfig {
    /** Consent and the under-13 switch (see docs/consent.md). */
    consent?: ConsentConfig;
  }
}

/** Fired on `document` whenever the page's consent decision changes. */
export class PerchConsentChangeEvent extends Event {
  static readonly eventName = 'perch-consent-change';
  constructor(
    readonly policy: PolicyDecision,
    readonly state: ConsentState,
  ) {
    super(PerchConsentChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'perch-consent-change': PerchConsentChangeEvent;
  }
}

/** Options of `grant()`. */
export interface GrantOptions {
  /** Remember the choice in the consent cookie ("Always allow"). Ignored in child-directed mode. Default false ("Load this once"). */
  remember?: boolean;
  /** Include personalisation by X. Default true; GPC, DNT, GPP opt-outs and child-directed mode still switch it off. */
  tailoring?: boolean;
}

/** Options of `deny()`. */
export interface DenyOptions {
  /** Remember the refusal in the consent cookie. Ignored in child-directed mode. Default false. */
  remember?: boolean;
}

type PageChoice = { kind: 'granted'; tailoring: boolean } | { kind: 'denied' } | { kind: 'revoked' };

interface ContentDecision {
  granted: boolean;
  decidedBy: DecidedBy;
  state: ConsentState;
}

const CHILD_META: ReadonlyArray<readonly [string, string]> = [
  ['twitter:dnt', 'meta:twitter:dnt'],
  ['perch:child-directed', 'meta:perch:child-directed'],
];

function metaOn(name: string): boolean {
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim().toLowerCase();
  return content === 'on' || content === 'true';
}

function isMode(v: unknown): v is ConsentMode {
  return v === 'required' || v === 'not-required' || v === 'auto';
}

/** A page's consent core. Get it with `getConsentCore()`. */
export class ConsentCore {
  /** The configured mode. */
  readonly mode: ConsentMode;
  /** Milliseconds each consent platform gets before it counts as "no answer". */
  readonly timeoutMs: number;
  /** First-party content (the publisher's embed server) may render before consent. */
  readonly firstPartyBeforeConsent: boolean;
  /** The TCF vendor id whose consent is needed, if configured. */
  readonly tcfVendorId: number | undefined;

  private childBy: string | null;
  private pageChoice: PageChoice | undefined;
  private stored: StoredChoice | undefined;
  private tcf: SignalStatus<TcfAnswer> = { status: 'absent' };
  private gpp: SignalStatus<GppAnswer> = { status: 'absent' };
  private browser: SignalStatus<BrowserSignals> = { status: 'absent' };
  private wp: SignalStatus<WpConsentAnswer> = { status: 'absent' };
  private readonly listeners = new Set<(policy: PolicyDecision) => void>();
  private settleWaiters: Array<() => void> = [];
  private readonly stops: Stop[] = [];
  private last = '';
  private starting = true;

  constructor(config: ConsentConfig = window.PerchConfig?.consent ?? {}) {
    const metaMode = document.querySelector<HTMLMetaElement>('meta[name="perch:consent"]')?.content.trim();
    this.mode = isMode(config.mode) ? config.mode : isMode(metaMode) ? metaMode : 'required';
    this.timeoutMs = typeof config.timeoutMs === 'number' && config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_SIGNAL_TIMEOUT_MS;
    this.firstPartyBeforeConsent = config.firstPartyBeforeConsent !== false;
    this.tcfVendorId = Number.isInteger(config.tcfVendorId) && (config.tcfVendorId ?? 0) > 0 ? config.tcfVendorId : undefined;
    this.childBy = config.childDirected === true ? 'config' : null;
    this.isChildDirected();

    const read = readChoice();
    this.stored = read.kind === 'choice' ? read.choice : undefined;

    const t = this.timeoutMs;
    this.stops.push(
      watchTcfLazily({ timeoutMs: t, vendorId: this.tcfVendorId }, (s) => {
        this.tcf = s;
        if (s.status === 'answered' && s.userAction) this.pageChoice = undefined;
        this.changed();
      }),
      watchGppLazily({ timeoutMs: t }, (s) => {
        this.gpp = s;
        this.changed();
      }),
      watchBrowserSignals({ timeoutMs: t }, (s) => {
        this.browser = s;
        this.changed();
      }),
      watchWpConsentLazily({ timeoutMs: t }, (s) => {
        this.wp = s;
        if (s.status === 'answered' && s.userAction) this.pageChoice = undefined;
        this.changed();
      }),
    );
    this.starting = false;
    this.last = JSON.stringify(this.policy());
    this.checkSettled();
  }

  /**
   * Whether the under-13 switch is on: configuration, `<meta name="twitter:dnt" content="on">`
   * or `<meta name="perch:child-directed" content="on">`. Once on it stays on.
   */
  isChildDirected(): boolean {
    if (this.childBy === null) {
      for (const [name, by] of CHILD_META) {
        if (metaOn(name)) {
          this.childBy = by;
          break;
        }
      }
    }
    return this.childBy !== null;
  }

  /** The visitor's consent for loading content from X. */
  get state(): ConsentState {
    return this.content().state;
  }

  /** The choice held in the consent cookie: `granted`, `denied`, or undefined when none. */
  get remembered(): 'granted' | 'denied' | undefined {
    if (this.stored === undefined) return undefined;
    return this.stored.granted ? 'granted' : 'denied';
  }

  /** The effective decision for the page, and which signal decided each part. */
  policy(): PolicyDecision {
    const childDirected = this.isChildDirected();
    const content = this.content();
    return {
      mode: this.mode,
      consentApplies: this.consentApplies(),
      content: { granted: content.granted, decidedBy: content.decidedBy },
      tailoring: this.tailoring(content, childDirected),
      childDirected,
      childDirectedBy: this.childBy,
      stored: this.stored !== undefined,
    };
  }

  /** Whether `purpose` is allowed now. */
  allows(purpose: Purpose): boolean {
    const p = this.policy();
    return purpose === 'content' ? p.content.granted : p.tailoring.allowed;
  }

  /**
   * The `dnt` value every request must carry: true when child-directed, when
   * tailoring is not allowed, or when the element asked for it. An element cannot turn it off.
   */
  effectiveDnt(elementDnt?: boolean): boolean {
    return elementDnt === true || !this.allows('tailoring');
  }

  /**
   * Grant consent. Without `remember` it lasts for this page only ("Load this once");
   * with it the choice is stored in the consent cookie ("Always allow"), except in
   * child-directed mode, where Perch writes no cookie.
   */
  grant(options: GrantOptions = {}): void {
    const tailoring = options.tailoring !== false;
    this.pageChoice = { kind: 'granted', tailoring };
    if (options.remember === true) {
      const choice: StoredChoice = { granted: true, tailoring };
      if (writeChoice(choice, this.isChildDirected())) this.stored = choice;
    }
    this.changed();
  }

  /** Refuse consent for this page; a remembered grant is forgotten. `remember` stores the refusal. */
  deny(options: DenyOptions = {}): void {
    this.pageChoice = { kind: 'denied' };
    if (options.remember === true && writeChoice({ granted: false }, this.isChildDirected())) {
      this.stored = { granted: false };
    } else if (this.stored?.granted === true) {
      clearChoice();
      this.stored = undefined;
    }
    this.changed();
  }

  /**
   * Withdraw any choice: deletes the cookie and returns to "unknown" at once, so
   * loaded widgets go back to placeholders. A consent platform's next user action decides again.
   */
  revoke(): void {
    this.pageChoice = { kind: 'revoked' };
    clearChoice();
    this.stored = undefined;
    this.changed();
  }

  /** Calls `callback` with the new decision whenever it changes. Returns an unsubscribe function. */
  onChange(callback: (policy: PolicyDecision) => void): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  /** Resolves once no consent platform is still pending (each answers or times out). */
  whenSettled(): Promise<PolicyDecision> {
    return new Promise((resolve) => {
      this.settleWaiters.push(() => resolve(this.policy()));
      this.checkSettled();
    });
  }

  /** Stops listening to every platform. For tests. */
  dispose(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.listeners.clear();
  }

  private consentApplies(): boolean {
    if (this.mode === 'required') return true;
    if (this.mode === 'not-required') return false;
    if (this.tcf.status === 'answered' && this.tcf.value.gdprApplies !== undefined) return this.tcf.value.gdprApplies;
    if (this.gpp.status === 'answered') return this.gpp.value.consentApplies;
    if (this.wp.status === 'answered' && this.wp.value.consentType !== undefined) return this.wp.value.consentType !== 'optout';
    return true;
  }

  private platformDecision(): { granted: boolean; decidedBy: DecidedBy } | undefined {
    if (this.tcf.status === 'answered' && this.tcf.value.gdprApplies !== false) return { granted: this.tcf.value.content, decidedBy: 'tcf' };
    if (this.wp.status === 'answered') return { granted: this.wp.value.marketing, decidedBy: 'wp-consent' };
    return undefined;
  }

  private content(): ContentDecision {
    const page = this.pageChoice;
    if (page !== undefined) {
      if (page.kind === 'granted') return { granted: true, decidedBy: 'api', state: 'granted' };
      return { granted: false, decidedBy: 'api', state: page.kind === 'denied' ? 'denied' : 'unknown' };
    }
    const platform = this.platformDecision();
    if (platform !== undefined) return { ...platform, state: platform.granted ? 'granted' : 'denied' };
    // A platform still deciding is waited for (up to the timeout) even when the cookie holds a choice.
    if (this.tcf.status === 'pending' || this.wp.status === 'pending' || (this.mode === 'auto' && this.gpp.status === 'pending')) {
      return { granted: false, decidedBy: 'pending', state: 'unknown' };
    }
    if (this.stored !== undefined) return { granted: this.stored.granted, decidedBy: 'cookie', state: this.stored.granted ? 'granted' : 'denied' };
    if (!this.consentApplies()) return { granted: true, decidedBy: 'mode', state: 'granted' };
    return { granted: false, decidedBy: 'default', state: 'unknown' };
  }

  private tailoring(content: ContentDecision, childDirected: boolean): PolicyDecision['tailoring'] {
    const off = (decidedBy: DecidedBy): PolicyDecision['tailoring'] => ({ allowed: false, decidedBy });
    if (childDirected) return off('child-directed');
    if (!content.granted) return off('content');
    const browser = this.browser.status === 'answered' ? this.browser.value : undefined;
    if (browser?.gpc === true) return off('gpc');
    if (browser?.dnt === true) return off('dnt');
    if (this.browser.status !== 'answered') return off('pending');
    if (this.gpp.status === 'answered' && this.gpp.value.tailoringOptOut) return off('gpp');
    if (this.gpp.status === 'pending') return off('pending');
    if (content.decidedBy === 'api' && this.pageChoice?.kind === 'granted' && !this.pageChoice.tailoring) return off('api');
    if (content.decidedBy === 'tcf' && this.tcf.status === 'answered' && !this.tcf.value.tailoring) return off('tcf');
    if (content.decidedBy === 'cookie' && this.stored?.granted === true && !this.stored.tailoring) return off('cookie');
    return { allowed: true, decidedBy: content.decidedBy };
  }

  private changed(): void {
    if (this.starting) return;
    this.checkSettled();
    const policy = this.policy();
    const json = JSON.stringify(policy);
    if (json === this.last) return;
    this.last = json;
    for (const listener of [...this.listeners]) {
      try {
        listener(policy);
      } catch (e) {
        console.error('[perch] consent change listener failed', e);
      }
    }
    document.dispatchEvent(new PerchConsentChangeEvent(policy, this.state));
  }

  private checkSettled(): void {
    if (this.starting) return;
    const pending = [this.tcf, this.gpp, this.browser, this.wp].some((s) => s.status === 'pending');
    if (pending) return;
    for (const resolve of this.settleWaiters.splice(0)) resolve();
  }
}

const KEY = Symbol.for('perch.consent-core');
type CoreHolder = { [KEY]?: ConsentCore };

/** The page's consent core, created on first use (one per page, even with two copies of Perch). */
export function getConsentCore(): ConsentCore {
  const holder = window as unknown as CoreHolder;
  return (holder[KEY] ??= new ConsentCore());
}

/** Forgets the page's core so the next `getConsentCore()` reads configuration, meta tags and signals afresh. Tests only; cookies are left alone. */
export function resetConsentCoreForTests(): void {
  const holder = window as unknown as CoreHolder;
  holder[KEY]?.dispose();
  delete holder[KEY];
}
