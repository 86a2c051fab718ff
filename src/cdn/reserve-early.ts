/**
 * Run by the CDN loader before any widget code has arrived: `<perch-tweet>` elements get
 * their block box and their post's reserved height at once (see `post/pasted-reserve.ts`),
 * so the page does not move when the element's code defines it and the post renders.
 * The rules (`reserve-rules.ts`) live in a constructed stylesheet (strict-CSP safe).
 */
import { scheduleReserve } from '../post/pasted-reserve.js';
import { PASTED, PENDING, RESERVE_RULES } from './reserve-rules.js';

let installed = false;

/**
 * Give every not-yet-defined `<perch-tweet>` and every pasted X post under `root` (itself
 * included) its box and reserved height.
 */
export function reserveEarly(root: ParentNode): void {
  const selector = `${PENDING},${PASTED}`;
  const found = [...root.querySelectorAll<HTMLElement>(selector)];
  if (root instanceof HTMLElement && root.matches(selector)) found.push(root);
  if (found.length === 0) return;
  if (!installed) {
    installed = true;
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(RESERVE_RULES);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      // No constructable stylesheets: the elements get their box when their code loads.
    }
  }
  for (const el of found) if (el.querySelector(':scope > script[type="application/json"]') === null) scheduleReserve(el);
}
