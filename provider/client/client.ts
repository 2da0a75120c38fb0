/**
 * The one REST client of `pulumi-realtimekit`: everything that crosses the wire goes through here
 * (base URL, path encoding, envelope unwrapping, retries, the request budget; one HTTP attempt and
 * its error mapping are `transport.ts`). Resource code never calls the HTTP library directly.
 *
 * Serialization safety (a dynamic provider's code may be serialized into the state): module
 * scope holds only constants and functions; the transport (`transport.ts`: axios, keep-alive
 * agents) is created inside {@link createRealtimeKitClient}; no `#private` fields, no `this`.
 */

import { BudgetLimits, DEFAULT_BUDGET, RequestBudget, sharedBudget } from "./budget";
import { AmbiguousCreateError, ApiError, ConfigError, RealtimeKitError, isNotFound, isRealtimeKitError } from "./errors";
import {
  DEFAULT_MAX_RATE_LIMIT_WAIT_MS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_AFTER_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  NO_RETRIES_YET,
  RetryCounters,
  RetryLimits,
  backoffDelay,
  classifyFailure,
  isRateLimitFailure,
  isRetryable,
  planRetry,
} from "./retry";
import { isPlainObject } from "../shared/check";
import { sleep as setTimeoutSleep } from "../../common/sleep";
import { API_TOKEN_RULE, BASE_URL_RULE, isValidApiToken, normalizeBaseUrl } from "./connection";
import { AttemptResult, createTransport } from "./transport";
import { describeRateLimitPause, describeRecoveredCreate, describeRetry } from "./explain";
import { notify } from "../notices";
import type { ClientStats, RequestSpec } from "./request";
import type { WirePaging } from "./wire";

export { POST_SOCKET_IDLE_MS, USER_AGENT } from "./transport";
export type { ClientStats, RequestSpec } from "./request";

/** Default API base URL. */
export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";
/** Default per-attempt timeout, in ms. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Page size `listAll` asks for (`per_page`). */
export const DEFAULT_PAGE_SIZE = 100;
/** Upper bound on pages `listAll` fetches, against a server that never stops paging. */
const MAX_PAGES = 10_000;

/** Options of {@link createRealtimeKitClient}. */
export interface ClientOptions {
  /** Cloudflare account id (32 hex characters); first path segment after `/accounts/`. Required. */
  accountId: string;
  /**
   * API token with the "Realtime Admin" (or "Realtime") permission; sent as `Authorization: Bearer`.
   * Required; no whitespace or control characters (the rule of `connection.ts`).
   */
  apiToken: string;
  /**
   * API base URL, `http://` or `https://`, without query or fragment (trailing slashes are
   * removed; the rule of `connection.ts`, which `resolveCredentials` applies too). Point it at
   * the emulator for tests, e.g. `http://127.0.0.1:8787/client/v4`.
   * @default "https://api.cloudflare.com/client/v4"
   */
  baseUrl?: string;
  /** Timeout of one attempt (connect to end of body), in ms. Positive. @default 30000 */
  timeoutMs?: number;
  /** Retries after failures other than 429 (non-negative integer). @default 4 */
  maxRetries?: number;
  /**
   * Total time one call may spend waiting out 429s, in ms; each wait is the server's
   * `Retry-After`, uncapped. `0` makes a 429 final. @default 600000 (two five-minute lockouts)
   */
  maxRateLimitWaitMs?: number;
  /** Cap on an honoured `Retry-After` / `retry-after-ms` of a failure other than 429, in ms. @default 60000 */
  maxRetryAfterMs?: number;
  /** Base of the exponential back-off, in ms. @default 250 */
  retryBaseDelayMs?: number;
  /** Cap of one exponential back-off delay, in ms. @default 8000 */
  retryMaxDelayMs?: number;
  /**
   * Request budget, shared process-wide by every client with the same base URL and token (see
   * `budget.ts`): it follows the server's `Ratelimit` count once one has arrived; until then (and
   * against a server that sends none) at most `maxRequests` attempts (retries and lookups included)
   * may start in any sliding window of `windowMs`. `false` turns throttling off (a 429 is still
   * retried).
   * @default { maxRequests: 1000, windowMs: 300000 }
   */
  budget?: BudgetLimits | false;
  /**
   * A folder where the budget is recorded across processes, so that engine operations run back to
   * back (each in its own provider process) share one window; see `budgetStore.ts`. Unset: the
   * budget lives only in this process.
   */
  budgetStateDir?: string;
  /**
   * Delay function used for back-off and throttling; inject one in tests so they never wait.
   * @default a `setTimeout`-based sleep
   */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0, 1) for back-off jitter. @default Math.random */
  random?: () => number;
  /**
   * Clock in ms since the epoch, used by the budget and for HTTP-date `Retry-After` values. Tests
   * that inject `sleep` should inject a clock that `sleep` advances.
   * @default Date.now
   */
  now?: () => number;
}

