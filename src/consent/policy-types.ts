/**
 * Types of the consent core: purposes, modes, states, the page's configuration and
 * the effective decision (`PolicyDecision`) every widget obeys. No DOM, no Lit.
 */

/**
 * What a widget may do.
 * - `content`: load anything from X's hosts (media, video, scripts, data fetched by the browser from X).
 * - `tailoring`: personalisation by X (everything that would set `dnt=false`).
 */
export type Purpose = 'content' | 'tailoring';

/**
 * Whether the publisher needs the visitor's consent.
 * - `required` (default): always ask.
 * - `not-required`: the publisher declares consent is not needed where they operate.
 * - `auto`: the consent platform decides (TCF `gdprApplies`, GPP applicable sections).
 */
export type ConsentMode = 'required' | 'not-required' | 'auto';

/** The visitor's consent for loading content from X. */
export type ConsentState = 'granted' | 'denied' | 'unknown';

/** Who decided a part of the policy (see docs/consent.md). */
export type DecidedBy =
  | 'api'
  | 'cookie'
  | 'tcf'
  | 'gpp'
  | 'wp-consent'
  | 'mode'
  | 'default'
  | 'pending'
  | 'content'
  | 'gpc'
  | 'dnt'
  | 'child-directed';

/** The effective decision for the page. */
export interface PolicyDecision {
  /** The configured mode. */
  mode: ConsentMode;
  /** Whether consent is needed before content loads (false in `not-required`, or in `auto` when the platform says so). */
  consentApplies: boolean;
  /** Loading content from X's hosts. */
  content: { granted: boolean; decidedBy: DecidedBy | string };
  /** Personalisation by X (`dnt=false`). */
  tailoring: { allowed: boolean; decidedBy: DecidedBy | string };
  /** The under-13 switch (R4): `dnt=true` everywhere, no cookie, no storage. */
  childDirected: boolean;
  /** What switched child-directed mode on: `config`, `meta:twitter:dnt` or `meta:perch:child-directed`. */
  childDirectedBy: string | null;
  /** Whether the visitor's choice is stored in the consent cookie. */
  stored: boolean;
}

/** Page configuration for consent: `window.PerchConfig.consent`. */
export interface ConsentConfig {
  /** Default: `<meta name="perch:consent" content="…">` when the page has it, else `required`. */
  mode?: ConsentMode;
  /** IAB TCF vendor id whose consent is needed besides purpose 1; without it, publisher consent for purpose 1 is used. */
  tcfVendorId?: number;
  /** How long to wait for each consent platform before treating it as "no answer". Default 1500 ms. */
  timeoutMs?: number;
  /** Let content served by the publisher's own embed server (no cookies, nothing from X) render before consent. Default true. */
  firstPartyBeforeConsent?: boolean;
  /** The under-13 switch. Cannot be switched off by elements or meta tags once on. */
  childDirected?: boolean;
}

/** A cookie Perch may set, for the publisher's privacy policy (R8). */
export interface DisclosedCookie {
  name: string;
  purpose: string;
  maxAgeDays: number;
}

/** What a publisher can copy into their privacy policy (R8). */
export interface Disclosure {
  /** Hosts the page may contact because of Perch. */
  hosts: string[];
  /** Cookies Perch may set. Empty in child-directed mode. */
  cookies: DisclosedCookie[];
  /** Signals Perch honours. */
  honours: string[];
  /** The same, as one paragraph of plain English text. */
  text: string;
}
