/**
 * Client side of static rendering: Lit's hydration support, so a `<perch-tweet>` that
 * arrives with a server-rendered declarative shadow root adopts that DOM instead of
 * rendering it again. Elements without one render as usual.
 *
 * Lit installs the support when `lit-element` evaluates after this module; bundlers may
 * order shared chunks so that `lit-element` runs first (the CDN build does), so the
 * support is also applied here, once, if it is missing. Either way it must run before
 * `<perch-tweet>` is defined: import `perch-widgets/hydrate` before registering elements.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import { LitElement } from 'lit';

type HydrateSupport = (lit: { LitElement: typeof LitElement }) => void;

const holder = globalThis as { litElementHydrateSupport?: HydrateSupport };

/** Whether `LitElement` already carries Lit's hydration support (which gives it its own `observedAttributes`, adding `defer-hydration`). */
function installed(): boolean {
  return Object.getOwnPropertyDescriptor(LitElement, 'observedAttributes') !== undefined;
}

if (!installed()) holder.litElementHydrateSupport?.({ LitElement });
