/**
 * Run by the CDN loader before any widget code has arrived: `<perch-tweet>` elements get
 * their block box and their post's reserved height at once (see `post/pasted-reserve.ts`),
 * so the page does not move when the element's code defines it and the post renders.
 * The rule lives in a constructed stylesheet (strict-CSP safe) and mirrors the host styles
 * of `post.styles.ts`.
 */
import { RESERVE_PROPERTY, scheduleReserve } from '../post/pasted-reserve.js';

const PENDING = 'perch-tweet:not(:defined)';
/** X's pasted post markup not yet upgraded (upgrading marks it `data-perch`). */
const PASTED = 'blockquote.twitter-tweet:not([data-perch]),blockquote.twitter-video:not([data-perch])';
const RESERVE = `min-height:var(--perch-reserve-height,var(${RESERVE_PROPERTY},0px))`;
const RULES = `${PENDING}{display:block;box-sizing:border-box;width:100%;max-width:var(--perch-width,550px);min-width:min(250px,100%);margin:10px 0;${RESERVE}}${PENDING}[align=center]{margin-inline:auto}${PENDING}[align=right]{margin-inline:auto 0}:is(${PASTED}){box-sizing:border-box;${RESERVE}}`;

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
      sheet.replaceSync(RULES);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } catch {
      // No constructable stylesheets: the elements get their box when their code loads.
    }
  }
  for (const el of found) if (el.querySelector(':scope > script[type="application/json"]') === null) scheduleReserve(el);
}
