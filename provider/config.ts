/**
 * Credentials and client settings: the one place they are read.
 *
 * Values come from the stack configuration (in a dynamic provider, the `config` passed to
 * `configure()`; always looked up by **full** key such as `realtimekit:apiToken`, because a key
 * without `:` gets the project name as prefix there), then from environment variables. Stack
 * config wins over the environment; explicit `overrides` win over both.
 *
 * | Config key | Environment variable | Meaning |
 * | --- | --- | --- |
 * | `realtimekit:accountId` | `CLOUDFLARE_ACCOUNT_ID` | Cloudflare account id (required) |
 * | `realtimekit:appId` | `REALTIMEKIT_APP_ID` | RealtimeKit app id (required) |
 * | `realtimekit:apiToken` (secret) | `CLOUDFLARE_API_TOKEN` | API token, "Realtime Admin" (required) |
 * | `realtimekit:apiBaseUrl` | `REALTIMEKIT_API_BASE_URL` | API base URL |
 * | `realtimekit:maxRequestsPerWindow` | `REALTIMEKIT_MAX_REQUESTS_PER_WINDOW` | request budget; `off` or `0` disables it |
 * | `realtimekit:rateLimitWindowSeconds` | `REALTIMEKIT_RATE_LIMIT_WINDOW_SECONDS` | budget window |
 * | `realtimekit:requestTimeoutSeconds` | `REALTIMEKIT_REQUEST_TIMEOUT_SECONDS` | per-attempt timeout |
 * | `realtimekit:maxRetries` | `REALTIMEKIT_MAX_RETRIES` | retries after a failure other than 429 |
 * | `realtimekit:maxRateLimitWaitSeconds` | `REALTIMEKIT_MAX_RATE_LIMIT_WAIT_SECONDS` | time one call may wait out 429s |
 * | `realtimekit:onLiveSession` | `REALTIMEKIT_ON_LIVE_SESSION` | default of Meeting `onLiveSession` |
 */

import type { BudgetLimits } from "./client/budget";
import { DEFAULT_BUDGET } from "./client/budget";
import { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "./client/client";
import { API_TOKEN_RULE, BASE_URL_RULE, isValidApiToken, normalizeBaseUrl } from "./client/connection";
import { ConfigError } from "./client/errors";
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS, DEFAULT_MAX_RETRIES } from "./client/retry";

/** Anything with a `get(fullKey)` returning a string: the dynamic provider's config, a `Map`, … */
export interface ConfigSource {
  /** The value of a full key such as `realtimekit:apiToken`, or `undefined` when unset. */
  get(key: string): string | undefined;
}

/** One setting: its stack config key, environment variable and documentation. */
export interface ConfigSetting {
  /** Full stack config key, e.g. `realtimekit:apiToken`. */
  readonly key: string;
  /** Environment variable used when the config key is unset. */
  readonly env: string;
  /** Whether the value must be stored with `pulumi config set --secret`. */
  readonly secret: boolean;
  /** Whether a value is required. */
  readonly required: boolean;
  /** Placeholder used in the `pulumi config set` hint of error messages. */
  readonly placeholder: string;
  /** One-line description, including the default. */
  readonly description: string;
}

