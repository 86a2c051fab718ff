/**
 * The under-13 / do-not-track opt-out (`dnt=true`), read the same way on every route of the
 * embed server. Widgets send it on every request when the page asks; nothing the server does
 * is tailored, it forwards nothing identifying upstream, and it stores nothing per visitor,
 * so the flag changes no answer: it is validated, and a malformed value is refused.
 */
import { HttpError, type RequestContext } from './context.js';

/** `dnt` from a request's query: absent, empty or `false` → false; `true` → true; anything else is a 400. */
export function readDnt(ctx: Pick<RequestContext, 'url' | 'hasQuery'>): boolean {
  if (ctx.hasQuery === false) return false; // no query string: nothing to parse
  const raw = ctx.url.searchParams.get('dnt');
  if (raw === null || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new HttpError(400, 'invalid-dnt', 'dnt must be true or false.', 'dnt');
}
