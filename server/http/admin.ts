/**
 * The one admin check of the embed server: `Authorization: Bearer <token>`, or `?token=` (so an
 * admin can open the dashboard on a phone's browser). Compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import { HttpError, type RequestContext } from './context.js';

/** Throw 403 when admin is off (no token configured), 401 when the given token is missing or wrong. */
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