/** Every setting read by {@link resolveCredentials}, in documentation order. */
export const CONFIG_SETTINGS: readonly ConfigSetting[] = Object.freeze([
  {
    key: "realtimekit:accountId",
    env: "CLOUDFLARE_ACCOUNT_ID",
    secret: false,
    required: true,
    placeholder: "<account id>",
    description: "Cloudflare account id that owns the RealtimeKit app.",
  },
  {
    key: "realtimekit:appId",
    env: "REALTIMEKIT_APP_ID",
    secret: false,
    required: true,
    placeholder: "<app id>",
    description: "RealtimeKit app id (UUID) the resources belong to.",
  },
  {
    key: "realtimekit:apiToken",
    env: "CLOUDFLARE_API_TOKEN",
    secret: true,
    required: true,
    placeholder: "<token>",
    description: 'Cloudflare API token with the "Realtime Admin" permission. Store it as a secret.',
  },
  {
    key: "realtimekit:apiBaseUrl",
    env: "REALTIMEKIT_API_BASE_URL",
    secret: false,
    required: false,
    placeholder: "<url>",
    description: `API base URL (http or https), e.g. an emulator. Default ${DEFAULT_BASE_URL}.`,
  },
  {
    key: "realtimekit:maxRequestsPerWindow",
    env: "REALTIMEKIT_MAX_REQUESTS_PER_WINDOW",
    secret: false,
    required: false,
    placeholder: "<count>",
    description:
      `Most API requests per window, shared by all resources using the token, until the API's Ratelimit ` +
      `header says what is left (then that count is followed); "off" or 0 disables all throttling. ` +
      `Default ${DEFAULT_BUDGET.maxRequests}.`,
  },
  {
    key: "realtimekit:rateLimitWindowSeconds",
    env: "REALTIMEKIT_RATE_LIMIT_WINDOW_SECONDS",
    secret: false,
    required: false,
    placeholder: "<seconds>",
    description: `Length of the fallback budget's sliding window in seconds. Default ${DEFAULT_BUDGET.windowMs / 1000}.`,
  },
  {
    key: "realtimekit:requestTimeoutSeconds",
    env: "REALTIMEKIT_REQUEST_TIMEOUT_SECONDS",
    secret: false,
    required: false,
    placeholder: "<seconds>",
    description: `Timeout of one HTTP attempt in seconds. Default ${DEFAULT_TIMEOUT_MS / 1000}.`,
  },
  {
    key: "realtimekit:maxRetries",
    env: "REALTIMEKIT_MAX_RETRIES",
    secret: false,
    required: false,
    placeholder: "<count>",
    description: `Retries after a failed attempt other than a 429 (0 disables them). Default ${DEFAULT_MAX_RETRIES}.`,
  },
  {
    key: "realtimekit:maxRateLimitWaitSeconds",
    env: "REALTIMEKIT_MAX_RATE_LIMIT_WAIT_SECONDS",
    secret: false,
    required: false,
    placeholder: "<seconds>",
    description:
      `Total time one API call may spend waiting out 429s (each wait as long as the server's Retry-After); ` +
      `0 makes a 429 final. Default ${DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 1000} (two 5-minute lockouts).`,
  },
  {
    key: "realtimekit:onLiveSession",
    env: "REALTIMEKIT_ON_LIVE_SESSION",
    secret: false,
    required: false,
    placeholder: "fail",
    description:
      `What a change that would end a meeting's live session does, for meetings that do not set onLiveSession: ` +
      `"end" ends it (kick-all), "fail" changes nothing and fails naming the meeting. Default "end".`,
  },
] as const);

/** What a change that would end a meeting's live session does: end it (kick-all), or fail and change nothing. */
export const ON_LIVE_SESSION_MODES = ["end", "fail"] as const;

/** One of {@link ON_LIVE_SESSION_MODES}. */
export type OnLiveSession = (typeof ON_LIVE_SESSION_MODES)[number];

/**
 * The stack's default `onLiveSession`: `realtimekit:onLiveSession`, then `REALTIMEKIT_ON_LIVE_SESSION`,
 * else `"end"`.
 * @throws {@link ConfigError} for any other value.
 */
export function resolveOnLiveSession(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): OnLiveSession {
  const s = setting("realtimekit:onLiveSession");
  const got = read(config, env, s);
  if (got === undefined) return "end";
  const mode = ON_LIVE_SESSION_MODES.find((m) => m === got.value);
  if (mode === undefined) throw invalid(s, got, ON_LIVE_SESSION_MODES.map((m) => JSON.stringify(m)).join(" or "));
  return mode;
}