/** One page of a list response. */
export interface Page<T> {
  /** The items of this page. */
  data: T[];
  /** Paging information; absent on unpaged lists (webhooks). */
  paging?: WirePaging;
}

/** The paging block of a list answer, when it carries the total that ends the listing. */
function pagingOf(value: unknown): WirePaging | undefined {
  if (!isPlainObject(value) || typeof value.total_count !== "number") {
    return undefined;
  }
  return { start_offset: Number(value.start_offset), end_offset: Number(value.end_offset), total_count: value.total_count };
}

/** The RealtimeKit REST client. Create one with {@link createRealtimeKitClient}. */
export interface RealtimeKitClient {
  /** The account id the client was created for. */
  readonly accountId: string;
  /**
   * Sends a request (with retries for idempotent calls) and returns the envelope's `data`.
   * A non-idempotent POST is retried only after failures that prove nothing was processed; an
   * ambiguous failure is thrown as is (use {@link RealtimeKitClient.postOnce} for creates).
   * @throws {@link ApiError} subclasses, {@link NetworkError}, {@link TimeoutError}.
   */
  request<T>(spec: RequestSpec): Promise<T>;
  /**
   * Sends a list request and returns `data` (an array) with `paging`. With
   * `spec.notFoundAsEmpty`, a 404 gives `{ data: [] }`.
   */
  requestPage<T>(spec: RequestSpec): Promise<Page<T>>;
  /**
   * Fetches every page: `page_no` from 1 with `per_page` 100 (or `spec.query.per_page`), until
   * the items collected reach `paging.total_count`, a page is short, or the response has no
   * `paging` (an unpaged list is complete after one call).
   *
   * @param onPage - called after each page with the items so far and the total the server
   *   reports (undefined on unpaged lists), e.g. to show progress.
   */
  listAll<T>(spec: RequestSpec, onPage?: (received: number, total: number | undefined) => void): Promise<T[]>;
  /**
   * Sends a create (POST) that must never be duplicated, and returns the created object (`data`).
   *
   * - Success → the object.
   * - Failures that prove nothing was processed (429, 408, ECONNREFUSED and other
   *   connection-establishment errors) → retried with back-off, up to `maxRetries` (a 429 is
   *   waited out per its `Retry-After` within `maxRateLimitWaitMs` instead).
   * - Final failures (400, 401, 403, 404, 409, other 4xx, TLS, unknown host) → thrown at once.
   * - Ambiguous failures (timeout, connection reset or closed after sending, any 5xx):
   *   - without `lookup` (meetings have no unique key) → {@link AmbiguousCreateError}, whose
   *     message says the object may have been created; nothing is re-sent;
   *   - with `lookup` (the caller finds the object by its unique key: preset name, webhook URL):
   *     after the back-off delay, `lookup()` is called; found → it is returned (adopted); not found
   *     → the POST is re-sent (counting toward `maxRetries`) and the same rules apply again; if the
   *     retries are used up the last error is thrown (the lookup proved nothing was created);
   *     if `lookup()` throws → {@link AmbiguousCreateError}.
   *   - A 409 on a re-send that follows an ambiguous failure is most likely our own earlier
   *     attempt: `lookup()` is called once more and a found object is adopted.
   *
   * Non-idempotent POSTs reuse only connections idle for less than {@link POST_SOCKET_IDLE_MS}
   * (servers close idle connections after seconds), so a reset is never a stale pooled socket,
   * while a large `up` does not pay a TCP + TLS handshake per create.
   */
  postOnce<T>(spec: RequestSpec, lookup?: () => Promise<T | undefined>): Promise<T>;
  /** Request counters, see {@link ClientStats}. */
  readonly stats: ClientStats;
}

/**
 * The URL path of a request: `/accounts/{accountId}/realtime/kit/` plus the segments, each
 * encoded with `encodeURIComponent`.
 *
 * @throws {@link RealtimeKitError} when a segment is not a non-empty string, or is `.` / `..`
 *   (which URL parsing would resolve as dot segments).
 */
export function buildPath(accountId: string, segments: readonly string[], context = "Request"): string {
  const parts = ["accounts", accountId, "realtime", "kit", ...segments];
  return (
    "/" +
    parts
      .map((segment, i) => {
        if (typeof segment !== "string" || segment === "" || segment === "." || segment === "..") {
          const which = i < 4 ? "accountId" : `path segment ${i - 4}`;
          throw new RealtimeKitError(
            `${context} failed: invalid ${which} ${JSON.stringify(segment) ?? String(segment)}: ` +
              "expected a non-empty string other than '.' or '..'",
          );
        }
        return encodeURIComponent(segment);
      })
      .join("/")
  );
}

