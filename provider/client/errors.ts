/**
 * The error classes of `pulumi-realtimekit`.
 *
 * Every error the client throws is one of these; no error from the HTTP library ever escapes
 * (an `AxiosError` carries the request headers, bearer token included). Messages follow
 * `"<context> failed: <status> <api message> (<METHOD> <path>)"` and never contain the token or
 * any header.
 *
 * Provider code runs in another process after serialization, where a class may have been loaded
 * twice, so the guards (`isApiError`, `isNotFound`, …) check a brand property and `name` as well
 * as `instanceof`.
 */

/**
 * Brand property set on every {@link RealtimeKitError}; the guards check it because `instanceof`
 * fails when the class was loaded more than once (e.g. inlined into a serialized provider).
 * @internal
 */
export const REALTIMEKIT_ERROR_BRAND = "__realtimeKitError";

/** Hint appended to 401 and 403 messages: which settings to check. */
export const AUTH_HINT =
  'check realtimekit:apiToken / CLOUDFLARE_API_TOKEN (needs the "Realtime Admin" permission) ' +
  "and that RealtimeKit is enabled for account realtimekit:accountId";

/** HTTP methods the client sends. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A sanitized, plain-object summary of a lower-level failure, used as `cause`. It holds only an
 * error code and a message already scrubbed of the token, never the original library error.
 */
export interface FailureSummary {
  /** Node or library error code, e.g. `"ECONNRESET"`, when there is one. */
  readonly code?: string;
  /** Short description, scrubbed of the token. */
  readonly message: string;
}

/** Base class of every error raised by `pulumi-realtimekit`. */
export class RealtimeKitError extends Error {
  /** Brand for cross-realm guards; always `true`. */
  readonly __realtimeKitError = true as const;

  /**
   * @param message - the complete message (must not contain credentials).
   * @param options - `cause`: a sanitized summary or another `RealtimeKitError`, never a raw
   *   HTTP-library error.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RealtimeKitError";
  }
}

/** Fields of an {@link ApiError}. */
export interface ApiErrorInit {
  /** What was being done, e.g. `"Webhook create"`; starts the message. */
  readonly context: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** The API's error code (`error.code` or `errors[0].code`); the status when the body has none. */
  readonly code: number | string;
  /** The API's error message (`error.message` or `errors[].message`), or the HTTP reason phrase. */
  readonly apiMessage: string;
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** URL path of the failed request, e.g. `/accounts/abc/realtime/kit/app/webhooks` (no query). */
  readonly path: string;
  /** Number of HTTP attempts made (1 when not retried). @default 1 */
  readonly attempts?: number;
  /** What the user can do about it, appended to the message (e.g. how to adopt on a 409). */
  readonly hint?: string;
}

/** Builds `"<context> failed: <status> <api message> (<METHOD> <path>)"` (plus the 401/403 hint). */
function apiErrorMessage(init: ApiErrorInit): string {
  const base = `${init.context} failed: ${init.status} ${init.apiMessage} (${init.method} ${init.path})`;
  const message = init.status === 401 || init.status === 403 ? `${base}; ${AUTH_HINT}` : base;
  return init.hint ? `${message}. ${init.hint}` : message;
}

/**
 * The API answered with an error status (or an unusable body). Subclasses exist per status;
 * `ApiError` itself is used for other statuses (e.g. 405, 422, a 2xx with `success: false`).
 */
export class ApiError extends RealtimeKitError {
  /** HTTP status. */
  readonly status: number;
  /** API error code; the HTTP status when the body carries none. */
  readonly code: number | string;
  /** The API's own message (without context, status, method or path). */
  readonly apiMessage: string;
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** URL path of the failed request (no query string). */
  readonly path: string;
  /** What was being done, e.g. `"Webhook create"`. */
  readonly context: string;
  /** Number of HTTP attempts made. */
  readonly attempts: number;

  /** @param init - the response details; see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(apiErrorMessage(init));
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.apiMessage = init.apiMessage;
    this.method = init.method;
    this.path = init.path;
    this.context = init.context;
    this.attempts = init.attempts ?? 1;
  }
}

/** 400: the request was malformed or failed validation. Never retried. */
export class BadRequestError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "BadRequestError";
  }
}

