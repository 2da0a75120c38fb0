/**
 * One HTTP attempt of the REST client: the only place that speaks HTTP (axios, keep-alive agents,
 * bearer auth, the per-attempt deadline) and turns what comes back, or the failure to get it, into
 * an {@link AttemptResult}. Retries, the budget's waiting and envelopes of lists live in
 * `client.ts`.
 *
 * Serialization safety: module scope holds only constants and functions; the axios instance and
 * the agents are made inside {@link createTransport}.
 */
import * as http from "http";
import * as https from "https";
import axios from "axios";
import type { AxiosInstance, AxiosResponse } from "axios";

import type { RequestBudget } from "./budget";
import {
  ApiError,
  ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NetworkError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RealtimeKitError,
  ServerError,
  TimeoutError,
} from "./errors";
import { isPlainObject } from "../shared/check";
import { Failure, parseRateLimitHeader, parseRetryAfter } from "./retry";
import type { ClientStats, RequestSpec } from "./request";
import { describeBudgetWait } from "./explain";
import { notify } from "../notices";

/** `User-Agent` sent with every request. */
export const USER_AGENT = "pulumi-realtimekit";
/** Longest API error message kept in an error, in characters. */
const MAX_API_MESSAGE_LENGTH = 500;
/**
 * How long a connection used by a non-idempotent POST may sit idle and still be reused, in ms.
 * Far below any server's keep-alive timeout (Node's default is 5 s), so it is never a stale socket.
 */
export const POST_SOCKET_IDLE_MS = 1000;

/** Result of one attempt. */
export type AttemptResult =
  | { readonly ok: true; readonly status: number; readonly body: Record<string, unknown> | null }
  | {
      readonly ok: false;
      readonly failure: Failure;
      readonly error: RealtimeKitError;
      readonly retryAfterMs?: number;
    };

/** Parses JSON, or returns `undefined`. */
function tryParseJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Code and message of an error body, in either the RealtimeKit or the Cloudflare v4 shape. */
function errorFromBody(body: unknown): { code?: number | string; message?: string } {
  if (!isPlainObject(body)) return {};
  const pick = (e: unknown): { code?: number | string; message?: string } => {
    if (!isPlainObject(e)) return {};
    const code = typeof e.code === "number" || typeof e.code === "string" ? e.code : undefined;
    const message = typeof e.message === "string" && e.message.trim() !== "" ? e.message : undefined;
    return { code, message };
  };
  if (isPlainObject(body.error)) return pick(body.error);
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const all = body.errors.map(pick);
    const messages = all.map((e) => e.message).filter((m): m is string => m !== undefined);
    return { code: all[0].code, message: messages.length > 0 ? messages.join("; ") : undefined };
  }
  if (typeof body.error === "string" && body.error.trim() !== "") return { message: body.error };
  if (typeof body.message === "string" && body.message.trim() !== "") return { message: body.message };
  return {};
}

/** The error class for an HTTP status. */
function apiErrorFor(init: ApiErrorInit, retryAfterMs: number | undefined): ApiError {
  switch (init.status) {
    case 400:
      return new BadRequestError(init);
    case 401:
      return new AuthenticationError(init);
    case 403:
      return new PermissionDeniedError(init);
    case 404:
      return new NotFoundError(init);
    case 409:
      return new ConflictError(init);
    case 429:
      return new RateLimitError(init, retryAfterMs);
    default:
      return init.status >= 500 ? new ServerError(init) : new ApiError(init);
  }
}

/** What {@link createTransport} needs of the client. */
export interface TransportSettings {
  readonly apiToken: string;
  /** Deadline of one attempt, in ms. */
  readonly timeoutMs: number;
  /** The shared request budget, or `undefined` when throttling is off. */
  readonly budget: RequestBudget | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Counters the transport adds to (requests sent, time waited for the budget). */
  readonly stats: ClientStats;
}

/** One attempt of a request, as {@link Transport.attempt} takes it. */
export interface AttemptOptions {
  /** The request. */
  readonly spec: RequestSpec;
  /** Its URL path (for errors). */
  readonly path: string;
  /** The full URL. */
  readonly url: string;
  /** 1 for the first attempt (for errors). */
  readonly attemptNo: number;
  /**
   * Send on a connection idle for less than {@link POST_SOCKET_IDLE_MS} instead of the pooled
   * keep-alive ones: for non-idempotent POSTs, which must never go out on a socket being closed.
   */
  readonly freshConnection: boolean;
  /** Skip the budget's pause: a retry that has already waited out the 429 that set it. */
  readonly ignorePause: boolean;
}

/** One client's transport: {@link Transport.attempt} and the redaction of its token. */
export interface Transport {
  /** One HTTP attempt, never throwing for HTTP or network failures. */
  attempt(options: AttemptOptions): Promise<AttemptResult>;
  /** Replaces the token wherever it might appear in a text from the network or Node. */
  redact(text: string): string;
}

