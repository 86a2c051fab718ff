/** Who a request stands for, for per-client bounds (never stored, never logged). */
import { clientAddress } from '../impressions/rate-limit.js';
import type { RequestContext } from './context.js';

/** The visitor's address: the peer, or the address a reverse proxy on this host put in `X-Forwarded-For`. */
export function requestClient(ctx: RequestContext): string | undefined {
  return clientAddress(ctx.req.socket.remoteAddress, ctx.req.headers['x-forwarded-for']);
}

/** The HTTP status for a post that cannot be answered now: 429 when this client caused too many lookups, else 503. */
export function unavailableStatus(error: { code: string }): number {
  return error.code === 'too-many-lookups' ? 429 : 503;
}
