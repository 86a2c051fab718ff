/**
 * A tiny router: routes are (method, path pattern, handler). Other parts of the server
 * (media proxy, oEmbed, impressions, admin) register their routes here without touching
 * the HTTP layer.
 */
import type { RequestContext } from './context.js';

/** Handles a matched request; may be async. */
export type Handler = (ctx: RequestContext) => void | Promise<void>;

interface Route {
  pattern: string;
  methods: readonly string[];
  parts: readonly string[];
  prefix: boolean;
  handler: Handler;
}

/** Result of matching a request. */
export type RouteMatch = { handler: Handler; params: Record<string, string>; pattern: string } | { allowed: string[] } | undefined;

/** Routes by method and path pattern (`/v1/tweets/:id`, or `/dist/*` for a prefix). */
export class Router {
  private readonly routes: Route[] = [];

  /** Register `handler` for `methods` on `pattern`. GET routes answer HEAD too. */
  on(methods: string | readonly string[], pattern: string, handler: Handler): this {
    const list = typeof methods === 'string' ? [methods] : methods;
    const withHead = list.includes('GET') && !list.includes('HEAD') ? [...list, 'HEAD'] : list;
    const prefix = pattern.endsWith('/*');
    const parts = (prefix ? pattern.slice(0, -2) : pattern).split('/').filter((p) => p !== '');
    this.routes.push({ pattern, methods: withHead, parts, prefix, handler });
    return this;
  }

  /** Find the handler for `method` and `path`; `{allowed}` when only the method is wrong. */
  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').filter((p) => p !== '');
    let allowed: Set<string> | undefined;
    for (const route of this.routes) {
      const params = matchParts(route, segments);
      if (params === undefined) continue;
      if (route.methods.includes(method)) return { handler: route.handler, params, pattern: route.pattern };
      allowed ??= new Set<string>();
      for (const m of route.methods) allowed.add(m);
    }
    return allowed !== undefined ? { allowed: [...allowed] } : undefined;
  }
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
