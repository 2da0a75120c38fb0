/**
 * Retry policy: which failures are retried, and how long to wait. Pure functions only (no I/O,
 * no clock, no randomness of their own), so they are trivial to test.
 *
 * | Call | Retried on network error, timeout, 408, 429, 5xx? |
 * | --- | --- |
 * | GET, PUT, PATCH, DELETE, POST marked `idempotent: true` (kick-all) | yes |
 * | other POSTs (creates) | only failures that prove nothing was processed (see {@link classifyFailure}) |
 *
 * 400, 401, 403, 404, 409 and the other 4xx are final for every method.
 *
 * How long a call keeps trying (see {@link planRetry}): a 429 is waited out for as long as its
 * `Retry-After` asks, within a total of `maxRateLimitWaitMs` per call (a Cloudflare lockout lasts
 * five minutes); every other retryable failure counts toward `maxRetries`.
 */

import type { HttpMethod } from "./errors";

/** Default number of retries after the first attempt. */
export const DEFAULT_MAX_RETRIES = 4;
/** Default base of the exponential back-off, in ms (delays 250, 500, 1000, 2000, … before jitter). */
export const DEFAULT_RETRY_BASE_DELAY_MS = 250;
/** Default cap of one exponential back-off delay, in ms. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 8_000;
/** Default cap on an honoured `Retry-After` of a failure other than 429 (e.g. a 503), in ms. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
/**
 * Default total time one call may spend waiting out 429s, in ms: two of Cloudflare's five-minute
 * lockouts, so a call that meets one lockout, then a second one caused by other clients of the
 * same token as soon as it ends, still completes.
 */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 600_000;
/** Fraction of a back-off delay that jitter may remove (delay × (1 − 0.25 × random())). */
export const JITTER_FRACTION = 0.25;

/** One failed attempt, reduced to what the retry decision needs. */
export type Failure =
  /** The server answered with a non-2xx status. */
  | { readonly kind: "status"; readonly status: number }
  /** No response: a Node / library error code such as `ECONNREFUSED` or `ECONNRESET`. */
  | { readonly kind: "network"; readonly code: string }
  /** No complete response within the per-attempt timeout. */
  | { readonly kind: "timeout" };

/**
 * What a failure says about whether the server processed the request:
 * - `"unsent"`: provably not processed, safe to re-send even a create;
 * - `"ambiguous"`: transient, but the server may have processed it;
 * - `"final"`: retrying cannot help.
 */
export type FailureClass = "unsent" | "ambiguous" | "final";

/**
 * Network error codes raised before the request could reach the server (the connection was never
 * established), so nothing was processed.
 */
const UNSENT_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EHOSTDOWN",
  "EADDRNOTAVAIL",
]);

/** Network error codes that retrying cannot fix (unknown host, bad URL, too many redirects). */
const FINAL_CODES: ReadonlySet<string> = new Set([
  "ENOTFOUND",
  "ERR_INVALID_URL",
  "ERR_BAD_OPTION",
  "ERR_BAD_OPTION_VALUE",
  "ERR_FR_TOO_MANY_REDIRECTS",
  "ERR_NOT_SUPPORT",
  "ERR_INVALID_PROTOCOL",
  "ERR_UNESCAPED_CHARACTERS",
]);

/** TLS / certificate errors are configuration problems, never transient. */
function isTlsCode(code: string): boolean {
  return (
    code.startsWith("CERT_") ||
    code.startsWith("ERR_TLS_") ||
    code.startsWith("ERR_SSL_") ||
    code.startsWith("UNABLE_TO_") ||
    code === "DEPTH_ZERO_SELF_SIGNED_CERT" ||
    code === "SELF_SIGNED_CERT_IN_CHAIN"
  );
}

/**
 * Classifies a failure (see {@link FailureClass}).
 *
 * - 408 (the server gave up waiting for the request) and 429 (rejected by the rate limiter)
 *   → `"unsent"`; ECONNREFUSED, EAI_AGAIN, EHOSTUNREACH, ENETUNREACH, ENETDOWN, EHOSTDOWN,
 *   EADDRNOTAVAIL (no connection was made) → `"unsent"`.
 * - 5xx, a timeout, ECONNRESET, EPIPE, "socket hang up" and any unrecognised network error
 *   → `"ambiguous"` (the request may have been received).
 * - other statuses (400, 401, 403, 404, 409, 3xx, …), ENOTFOUND, TLS/certificate errors and
 *   invalid-URL errors → `"final"`.
 */
