/**
 * Cloudflare's global API rate limit, per token: at most `limit` requests in any sliding window of
 * `windowMs`; the request that goes over starts a block of `lockoutMs` during which every call gets
 * 429 with `Retry-After` (seconds, rounded up). Every answer carries the `Ratelimit` and
 * `Ratelimit-Policy` headers (format of the Sep 2025 changelog). Time comes from the emulator
 * {@link Clock}, so tests can walk through a lockout without sleeping.
 */
import type { Clock } from "./clock";
import { RATE_LIMIT_DEFAULTS } from "./limits";

/** Rate-limit settings. */
export interface RateLimitOptions {
  /**
   * Requests allowed per window and token.
   * @default 1200
   */
  readonly limit?: number;
  /**
   * Window length in milliseconds.
   * @default 300000
   */
  readonly windowMs?: number;
  /**
   * How long every call is refused after the limit is exceeded, in milliseconds.
   * @default 300000
   */
  readonly lockoutMs?: number;
}

/** Fully resolved {@link RateLimitOptions}. */
export interface ResolvedRateLimit {
  readonly limit: number;
  readonly windowMs: number;
  readonly lockoutMs: number;
}

/** The outcome of {@link RateLimiter.check}. */
export interface RateLimitDecision {
  /** False when the request must be answered with 429. */
  readonly allowed: boolean;
  /** Headers for the response (empty when rate limiting is off). */
  readonly headers: Readonly<Record<string, string>>;
}

interface TokenState {
  /** Times (epoch ms) of the counted requests inside the current window, oldest first. */
  hits: number[];
  /** End of the current block (epoch ms); 0 when not blocked. */
  blockedUntil: number;
}

/** Validates and fills in rate-limit settings; throws a RangeError on nonsense. */
export function resolveRateLimit(options: RateLimitOptions | false): ResolvedRateLimit | false {
  if (options === false) {
    return false;
  }
  const resolved = { ...RATE_LIMIT_DEFAULTS, ...stripUndefined(options) };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`rateLimit.${key} must be a positive integer, got ${String(value)}`);
    }
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A per-token sliding-window limiter with a fixed lockout. */
export class RateLimiter {
  private settings: ResolvedRateLimit | false;
  private readonly states = new Map<string, TokenState>();

  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions | false,
  ) {
    this.settings = resolveRateLimit(options);
  }

  /** The current settings, or `false` when rate limiting is off. */
  get current(): ResolvedRateLimit | false {
    return this.settings;
  }

  /** Replaces the settings and forgets all counters and blocks. */
  configure(options: RateLimitOptions | false): void {
    this.settings = resolveRateLimit(options);
    this.reset();
  }

  /** Forgets all counters and blocks. */
  reset(): void {
    this.states.clear();
  }

  /** Counts one request for `key` (the API token) and says whether it may proceed. */
  check(key: string): RateLimitDecision {
    const settings = this.settings;
    if (settings === false) {
      return { allowed: true, headers: {} };
    }
    const now = this.clock.now();
    const policy = `"default";q=${settings.limit};w=${Math.ceil(settings.windowMs / 1000)}`;
    const state = this.stateFor(key);

    if (state.blockedUntil > now) {
      return this.blocked(state.blockedUntil - now, policy);
    }
    state.blockedUntil = 0;
    const windowStart = now - settings.windowMs;
    while (state.hits.length > 0 && state.hits[0] <= windowStart) {
      state.hits.shift();
    }
    if (state.hits.length >= settings.limit) {
      state.blockedUntil = now + settings.lockoutMs;
      state.hits = [];
      return this.blocked(settings.lockoutMs, policy);
    }
    state.hits.push(now);
    const remaining = settings.limit - state.hits.length;
    const resetSecs = Math.ceil((state.hits[0] + settings.windowMs - now) / 1000);
    return {
      allowed: true,
      headers: { Ratelimit: `"default";r=${remaining};t=${resetSecs}`, "Ratelimit-Policy": policy },
    };
  }

  private blocked(remainingMs: number, policy: string): RateLimitDecision {
    const retryAfter = Math.max(1, Math.ceil(remainingMs / 1000));
    return {
      allowed: false,
      headers: {
        Ratelimit: `"default";r=0;t=${retryAfter}`,
        "Ratelimit-Policy": policy,
        "Retry-After": String(retryAfter),
      },
    };
  }

  private stateFor(key: string): TokenState {
    let state = this.states.get(key);
    if (state === undefined) {
      state = { hits: [], blockedUntil: 0 };
      this.states.set(key, state);
    }
    return state;
  }
}
