/**
 * A tiny router: routes are (method, path pattern, handler, options). Other parts of the server
 * (media proxy, oEmbed, impressions, admin) register their routes here without touching
 * the HTTP layer; what differs between routes (CORS, body size) is said in the route's options.
 */
import type { RequestContext } from './context.js';

/** Handles a matched request; may be async. */
export type Handler = (ctx: RequestContext) => void | Promise<void>;

/**
 * Who may call a route from a browser on another origin:
 * `allowed-origins` (default) — the origins the server is configured with;
 * `any-origin` — every origin (beacons such as `POST /v1/impressions`);
 * `none` — no CORS headers at all (admin pages).
 */
export type CorsPolicy = 'allowed-origins' | 'any-origin' | 'none';

/** What differs between routes, handled by the HTTP layer before the handler runs. */
export interface RouteOptions {
  /** Default `allowed-origins`. */
  cors?: CorsPolicy;
  /** Largest request body accepted (declared `Content-Length` above it → 413 before the handler runs). Default 0: no body. */
  maxBodyBytes?: number;
}

/** The options of a route, defaults filled in. */
export interface ResolvedRouteOptions {
  cors: CorsPolicy;
  maxBodyBytes: number;
}

const DEFAULT_OPTIONS: ResolvedRouteOptions = { cors: 'allowed-origins', maxBodyBytes: 0 };

interface Route {
  pattern: string;
  methods: readonly string[];
  parts: readonly string[];
  prefix: boolean;
  handler: Handler;
  options: ResolvedRouteOptions;
}

/** Result of matching a request: the handler, or (`allowed`) the methods the path has when only the method is wrong. */
export type RouteMatch =
  | { handler: Handler; params: Record<string, string>; pattern: string; options: ResolvedRouteOptions }
  | { allowed: string[]; pattern: string; options: ResolvedRouteOptions }
  | undefined;

/**
 * Routes by method and path pattern (`/v1/tweets/:id`, or `/dist/*` for a prefix). A path an
 * exact pattern matches never falls through to a prefix route: a wrong method there is a 405.
 */
export class Router {
  private readonly exact: Route[] = [];
  private readonly prefixed: Route[] = [];

  /** Register `handler` for `methods` on `pattern`. GET routes answer HEAD too. */
  on(methods: string | readonly string[], pattern: string, handler: Handler, options: RouteOptions = {}): this {
    const list = typeof methods === 'string' ? [methods] : methods;
    const withHead = list.includes('GET') && !list.includes('HEAD') ? [...list, 'HEAD'] : list;
    const prefix = pattern.endsWith('/*');
    const parts = (prefix ? pattern.slice(0, -2) : pattern).split('/').filter((p) => p !== '');
    const route: Route = { pattern, methods: withHead, parts, prefix, handler, options: { ...DEFAULT_OPTIONS, ...options } };
    (prefix ? this.prefixed : this.exact).push(route);
    return this;
  }

  /** Find the handler for `method` and `path`; `{allowed}` when only the method is wrong. */
  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').filter((p) => p !== '');
    return matchIn(this.exact, method, segments) ?? matchIn(this.prefixed, method, segments);
  }
}

function matchIn(routes: readonly Route[], method: string, segments: string[]): RouteMatch {
  let allowed: Set<string> | undefined;
  let first: Route | undefined;
  for (const route of routes) {
    const params = matchParts(route, segments);
    if (params === undefined) continue;
    if (route.methods.includes(method)) return { handler: route.handler, params, pattern: route.pattern, options: route.options };
    first ??= route;
    allowed ??= new Set<string>();
    for (const m of route.methods) allowed.add(m);
  }
  return allowed !== undefined && first !== undefined ? { allowed: [...allowed], pattern: first.pattern, options: first.options } : undefined;
}

function matchParts(route: Route, segments: string[]): Record<string, string> | undefined {
  if (route.prefix ? segments.length < route.parts.length : segments.length !== route.parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.parts.length; i++) {
    const part = route.parts[i] ?? '';
    const seg = segments[i] ?? '';
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = seg.includes('%') ? decodeURIComponent(seg) : seg;
      } catch {
        return undefined;
      }
      params[part.slice(1)] = value;
    } else if (part !== seg) return undefined;
  }
  if (route.prefix) params['*'] = segments.slice(route.parts.length).join('/');
  return params;
}
