/**
 * What one API call asks for and what the client counts: shared by the client, which plans the
 * call, and the transport, which sends one attempt of it.
 */
import type { HttpMethod } from "./errors";

/** One API call. */
export interface RequestSpec {
  /** HTTP method. */
  method: HttpMethod;
  /**
   * Path segments after `/accounts/{accountId}/realtime/kit/`, e.g. `[appId, "meetings", id]`.
   * Each is URI-encoded on its own (`/` inside a segment becomes `%2F`). Empty, `.` and `..`
   * segments are rejected.
   */
  path: readonly string[];
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | undefined>;
  /** JSON body, already snake_case. Omitted (no body, no `Content-Type`) when `undefined`. */
  body?: unknown;
  /** What is being done, e.g. `"Meeting create"`; starts every error message. */
  context: string;
  /**
   * Whether re-sending the request is harmless, which lets it be retried after ambiguous failures.
   * Mark POST kick-all `true`.
   * @default true for GET/PUT/PATCH/DELETE, false for POST
   */
  idempotent?: boolean;
  /**
   * For `requestPage` / `listAll` only: treat a 404 as an empty list (the webhooks list answers
   * 404 when the app has none). Ignored by `request` and `postOnce`.
   * @default false
   */
  notFoundAsEmpty?: boolean;
}

/** Counters for benchmarks and diagnostics; mutated in place. */
export interface ClientStats {
  /** HTTP attempts sent (retries and lookups included). */
  requests: number;
  /** Attempts that were retries or re-sends. */
  retries: number;
  /** Total time spent waiting for the request budget, in ms. */
  throttledMs: number;
}
