/** Admin check for the impressions pages: `Authorization: Bearer <token>` or `?token=` (for a phone's browser). */
import { timingSafeEqual } from 'node:crypto';
import { HttpError, type RequestContext } from '../http/context.js';

/** Throw 403 when admin is off, 401 when the token is missing or wrong. */
export function requireAdmin(ctx: RequestContext, token: string | undefined): void {
  if (token === undefined || token === '') throw new HttpError(403, 'admin-disabled', 'Admin endpoints are off: start the server with an admin token (PERCH_ADMIN_TOKEN).');
  const header = ctx.req.headers.authorization ?? '';
  const raw = header.startsWith('Bearer ') ? header.slice(7) : (ctx.url.searchParams.get('token') ?? '');
  const given = Buffer.from(raw);
  const want = Buffer.from(token);
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    throw new HttpError(401, 'unauthorized', 'A valid admin token is required.', undefined, { 'www-authenticate': 'Bearer' });
  }
}