/** The full config keys read by {@link resolveCredentials}. */
export const CONFIG_KEYS: readonly string[] = Object.freeze(CONFIG_SETTINGS.map((s) => s.key));

/** Result of {@link resolveCredentials}; its fields fit `ClientOptions` of the REST client. */
export interface ResolvedCredentials {
  /** Cloudflare account id. */
  readonly accountId: string;
  /** RealtimeKit app id. */
  readonly appId: string;
  /** API token. Keep it out of outputs, messages and anything serialized. */
  readonly apiToken: string;
  /** API base URL without a trailing slash. @default "https://api.cloudflare.com/client/v4" */
  readonly baseUrl: string;
  /** Request budget, or `false` when disabled. @default { maxRequests: 1000, windowMs: 300000 } */
  readonly budget: BudgetLimits | false;
  /** Per-attempt timeout in ms. @default 30000 */
  readonly timeoutMs: number;
  /** Retries after a failure other than 429. @default 4 */
  readonly maxRetries: number;
  /** Total time one call may wait out 429s, in ms. @default 600000 */
  readonly maxRateLimitWaitMs: number;
}

/** Explicit values that win over config and environment (e.g. per-resource `accountId`/`appId`). */
export interface CredentialOverrides {
  /** Account id to use instead of the configured one. */
  readonly accountId?: string;
  /** App id to use instead of the configured one. */
  readonly appId?: string;
}

/** Looks up a setting by key (module constant, so no lookup can fail at run time). */
function setting(key: string): ConfigSetting {
  return CONFIG_SETTINGS.find((s) => s.key === key) as ConfigSetting;
}

