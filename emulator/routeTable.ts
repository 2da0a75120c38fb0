/**
 * The API route table, generated from Cloudflare's published spec (`SPEC_OPERATIONS`): every spec
 * operation gets the emulator's handler when it emulates it, and otherwise a handler answering
 * 501 with a RealtimeKit error naming the operation, so a client never mistakes a missing feature
 * for a real "not found". A path outside the spec still answers 404, a method outside it 405.
 */
import { EmulatorHttpError } from "./errors";
import type { Route } from "./router";
import { SPEC_OPERATIONS, type SpecOperationRoute } from "./specOperations";

/** The route table and what it says about coverage. */
export interface SpecRouteTable {
  /** Every spec operation, most specific patterns first (literal segments before parameters). */
  readonly routes: Route[];
  /** The spec operations answered with 501. */
  readonly notEmulated: readonly SpecOperationRoute[];
}

const key = (method: string, pattern: string): string => `${method} ${pattern}`;

/**
 * Orders patterns so that a literal segment wins over a parameter at the same position
 * (`/:app_id/webhooks/all` before `/:app_id/webhooks/:webhook_id`).
 */
function specificity(pattern: string): string {
  return pattern
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "1" : "0"))
    .join("");
}

/** Builds the table; throws when an emulated route is not a spec operation (a typo in a pattern). */
export function specRouteTable(emulated: readonly Route[]): SpecRouteTable {
  const handlers = new Map(emulated.map((route) => [key(route.method, route.pattern), route]));
  const known = new Set(SPEC_OPERATIONS.map((operation) => key(operation.method, operation.pattern)));
  const strays = [...handlers.keys()].filter((route) => !known.has(route));
  if (strays.length > 0) {
    throw new Error(`emulated routes that are not operations of the spec: ${strays.join(", ")}`);
  }
  const notEmulated = SPEC_OPERATIONS.filter((operation) => !handlers.has(key(operation.method, operation.pattern)));
  const routes = [...SPEC_OPERATIONS]
    .sort((a, b) => specificity(a.pattern).localeCompare(specificity(b.pattern)))
    .map(
      (operation): Route =>
        handlers.get(key(operation.method, operation.pattern)) ?? {
          method: operation.method,
          pattern: operation.pattern,
          handler: () => {
            throw new EmulatorHttpError(501, `${operation.operationId} (${operation.method} ${operation.pattern}) is not emulated`);
          },
        },
    );
  return { routes, notEmulated };
}