export function classifyFailure(failure: Failure): FailureClass {
  switch (failure.kind) {
    case "status":
      if (failure.status === 408 || failure.status === 429) return "unsent";
      if (failure.status >= 500) return "ambiguous";
      return "final";
    case "timeout":
      return "ambiguous";
    case "network":
      if (UNSENT_CODES.has(failure.code)) return "unsent";
      if (FINAL_CODES.has(failure.code) || isTlsCode(failure.code)) return "final";
      return "ambiguous";
  }
}

/**
 * Whether a failed attempt may be retried.
 *
 * @param method - HTTP method of the request.
 * @param failure - what went wrong.
 * @param idempotent - whether re-sending is harmless.
 *   @default true for GET/PUT/PATCH/DELETE, false for POST
 * @returns `true` for any non-final failure of an idempotent call; for a non-idempotent POST only
 *   when the failure proves nothing was processed (`"unsent"`).
 */
export function isRetryable(method: HttpMethod, failure: Failure, idempotent?: boolean): boolean {
  const cls = classifyFailure(failure);
  if (cls === "final") return false;
  return (idempotent ?? method !== "POST") ? true : cls === "unsent";
}

/** Tuning of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Base of the exponential back-off, in ms. @default 250 */
  readonly baseDelayMs?: number;
  /** Cap of one exponential delay, in ms. @default 8000 */
  readonly maxDelayMs?: number;
  /** Cap of an honoured server-requested delay, in ms. @default 60000 */
  readonly maxRetryAfterMs?: number;
}

/** Whether a failure is the rate limiter's 429. */
export function isRateLimitFailure(failure: Failure): boolean {
  return failure.kind === "status" && failure.status === 429;
}

/** How many retries one call has made so far, by kind. Start from {@link NO_RETRIES_YET}. */
export interface RetryCounters {
  /** Retries after failures other than 429; they count toward `maxRetries`. */
  readonly retries: number;
  /** Retries after 429s. */
  readonly rateLimitRetries: number;
  /** Time already spent waiting out 429s, in ms. */
  readonly rateLimitWaitedMs: number;
}

/** The counters of a call that has not retried yet. */
export const NO_RETRIES_YET: RetryCounters = Object.freeze({ retries: 0, rateLimitRetries: 0, rateLimitWaitedMs: 0 });

/** Limits of {@link planRetry}. */
export interface RetryLimits extends BackoffOptions {
  /** Retries after failures other than 429 (non-negative integer). */
  readonly maxRetries: number;
  /** Total time one call may spend waiting out 429s, in ms (0: a 429 is final). */
  readonly maxRateLimitWaitMs: number;
}

/** One planned retry: wait `delayMs`, then try again with `counters`. */
export interface PlannedRetry {
  /** Delay before the retry, in ms. */
  readonly delayMs: number;
  /** Counters including this retry. */
  readonly counters: RetryCounters;
}

/**
 * Plans the next retry of a call whose attempt failed retryably, or returns `undefined` when the
 * call should give up now.
 *
 * - A 429 does not count toward `maxRetries`. The wait is the server's `Retry-After`, uncapped, but
 *   never shorter than the exponential back-off for the 429s seen so far (so a server answering
 *   `Retry-After: 0` cannot make the loop spin). The call gives up at once, without sleeping, when
 *   that wait would take its total 429 waiting past `maxRateLimitWaitMs`.
 * - Any other failure counts toward `maxRetries`; the wait is {@link backoffDelay}.
 *
 * @param counters - retries made so far ({@link NO_RETRIES_YET} before the first).
 * @param failure - what went wrong on the last attempt.
 * @param retryAfterMs - the server-requested delay of that attempt, uncapped, or `undefined`.
 * @param rng - random source in [0, 1) for jitter.
 * @param limits - see {@link RetryLimits}.
 */