/** Trimmed non-empty string, or `undefined`. */
function clean(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** A raw value with where it came from (for error messages). */
interface Sourced {
  readonly value: string;
  readonly from: string;
}

/** Reads one setting: config first, then the environment. */
function read(config: ConfigSource | undefined, env: NodeJS.ProcessEnv, s: ConfigSetting): Sourced | undefined {
  const fromConfig = clean(config?.get(s.key));
  if (fromConfig !== undefined) return { value: fromConfig, from: "stack config" };
  const fromEnv = clean(env[s.env]);
  if (fromEnv !== undefined) return { value: fromEnv, from: `the ${s.env} environment variable` };
  return undefined;
}

/** `Missing required configuration <key>: set it with `pulumi config set …` or the <ENV> environment variable`. */
function missing(s: ConfigSetting): ConfigError {
  const command = `pulumi config set${s.secret ? " --secret" : ""} ${s.key} ${s.placeholder}`;
  return new ConfigError(`Missing required configuration ${s.key}: set it with \`${command}\` or the ${s.env} environment variable`, s.key);
}

/** `Invalid configuration <key> (from <source>): expected …, got "<value>"`. */
function invalid(s: ConfigSetting, got: Sourced, expected: string): ConfigError {
  return new ConfigError(
    `Invalid configuration ${s.key} (from ${got.from}): expected ${expected}, got ${JSON.stringify(got.value)}`,
    s.key,
  );
}

/** Parses a positive (or, with `allowZero`, non-negative) integer setting. */
function integer(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  key: string,
  fallback: number,
  allowZero = false,
  expected = allowZero ? "a non-negative integer" : "a positive integer",
): number {
  const s = setting(key);
  const got = read(config, env, s);
  if (got === undefined) return fallback;
  const n = /^\d+$/.test(got.value) ? Number(got.value) : NaN;
  if (!Number.isSafeInteger(n) || (n === 0 && !allowZero)) {
    throw invalid(s, got, expected);
  }
  return n;
}

/**
 * Resolves credentials and client settings from stack config, then environment variables.
 *
 * - Required: `realtimekit:accountId` / `CLOUDFLARE_ACCOUNT_ID`, `realtimekit:appId` /
 *   `REALTIMEKIT_APP_ID`, `realtimekit:apiToken` / `CLOUDFLARE_API_TOKEN`; a missing one gives
 *   `Missing required configuration realtimekit:apiToken: set it with
 *   \`pulumi config set --secret realtimekit:apiToken <token>\` or the CLOUDFLARE_API_TOKEN
 *   environment variable`.
 * - `realtimekit:apiToken` must be a token without whitespace or control characters, and
 *   `realtimekit:apiBaseUrl` an http(s) URL without query or fragment (the rules of
 *   `client/connection.ts`); a trailing slash is removed.
 * - `realtimekit:maxRequestsPerWindow` is a positive integer, or `off` / `0` to disable the request
 *   budget; `realtimekit:rateLimitWindowSeconds` and `realtimekit:requestTimeoutSeconds` are
 *   positive integers (seconds); `realtimekit:maxRetries` and
 *   `realtimekit:maxRateLimitWaitSeconds` are non-negative integers.
 * - Values are trimmed; empty strings count as unset. Messages never contain the token.
 *
 * @param config - the stack config (queried with full keys), or `undefined` for environment only.
 * @param env - environment, usually `process.env`.
 * @param overrides - explicit account / app id that win over config and environment.
 * @throws {@link ConfigError} naming the config key (and, when missing, the environment variable).
 */
export function resolveCredentials(
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv,
  overrides?: CredentialOverrides,
): ResolvedCredentials {
  const required = (key: string, override?: string): string => {
    const s = setting(key);
    const value = clean(override) ?? read(config, env, s)?.value;
    if (value === undefined) throw missing(s);
    return value;
  };
  const accountId = required("realtimekit:accountId", overrides?.accountId);
  const appId = required("realtimekit:appId", overrides?.appId);
  const apiToken = required("realtimekit:apiToken");
  if (!isValidApiToken(apiToken)) {
    const s = setting("realtimekit:apiToken");
    throw new ConfigError(`Invalid configuration ${s.key}: expected ${API_TOKEN_RULE} (the value is not shown)`, s.key);
  }

  const urlSetting = setting("realtimekit:apiBaseUrl");
  const urlGot = read(config, env, urlSetting);
  let baseUrl = DEFAULT_BASE_URL;
  if (urlGot !== undefined) {
    const normalized = normalizeBaseUrl(urlGot.value);
    if (normalized === undefined) throw invalid(urlSetting, urlGot, BASE_URL_RULE);
    baseUrl = normalized;
  }

  const maxSetting = setting("realtimekit:maxRequestsPerWindow");
  const maxGot = read(config, env, maxSetting);
  const disabled = maxGot !== undefined && (maxGot.value.toLowerCase() === "off" || /^0+$/.test(maxGot.value));
  let budget: BudgetLimits | false = false;
  if (!disabled) {
    const maxRequests = integer(
      config,
      env,
      maxSetting.key,
      DEFAULT_BUDGET.maxRequests,
      false,
      'a positive integer, or "off" / 0 to disable the budget',
    );
    const windowSeconds = integer(config, env, "realtimekit:rateLimitWindowSeconds", DEFAULT_BUDGET.windowMs / 1000);
    budget = { maxRequests, windowMs: windowSeconds * 1000 };
  } else {
    integer(config, env, "realtimekit:rateLimitWindowSeconds", DEFAULT_BUDGET.windowMs / 1000); // still validated
  }

  const timeoutMs = integer(config, env, "realtimekit:requestTimeoutSeconds", DEFAULT_TIMEOUT_MS / 1000) * 1000;
  const maxRetries = integer(config, env, "realtimekit:maxRetries", DEFAULT_MAX_RETRIES, true);
  const maxRateLimitWaitMs =
    integer(config, env, "realtimekit:maxRateLimitWaitSeconds", DEFAULT_MAX_RATE_LIMIT_WAIT_MS / 1000, true) * 1000;

  return { accountId, appId, apiToken, baseUrl, budget, timeoutMs, maxRetries, maxRateLimitWaitMs };
}
