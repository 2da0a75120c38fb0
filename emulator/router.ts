/**
 * A small method + path route table. Patterns are literal segments and `:name` parameters (one
 * URI-decoded segment each). No match → 404; a path that matches under another method → 405
 * with the allowed methods.
 */
import type { Reply } from "./envelope";

/** HTTP methods routes can declare. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What a handler gets. */
export interface RouteRequest {
  readonly method: string;
  /** The matched path (API path for API routes). */
  readonly path: string;
  /** Decoded `:name` parameters. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body, or `undefined` when there was none. */
  readonly body: unknown;
}

/** A route handler: returns a reply or throws an `EmulatorHttpError`. */
export type RouteHandler = (request: RouteRequest) => Reply | Promise<Reply>;

/** One route. */
export interface Route {
  readonly method: HttpMethod;
  readonly pattern: string;
  readonly handler: RouteHandler;
}

/** The result of {@link Router.match}. */
export type RouteMatch =
  | { readonly kind: "found"; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: "not-found" }
  | { readonly kind: "method-not-allowed"; readonly allow: readonly string[] };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

function splitPath(path: string): string[] {
  return path.split("/").filter((segment) => segment !== "");
}

/** A route table; earlier routes win, so register literal paths before parameterised ones. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[], prefix = "") {
    this.routes = routes.map((route) => ({ route, segments: splitPath(prefix + route.pattern) }));
  }

  /** Finds the handler for a method and path. */
  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allow = new Set<string>();
    for (const { route, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) {
        continue;
      }
      if (route.method === method) {
        return { kind: "found", handler: route.handler, params };
      }
      allow.add(route.method);
    }
    return allow.size > 0 ? { kind: "method-not-allowed", allow: [...allow] } : { kind: "not-found" };
  }
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i];
    if (expected.startsWith(":")) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segments[i]);
      } catch {
        return undefined;
      }
    } else if (expected !== segments[i]) {
      return undefined;
    }
  }
  return params;
}
