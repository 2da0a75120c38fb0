/**
 * Options of {@link startEmulator} and their defaults, resolved in one place.
 */
import { Clock, type ClockOptions } from "./clock";
import { newAccountId, newApiToken, newId } from "./ids";
import { DEFAULT_APP_NAME, RATE_LIMIT_DEFAULTS } from "./limits";
import { type RateLimitOptions, resolveRateLimit } from "./rateLimit";
import { type EmulatorVariants, resolveVariants } from "./variants";
import type { WebhookDeliveryOptions } from "./webhookDelivery";

/** Options for `startEmulator`. Every one is optional. */
export interface EmulatorOptions {
  /**
   * TCP port on 127.0.0.1; `0` picks a free one.
   * @default 0
   */
  readonly port?: number;
  /**
   * The one account id the emulator serves; calls for any other account get 403.
   * @default a random 32-character hex string
   */
  readonly accountId?: string;
  /**
   * Id of the app created at start-up (and again on reset).
   * @default a random UUID
   */
  readonly appId?: string;
  /**
   * Name of that app.
   * @default "default"
   */
  readonly appName?: string;
  /**
   * The API token clients must send as `Authorization: Bearer <token>`.
   * @default a random token
   */
  readonly token?: string;
  /**
   * Fixed latency added to every API response, in milliseconds (for benchmarks).
   * @default 0
   */
  readonly latencyMs?: number;
  /**
   * Rate limit per token, or `false` to switch it off.
   * @default { limit: 1200, windowMs: 300000, lockoutMs: 300000 } (Cloudflare's global API limit)
   */
  readonly rateLimit?: RateLimitOptions | false;
  /**
   * The clock: a {@link Clock} to share, or options for a new one (e.g. `{ now: "2026-01-01T00:00:00.000Z", frozen: true }`).
   * @default a running clock starting at the current time
   */
  readonly clock?: Clock | ClockOptions;
  /**
   * Webhook delivery retry delays and timeout.
   * @default { retryDelaysMs: [100, 200, 400], timeoutMs: 5000 }
   */
  readonly webhookDelivery?: WebhookDeliveryOptions;
  /**
   * Answers to the behaviours the spec and SDK leave open (see {@link EmulatorVariants});
   * `FLIPPED_VARIANTS` switches every one to its other plausible answer.
   * @default DEFAULT_VARIANTS
   */
  readonly variants?: Partial<EmulatorVariants>;
}

/** {@link EmulatorOptions} with every default applied. */
export interface ResolvedOptions {
  readonly port: number;
  readonly accountId: string;
  readonly appId: string;
  readonly appName: string;
  readonly token: string;
  readonly latencyMs: number;
  readonly rateLimit: RateLimitOptions | false;
  readonly clock: Clock;
  readonly webhookDelivery: WebhookDeliveryOptions;
  readonly variants: EmulatorVariants;
}

/** Applies defaults and checks the options; throws a TypeError / RangeError naming the bad option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer between 0 and 65535, got ${String(options.port)}`);
  }
  const latencyMs = options.latencyMs ?? 0;
  checkLatency(latencyMs);
  const accountId = options.accountId ?? newAccountId();
  const appId = options.appId ?? newId();
  for (const [name, value] of [
    ["accountId", accountId],
    ["appId", appId],
  ] as const) {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) {
      throw new TypeError(`${name} must be a non-empty string of letters, digits, '-' or '_', got ${JSON.stringify(value)}`);
    }
  }
  const token = options.token ?? newApiToken();
  if (!/^\S+$/.test(token)) {
    throw new TypeError("token must be a non-empty string without whitespace");
  }
  const rateLimit = options.rateLimit ?? { ...RATE_LIMIT_DEFAULTS };
  resolveRateLimit(rateLimit);
  return {
    port,
    accountId,
    appId,
    appName: options.appName ?? DEFAULT_APP_NAME,
    token,
    latencyMs,
    rateLimit,
    clock: options.clock instanceof Clock ? options.clock : new Clock(options.clock),
    webhookDelivery: options.webhookDelivery ?? {},
    variants: resolveVariants(options.variants),
  };
}

/** Throws a RangeError unless `ms` is a non-negative finite number. */
export function checkLatency(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`latencyMs must be a non-negative number, got ${String(ms)}`);
  }
}