/** The query string (with leading `?`) of `query`, or `""`. */
function buildQuery(query: RequestSpec["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Whether `value` is a positive finite number. */
function positive(value: number): boolean {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** The options of a client, checked and with their defaults. */
interface ClientSettings {
  readonly accountId: string;
  readonly apiToken: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retryLimits: RetryLimits;
  readonly budgetLimits: BudgetLimits | false;
}

/** Checks the options and fills in the defaults. @throws {@link ConfigError} naming the option. */
function settingsOf(options: ClientOptions): ClientSettings {
  const accountId = options.accountId;
  const apiToken = options.apiToken;
  if (typeof accountId !== "string" || accountId.trim() === "") {
    throw new ConfigError("createRealtimeKitClient: accountId is required", "realtimekit:accountId");
  }
  if (!isValidApiToken(apiToken)) {
    const problem = typeof apiToken !== "string" || apiToken === "" ? "is required" : `must be ${API_TOKEN_RULE}`;
    throw new ConfigError(`createRealtimeKitClient: apiToken ${problem}`, "realtimekit:apiToken");
  }
  const requestedUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  const baseUrl = normalizeBaseUrl(requestedUrl);
  if (baseUrl === undefined) {
    throw new ConfigError(
      `createRealtimeKitClient: baseUrl must be ${BASE_URL_RULE}, got ${JSON.stringify(requestedUrl)}`,
      "realtimekit:apiBaseUrl",
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const retryLimits: RetryLimits = {
    maxRetries,
    maxRateLimitWaitMs,
    baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
  };
  if (!positive(timeoutMs)) throw new ConfigError(`createRealtimeKitClient: timeoutMs must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ConfigError(`createRealtimeKitClient: maxRetries must be a non-negative integer, got ${maxRetries}`);
  }
  if (!(Number.isFinite(maxRateLimitWaitMs) && maxRateLimitWaitMs >= 0)) {
    throw new ConfigError(`createRealtimeKitClient: maxRateLimitWaitMs must be a non-negative number, got ${maxRateLimitWaitMs}`);
  }
  const budgetLimits = options.budget === undefined ? DEFAULT_BUDGET : options.budget;
  if (budgetLimits !== false && !(positive(budgetLimits.maxRequests) && positive(budgetLimits.windowMs))) {
    throw new ConfigError("createRealtimeKitClient: budget.maxRequests and budget.windowMs must be positive");
  }
  return { accountId, apiToken, baseUrl, timeoutMs, retryLimits, budgetLimits };
}

/**
 * Creates a client. Builds its own axios instance and keep-alive agents (one set per client); the
 * request budget is shared process-wide per base URL + token unless `budget: false`.
 *
 * @throws {@link ConfigError} when `accountId` or `apiToken` is missing, `baseUrl` is not an
 *   http(s) URL, or a numeric option is out of range.
 */
export function createRealtimeKitClient(options: ClientOptions): RealtimeKitClient {
  const { accountId, apiToken, baseUrl, timeoutMs, retryLimits, budgetLimits } = settingsOf(options);
  const sleep = options.sleep ?? setTimeoutSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const budget: RequestBudget | undefined =
    budgetLimits === false ? undefined : sharedBudget(baseUrl, apiToken, budgetLimits, options.budgetStateDir);

  const stats: ClientStats = { requests: 0, retries: 0, throttledMs: 0 };
  const { attempt, redact } = createTransport({ apiToken, timeoutMs, budget, now, sleep, stats });

  /**
   * Plans and waits out the next retry after a failed attempt (see `planRetry`); `undefined` when
   * the call should give up instead. A 429 with `Retry-After` also pauses the shared budget for
   * everyone else; `ignorePause` is then `true`, so the retry itself skips the pause it has
   * already waited out. With `settle`, the back-off is waited even when giving up (an ambiguous
   * create's lookup should not run the instant its attempt failed).
   */
  async function waitForRetry(
    context: string,
    counters: RetryCounters,
    result: AttemptResult & { ok: false },
    settle = false,
  ): Promise<{ counters: RetryCounters; ignorePause: boolean } | undefined> {
    const planned = planRetry(counters, result.failure, result.retryAfterMs, random, retryLimits);
    if (planned === undefined) {
      if (settle) await sleep(backoffDelay(counters.retries, result.retryAfterMs, random, retryLimits));
      return undefined;
    }
    const pauses = budget !== undefined && result.retryAfterMs !== undefined && isRateLimitFailure(result.failure);
    if (isRateLimitFailure(result.failure)) {
      if (!pauses || budget.pause(now() + planned.delayMs)) notify(describeRateLimitPause(context, planned.delayMs));
    } else if (counters.retries === 0) {
      notify(describeRetry(context, result.failure, planned.delayMs, retryLimits.maxRetries));
    }
    if (planned.delayMs > 0) await sleep(planned.delayMs);
    return { counters: planned.counters, ignorePause: pauses };
  }

  /** Resolves path and URL of a spec (throws for invalid segments). */
  function target(spec: RequestSpec): { path: string; url: string } {
    const path = buildPath(accountId, spec.path, spec.context);
    return { path, url: `${baseUrl}${path}${buildQuery(spec.query)}` };
  }

  /** Sends with the retry policy of `spec`; returns the parsed envelope. */
  async function execute(spec: RequestSpec): Promise<Record<string, unknown> | null> {
    const { path, url } = target(spec);
    const idempotent = spec.idempotent ?? spec.method !== "POST";
    let counters = NO_RETRIES_YET;
    let ignorePause = false;
    for (let attemptNo = 1; ; attemptNo++) {
      const result = await attempt({ spec, path, url, attemptNo, freshConnection: !idempotent, ignorePause });
      if (result.ok) return result.body;
      if (!isRetryable(spec.method, result.failure, idempotent)) throw result.error;
      const next = await waitForRetry(spec.context, counters, result);
      if (next === undefined) throw result.error;
      ({ counters, ignorePause } = next);
      stats.retries++;
    }
  }

  /** `data` of an envelope. */
  function dataOf<T>(body: Record<string, unknown> | null): T {
    return (body === null ? null : body.data) as T;
  }

  async function request<T>(spec: RequestSpec): Promise<T> {
    return dataOf<T>(await execute(spec));
  }

  async function requestPage<T>(spec: RequestSpec): Promise<Page<T>> {
    let body: Record<string, unknown> | null;
    try {
      body = await execute(spec);
    } catch (e) {
      if (spec.notFoundAsEmpty && isNotFound(e)) return { data: [] };
      throw e;
    }
    const data = body === null ? [] : body.data;
    if (!Array.isArray(data)) {
      const { path } = target(spec);
      throw new ApiError({
        context: spec.context,
        status: 200,
        code: 200,
        apiMessage: "invalid response body: expected data to be a list",
        method: spec.method,
        path,
      });
    }
    const paging = body === null ? undefined : pagingOf(body.paging);
    return paging ? { data: data as T[], paging } : { data: data as T[] };
  }

  async function listAll<T>(spec: RequestSpec, onPage?: (received: number, total: number | undefined) => void): Promise<T[]> {
    const requested = Number(spec.query?.per_page);
    const perPage = Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_PAGE_SIZE;
    const all: T[] = [];
    for (let pageNo = 1; pageNo <= MAX_PAGES; pageNo++) {
      const page = await requestPage<T>({ ...spec, query: { ...spec.query, page_no: pageNo, per_page: perPage } });
      all.push(...page.data);
      onPage?.(all.length, page.paging?.total_count);
      if (!page.paging || page.data.length < perPage || all.length >= page.paging.total_count) break;
    }
    return all;
  }

  async function postOnce<T>(spec: RequestSpec, lookup?: () => Promise<T | undefined>): Promise<T> {
    const { path, url } = target(spec);
    const where = { context: spec.context, method: spec.method, path };
    let sawAmbiguous = false;
    let ignorePause = false;

    /** Runs the caller's lookup, turning its failure into an AmbiguousCreateError. */
    async function look(reason: RealtimeKitError, find: () => Promise<T | undefined>): Promise<T | undefined> {
      try {
        const found = await find();
        if (found !== undefined) notify(describeRecoveredCreate(spec.context, isPlainObject(found) ? found.id : undefined));
        return found;
      } catch (e) {
        const detail = isRealtimeKitError(e) ? e.message : redact(e instanceof Error ? e.message : String(e));
        throw new AmbiguousCreateError(where, reason, `Looking it up failed as well: ${detail}`);
      }
    }

    let counters = NO_RETRIES_YET;
    for (let attemptNo = 1; ; attemptNo++) {
      const result = await attempt({ spec, path, url, attemptNo, freshConnection: true, ignorePause });
      if (result.ok) return dataOf<T>(result.body);
      const cls = classifyFailure(result.failure);
      if (cls === "final") {
        if (sawAmbiguous && lookup && result.failure.kind === "status" && result.failure.status === 409) {
          const found = await look(result.error, lookup);
          if (found !== undefined) return found;
        }
        throw result.error;
      }
      if (cls === "ambiguous" && !lookup) throw new AmbiguousCreateError(where, result.error);
      const next = await waitForRetry(spec.context, counters, result, cls === "ambiguous");
      if (cls === "ambiguous") {
        sawAmbiguous = true;
        const found = await look(result.error, lookup!);
        if (found !== undefined) return found;
      }
      if (next === undefined) throw result.error; // for an ambiguous failure, the lookup proved nothing was created
      ({ counters, ignorePause } = next);
      stats.retries++;
    }
  }

  return { accountId, request, requestPage, listAll, postOnce, stats };
}
