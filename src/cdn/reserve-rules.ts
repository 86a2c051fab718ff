/**
 * The stylesheet that gives a not-yet-defined `<perch-tweet>` (and X's pasted post markup not
 * yet upgraded) its box and reserved height, mirroring the host styles of `post.styles.ts`.
 * One source for two uses: the CDN loader adopts it at run time (`reserve-early.ts`), and
 * `perch-reserve.css` beside the loader carries it for pages that print it before any script
 * (the WordPress plugin does), so nothing moves when the loader arrives after first paint.
 */
import { RESERVE_PROPERTY } from '../post/pasted-reserve.js';

/** A `<perch-tweet>` whose code has not defined it yet. */
export const PENDING = 'perch-tweet:not(:defined)';
/** X's pasted post markup not yet upgraded (upgrading marks it `data-perch`). */
export const PASTED = 'blockquote.twitter-tweet:not([data-perch]),blockquote.twitter-video:not([data-perch])';
const RESERVE = `min-height:var(--perch-reserve-height,var(${RESERVE_PROPERTY},0px))`;

/** The reservation rules, as CSS text. */
export const RESERVE_RULES = `${PENDING}{display:block;box-sizing:border-box;width:100%;max-width:var(--perch-width,550px);min-width:min(250px,100%);margin:10px 0;${RESERVE}}${PENDING}[align=center]{margin-inline:auto}${PENDING}[align=right]{margin-inline:auto 0}:is(${PASTED}){box-sizing:border-box;${RESERVE}}`;