/** 401: the token is missing, malformed or revoked. The message names the settings to check. */
export class AuthenticationError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "AuthenticationError";
  }
}

/**
 * 403: the token lacks the "Realtime Admin" / "Realtime" permission, or RealtimeKit is not
 * enabled for the account. The message names the settings to check.
 */
export class PermissionDeniedError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "PermissionDeniedError";
  }
}

/** 404: the object does not exist (also: nothing live for active-session calls, no webhooks). */
export class NotFoundError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "NotFoundError";
  }
}

/** 409: a unique key is taken (preset name, webhook URL in the app). Never retried. */
export class ConflictError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "ConflictError";
  }
}

/** 429: rate limited; raised once the retries are used up. */
export class RateLimitError extends ApiError {
  /** Delay the server asked for (`Retry-After` / `retry-after-ms`) in ms, uncapped, if given. */
  readonly retryAfterMs: number | undefined;

  /**
   * @param init - see {@link ApiErrorInit}.
   * @param retryAfterMs - the server's requested delay in ms, if any.
   */
  constructor(init: ApiErrorInit, retryAfterMs?: number) {
    super(init);
    this.name = "RateLimitError";
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx: the service failed. Retried for idempotent calls; ambiguous for a create. */
export class ServerError extends ApiError {
  /** @param init - see {@link ApiErrorInit}. */
  constructor(init: ApiErrorInit) {
    super(init);
    this.name = "ServerError";
  }
}

/** Fields of a {@link NetworkError} or {@link TimeoutError}. */
export interface RequestFailureInit {
  /** What was being done, e.g. `"Meeting read"`. */
  readonly context: string;
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** URL path of the failed request (no query string). */
  readonly path: string;
  /** Number of HTTP attempts made. @default 1 */
  readonly attempts?: number;
}

/**
 * No HTTP response arrived: connection refused or reset, DNS or TLS failure. `code` is the Node
 * error code (`ECONNREFUSED`, `ECONNRESET`, …). The message is
 * `"<context> failed: network error <code>: <detail> (<METHOD> <path>)"`.
 */
export class NetworkError extends RealtimeKitError {
  /** Node error code, e.g. `"ECONNRESET"`; `"UNKNOWN"` when there is none. */
  readonly code: string;
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** URL path of the failed request (no query string). */
  readonly path: string;
  /** What was being done. */
  readonly context: string;
  /** Number of HTTP attempts made. */
  readonly attempts: number;

  /**
   * @param init - request details.
   * @param summary - sanitized code and message of the low-level failure (kept as `cause`).
   */
  constructor(init: RequestFailureInit, summary: FailureSummary) {
    const code = summary.code ?? "UNKNOWN";
    const detail = summary.message && summary.message !== code ? `: ${summary.message}` : "";
    super(`${init.context} failed: network error ${code}${detail} (${init.method} ${init.path})`, {
      cause: { code, message: summary.message },
    });
    this.name = "NetworkError";
    this.code = code;
    this.method = init.method;
    this.path = init.path;
    this.context = init.context;
    this.attempts = init.attempts ?? 1;
  }
}

/**
 * No complete response within the per-attempt timeout. For a create this is ambiguous: the
 * server may have processed the request. Message:
 * `"<context> failed: no response within <ms> ms (<METHOD> <path>)"`.
 */
export class TimeoutError extends RealtimeKitError {
  /** The per-attempt timeout that expired, in ms. */
  readonly timeoutMs: number;
  /** HTTP method of the failed request. */
  readonly method: HttpMethod;
  /** URL path of the failed request (no query string). */
  readonly path: string;
  /** What was being done. */
  readonly context: string;
  /** Number of HTTP attempts made. */
  readonly attempts: number;

  /**
   * @param init - request details.
   * @param timeoutMs - the timeout that expired.
   */
  constructor(init: RequestFailureInit, timeoutMs: number) {
    super(`${init.context} failed: no response within ${timeoutMs} ms (${init.method} ${init.path})`);
    this.name = "TimeoutError";
    this.timeoutMs = timeoutMs;
    this.method = init.method;
    this.path = init.path;
    this.context = init.context;
    this.attempts = init.attempts ?? 1;
  }
}

/**
 * Configuration is missing or invalid. The message names the Pulumi config key and the
 * environment variable, e.g. `Missing required configuration realtimekit:apiToken: …`.
 */
export class ConfigError extends RealtimeKitError {
  /** The config key at fault, e.g. `"realtimekit:apiToken"`, when there is one. */
  readonly key: string | undefined;

  /**
   * @param message - the complete message.
   * @param key - the config key at fault.
   */
  constructor(message: string, key?: string) {
    super(message);
    this.name = "ConfigError";
    this.key = key;
  }
}

/**
 * A create (POST) failed in a way that does not tell whether the server processed it (timeout,
 * connection reset after sending, 5xx), and the object could not be looked up (no lookup for
 * meetings, or the lookup itself failed). The object **may have been created**; the message says
 * so. `cause` is the sanitized error of the last attempt (a {@link RealtimeKitError}).
 */
export class AmbiguousCreateError extends RealtimeKitError {
  /** What was being created, e.g. `"Meeting create"`. */
  readonly context: string;
  /** Always `"POST"` in practice. */
  readonly method: HttpMethod;
  /** URL path of the create request. */
  readonly path: string;
  /** The failure that made the outcome unknown. */
  readonly reason: RealtimeKitError;

  /**
   * @param init - request details.
   * @param reason - the sanitized failure of the last attempt.
   * @param extra - optional sentence appended to the message (e.g. why the lookup failed).
   */
  constructor(init: RequestFailureInit, reason: RealtimeKitError, extra?: string) {
    super(
      `${reason.message}; the outcome is unknown and the object may have been created: ` +
        `check for it before retrying${extra ? `. ${extra}` : ""}`,
      { cause: reason },
    );
    this.name = "AmbiguousCreateError";
    this.context = init.context;
    this.method = init.method;
    this.path = init.path;
    this.reason = reason;
  }
}

/** Whether `e` looks like an object with the RealtimeKit brand. */
function branded(e: unknown): e is Record<string, unknown> {
  return typeof e === "object" && e !== null && (e as Record<string, unknown>)[REALTIMEKIT_ERROR_BRAND] === true;
}

/** Whether `e` is any {@link RealtimeKitError} (checks `instanceof` or the brand). */
export function isRealtimeKitError(e: unknown): e is RealtimeKitError {
  return e instanceof RealtimeKitError || branded(e);
}

/** Whether `e` is an {@link ApiError} (any HTTP error status). */
export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (branded(e) && typeof e.status === "number" && typeof e.apiMessage === "string");
}

/** Whether `e` is an {@link ApiError} with the given status. */
function hasStatus(e: unknown, status: number): boolean {
  return isApiError(e) && e.status === status;
}

/** Whether `e` is a 404 {@link NotFoundError}. */
export function isNotFound(e: unknown): e is NotFoundError {
  return hasStatus(e, 404);
}

/** Whether `e` is a 409 {@link ConflictError}. */
export function isConflict(e: unknown): e is ConflictError {
  return hasStatus(e, 409);
}

/** Whether `e` is a 429 {@link RateLimitError}. */
export function isRateLimited(e: unknown): e is RateLimitError {
  return hasStatus(e, 429);
}

/** Whether `e` is a 5xx {@link ServerError}. */
export function isServerError(e: unknown): e is ServerError {
  return isApiError(e) && e.status >= 500;
}

/** Whether `e` is a {@link NetworkError}. */
export function isNetworkError(e: unknown): e is NetworkError {
  return e instanceof NetworkError || (branded(e) && e.name === "NetworkError");
}

/** Whether `e` is a {@link TimeoutError}. */
export function isTimeoutError(e: unknown): e is TimeoutError {
  return e instanceof TimeoutError || (branded(e) && e.name === "TimeoutError");
}

/** Whether `e` is a {@link ConfigError}. */
export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError || (branded(e) && e.name === "ConfigError");
}

/** Whether `e` is an {@link AmbiguousCreateError}. */
export function isAmbiguousCreate(e: unknown): e is AmbiguousCreateError {
  return e instanceof AmbiguousCreateError || (branded(e) && e.name === "AmbiguousCreateError");
}