/** Makes the transport of one client: its own axios instance and keep-alive agents. */
export function createTransport(settings: TransportSettings): Transport {
  const { apiToken, timeoutMs, budget, now, sleep, stats } = settings;
  // One set of agents per client: pooled keep-alive connections for everything that may be
  // retried, and for non-idempotent POSTs (see postOnce) connections that are closed once idle
  // for POST_SOCKET_IDLE_MS, so a POST never goes out on a socket the server may be closing.
  const pooled = {
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
  };
  const fresh = {
    httpAgent: new http.Agent({ keepAlive: true, timeout: POST_SOCKET_IDLE_MS }),
    httpsAgent: new https.Agent({ keepAlive: true, timeout: POST_SOCKET_IDLE_MS }),
  };
  const instance: AxiosInstance = axios.create({
    timeout: timeoutMs,
    maxRedirects: 0, // never follow a redirect with the bearer token
    validateStatus: () => true, // every status is mapped below
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transformRequest: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
  });

  /** Replaces the token wherever it might appear in a text from the network or Node. */
  function redact(text: string): string {
    return apiToken.length >= 4 ? text.split(apiToken).join("[redacted]") : text;
  }

  async function attempt(options: AttemptOptions): Promise<AttemptResult> {
    const { spec, path, url, attemptNo, freshConnection, ignorePause } = options;
    const where = { context: spec.context, method: spec.method, path, attempts: attemptNo };
    if (budget) stats.throttledMs += await budget.acquire(now, sleep, { ignorePause, explain: (wait) => notify(describeBudgetWait(wait)) });
    stats.requests++;

    const headers: Record<string, string | false> = {
      Authorization: `Bearer ${apiToken}`,
      Accept: "application/json",
      "User-Agent": USER_AGENT,
      "Content-Type": false, // `false` stops axios adding a form content type to bodiless POSTs
    };
    let data: string | undefined;
    if (spec.body !== undefined) {
      data = JSON.stringify(spec.body);
      headers["Content-Type"] = "application/json";
    }

    const controller = new AbortController();
    let deadlineHit = false;
    const deadline = setTimeout(() => {
      deadlineHit = true;
      controller.abort();
    }, timeoutMs);
    let res: AxiosResponse<unknown>;
    try {
      res = await instance.request({
        method: spec.method,
        url,
        headers,
        data,
        signal: controller.signal,
        ...(freshConnection ? fresh : pooled),
      });
    } catch (err) {
      budget?.settle(undefined, now());
      // Only a code and a scrubbed message leave this block; the axios error (which holds the
      // request config and headers) is dropped here.
      const e = (isPlainObject(err) ? err : {}) as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
      const code = typeof e.code === "string" ? e.code : typeof e.cause?.code === "string" ? e.cause.code : "UNKNOWN";
      if (deadlineHit || code === "ETIMEDOUT" || code === "ECONNABORTED") {
        return { ok: false, failure: { kind: "timeout" }, error: new TimeoutError(where, timeoutMs) };
      }
      const message = redact(typeof e.message === "string" && e.message !== "" ? e.message : code);
      return {
        ok: false,
        failure: { kind: "network", code },
        error: new NetworkError(where, { code, message }),
      };
    } finally {
      clearTimeout(deadline);
    }

    const status = res.status;
    const headerMap = (
      typeof (res.headers as { toJSON?: unknown })?.toJSON === "function"
        ? (res.headers as { toJSON(): Record<string, unknown> }).toJSON()
        : (res.headers ?? {})
    ) as Record<string, unknown>;
    budget?.settle(parseRateLimitHeader(headerMap), now());
    const body = tryParseJson(res.data);
    const errorInit = (apiMessage: string, code?: number | string): ApiErrorInit => ({
      ...where,
      status,
      code: code ?? status,
      apiMessage: redact(apiMessage).slice(0, MAX_API_MESSAGE_LENGTH),
    });

    if (status >= 200 && status < 300) {
      if (body === undefined && (typeof res.data !== "string" || res.data.trim() === "")) {
        return { ok: true, status, body: null }; // 204 or empty body
      }
      if (!isPlainObject(body)) {
        return {
          ok: false,
          failure: { kind: "status", status },
          error: new ApiError(errorInit("invalid response body: expected a JSON {success, data} envelope")),
        };
      }
      if (body.success === false) {
        const e = errorFromBody(body);
        return {
          ok: false,
          failure: { kind: "status", status },
          error: new ApiError(errorInit(e.message ?? "request reported success: false", e.code)),
        };
      }
      return { ok: true, status, body };
    }

    const retryAfterMs = parseRetryAfter(headerMap, now());
    const parsed = errorFromBody(body);
    const apiMessage = parsed.message ?? http.STATUS_CODES[status] ?? "unexpected status";
    return {
      ok: false,
      failure: { kind: "status", status },
      error: apiErrorFor(errorInit(apiMessage, parsed.code), retryAfterMs),
      retryAfterMs,
    };
  }

  return { attempt, redact };
}