export function planRetry(
  counters: RetryCounters,
  failure: Failure,
  retryAfterMs: number | undefined,
  rng: () => number,
  limits: RetryLimits,
): PlannedRetry | undefined {
  if (isRateLimitFailure(failure)) {
    const floor = backoffDelay(counters.rateLimitRetries, undefined, rng, limits);
    const requested = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) ? Math.ceil(retryAfterMs) : 0;
    const delayMs = Math.max(floor, requested);
    if (counters.rateLimitWaitedMs + delayMs > limits.maxRateLimitWaitMs) return undefined;
    return {
      delayMs,
      counters: { ...counters, rateLimitRetries: counters.rateLimitRetries + 1, rateLimitWaitedMs: counters.rateLimitWaitedMs + delayMs },
    };
  }
  if (counters.retries >= limits.maxRetries) return undefined;
  return {
    delayMs: backoffDelay(counters.retries, retryAfterMs, rng, limits),
    counters: { ...counters, retries: counters.retries + 1 },
  };
}

/**
 * The delay before retry number `attempt + 1`.
 *
 * With a server-requested delay (`Retry-After`), that delay is honoured exactly, capped at
 * `maxRetryAfterMs`. Otherwise it is `min(maxDelayMs, baseDelayMs × 2^attempt)` minus up to 25 %
 * jitter: `× (1 − 0.25 × rng())`.
 *
 * @param attempt - retries already made (0 before the first retry).
 * @param retryAfterMs - server-requested delay in ms (see {@link parseRetryAfter}), or `undefined`.
 * @param rng - random source in [0, 1), e.g. `Math.random`.
 * @param options - tuning, see {@link BackoffOptions}.
 * @returns the delay in whole ms, ≥ 0.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, rng: () => number, options: BackoffOptions = {}): number {
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
    return Math.round(Math.min(Math.max(0, retryAfterMs), maxRetryAfterMs));
  }
  const base = options.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS;
  const cap = options.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS;
  const exponential = Math.min(cap, base * 2 ** Math.max(0, attempt));
  const r = Math.min(Math.max(rng(), 0), 1);
  return Math.round(exponential * (1 - JITTER_FRACTION * r));
}

/** Reads one header value from a plain header map, case-insensitively. */
function header(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      const v = Array.isArray(value) ? value[0] : value;
      return v === undefined || v === null ? undefined : String(v);
    }
  }
  return undefined;
}

/**
 * The server-requested delay of a response, in ms (uncapped), or `undefined` when it asked for
 * none or the value cannot be parsed.
 *
 * Reads `retry-after-ms` (milliseconds) first, then `retry-after` as seconds (`"120"`) or as an
 * HTTP date (`"Wed, 21 Oct 2026 07:28:00 GMT"`, turned into a delay from `nowMs`, never negative).
 *
 * @param headers - response headers (any case).
 * @param nowMs - current time in ms since the epoch, for HTTP dates.
 */
export function parseRetryAfter(headers: Readonly<Record<string, unknown>>, nowMs: number): number | undefined {
  const ms = header(headers, "retry-after-ms");
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) {
    return Math.ceil(Number(ms));
  }
  const value = header(headers, "retry-after");
  if (value === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return Math.ceil(Number(value) * 1000);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The server's rate-limit state from a `Ratelimit` response header (Cloudflare, since Sep 2025:
 * `"default";r=<remaining>;t=<seconds until the window frees room>`), or `undefined` when the
 * header is absent or unreadable. The header is a structured-field list, so it may name several
 * policies (`"burst";r=3;t=1, "default";r=50;t=30`): the one with the fewest requests left binds.
 *
 * @param headers - response headers (any case).
 */
export function parseRateLimitHeader(headers: Readonly<Record<string, unknown>>): { remaining: number; resetMs: number } | undefined {
  const value = header(headers, "ratelimit");
  if (value === undefined) return undefined;
  let binding: { remaining: number; resetMs: number } | undefined;
  for (const item of value.split(",")) {
    const remaining = /(?:^|;)\s*r=(\d+)\s*(?:;|$)/.exec(item);
    const reset = /(?:^|;)\s*t=(\d+)\s*(?:;|$)/.exec(item);
    if (remaining === null || reset === null) continue;
    const parsed = { remaining: Number(remaining[1]), resetMs: Number(reset[1]) * 1000 };
    if (binding === undefined || parsed.remaining < binding.remaining) binding = parsed;
  }
  return binding;
}
