// Matching a request path to a route: literal segments, `:name` parameters (one segment each,
// decoded). A known path with another method is 405 (with the methods it takes), an unknown one 404.
import type { Route } from './context.js';

interface Compiled {
  route: Route;
  segments: readonly string[];
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

function split(path: string): string[] {
  return path.replace(/^\/+|\/+$/g, '').split('/');
}

export class Router {
  readonly #compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.#compiled = routes.map((route) => ({ route, segments: split(route.path) }));
  }

  /** `path` relative to the base path (`/organizations/demo/signups`). */
  match(method: string, path: string): RouteMatch {
    const parts = split(path);
    const allowed = new Set<string>();
    for (const { route, segments } of this.#compiled) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'route', route, params };
      allowed.add(route.method);
    }
    return allowed.size > 0 ? { kind: 'method_not_allowed', allowed: [...allowed] } : { kind: 'not_found' };
  }
}

function matchSegments(segments: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith(':')) {
      if (part === '') return null;
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return null;
      }
      params[segment.slice(1)] = value;
    } else if (segment !== part) {
      return null;
    }
  }
  return params;
}

/** A route's name in stats and logs: `POST /organizations/:org/signups`. */
export const routeName = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;
