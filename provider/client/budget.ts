/**
 * Process-wide request budget: a sliding-window throttle per API token.
 *
 * Cloudflare allows 1,200 API requests per 5 minutes per token and, once that is exceeded, answers
 * **every** call with 429 for the next five minutes. All dynamic resources of a stack run in one
 * provider process, so the clients of that process share one {@link RequestBudget} per
 * (base URL, token) pair and throttle themselves *before* reaching the limit.
 *
 * The registry is keyed by a SHA-256 digest of base URL and token; the raw token is never stored.
 */

import { createHash } from "crypto";
import { BudgetSnapshot, loadBudgetSnapshot, saveBudgetSnapshot } from "../state/budgetStore";

/** Limits of a sliding-window budget. */
export interface BudgetLimits {
  /** Most requests (attempts, retries included) that may start within any window. Positive integer. */
  readonly maxRequests: number;
  /** Length of the sliding window, in ms. Positive integer. */
  readonly windowMs: number;
}

/**
 * Default budget: 1,000 requests per 300,000 ms (5 minutes), leaving head-room below Cloudflare's
 * 1,200 per 5 minutes for the dashboard and other tools using the same token.
 */
export const DEFAULT_BUDGET: BudgetLimits = Object.freeze({ maxRequests: 1000, windowMs: 300_000 });

/**
 * Requests kept in hand when the server says how many it still accepts: about as many as one
 * provider process has in flight at once (`pulumi up --parallel 32`), which the server may not
 * have counted yet when it answers.
 */
export const SERVER_REMAINING_RESERVE = 32;

/**
 * A sliding-window limiter. Each request reserves a start time: immediately while fewer than
 * `maxRequests` requests started in the last `windowMs`, otherwise the moment the oldest one in
 * the window leaves it. Reservations are handed out in call order (FIFO) and each caller sleeps
 * exactly once, so concurrent requests never busy-wait and are only delayed when the window is
 * full.
 *
 * Obtain the shared instance with {@link sharedBudget}; construct one directly only in tests.
 */
export class RequestBudget {
  /** Current limit of requests per window. */
  maxRequests: number;
  /** Current window length in ms. */
  windowMs: number;
  /** Start times (ms) of this process's requests in the window, ascending; may include future reservations. */
  private starts: number[] = [];
  /** Start times of other processes' requests on the same token (see {@link RequestBudget.absorb}). */
  private foreign: number[] = [];
  /** No request may start before this time (ms); set after a 429 with `Retry-After`. */
  private pausedUntil = 0;
  /** Called after every change, e.g. to record the budget for the next process. */
  onChange?: (snapshot: BudgetSnapshot) => void;

  /** @param limits - see {@link BudgetLimits}. */
  constructor(limits: BudgetLimits) {
    this.maxRequests = limits.maxRequests;
    this.windowMs = limits.windowMs;
  }

  /** Replaces the limits (the most recent client configuration wins). */
  setLimits(limits: BudgetLimits): void {
    this.maxRequests = limits.maxRequests;
    this.windowMs = limits.windowMs;
  }

  /**
   * Reserves a start time for one request and returns it (≥ `nowMs`). Synchronous, so concurrent
   * callers cannot both take the last free slot.
   *
   * @param nowMs - current time.
   * @param ignorePause - skip the pause set by {@link RequestBudget.pause} (for the request that
   *   caused it and has already waited its `Retry-After`).
   */
  reserve(nowMs: number, ignorePause = false): number {
    const horizon = nowMs - this.windowMs;
    this.starts = this.starts.filter((start) => start > horizon);
    this.foreign = this.foreign.filter((start) => start > horizon);
    const starts = this.foreign.length === 0 ? this.starts : mergeSorted(this.starts, this.foreign);

    let at = nowMs;
    if (starts.length >= this.maxRequests) {
      at = Math.max(at, starts[starts.length - this.maxRequests] + this.windowMs);
    }
    if (!ignorePause) at = Math.max(at, this.pausedUntil);

    const own = this.starts;
    let i = own.length;
    while (i > 0 && own[i - 1] > at) i--;
    own.splice(i, 0, at);
    this.onChange?.(this.snapshot());
    return at;
  }

  /** What this budget recorded itself (not what it absorbed): its starts and the pause. */
  snapshot(): BudgetSnapshot {
    return { starts: [...this.starts], pausedUntil: this.pausedUntil };
  }

  /** Counts requests that other processes started on the same token, and keeps the later pause. */
  absorb(snapshot: BudgetSnapshot): void {
    this.foreign = mergeSorted(this.foreign, [...snapshot.starts].sort((a, b) => a - b));
    this.pausedUntil = Math.max(this.pausedUntil, snapshot.pausedUntil);
  }

  /**
   * Waits until one more request may start, and counts it.
   *
   * @param now - clock in ms.
   * @param sleep - delay function.
   * @param ignorePause - see {@link RequestBudget.reserve}.
   * @returns the time waited, in ms (0 when the window had room).
   */
  async acquire(now: () => number, sleep: (ms: number) => Promise<void>, ignorePause = false): Promise<number> {
    const t = now();
    const wait = this.reserve(t, ignorePause) - t;
    if (wait > 0) {
      await sleep(wait);
      return wait;
    }
    return 0;
  }

  /**
   * Holds back every request on this budget until `untilMs` (used after a 429 carrying
   * `Retry-After`, since Cloudflare then rejects every call on the token). Never shortens a pause.
   */
  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.onChange?.(this.snapshot());
  }

  /**
   * Heeds the server's own count (the `Ratelimit` header: requests left in its window, seconds until
   * its window frees room): with {@link SERVER_REMAINING_RESERVE} or fewer left, holds every request
   * back until then. This covers what the local window cannot see: other tools or machines using the
   * same token, or a runner that starts with an empty budget.
   *
   * @param remaining - requests the server still accepts in its window.
   * @param resetMs - time until its window frees room, in ms.
   * @param nowMs - clock in ms.
   */
  heedServer(remaining: number, resetMs: number, nowMs: number): void {
    if (remaining <= SERVER_REMAINING_RESERVE && resetMs > 0) {
      this.pause(nowMs + resetMs);
    }
  }

  /** Number of starts currently recorded, this process's and absorbed ones (for tests and diagnostics). */
  get size(): number {
    return this.starts.length + this.foreign.length;
  }
}

/** Merges two ascending arrays into a new ascending array. */
function mergeSorted(left: readonly number[], right: readonly number[]): number[] {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length || (i < left.length && left[i] <= right[j])) {
      merged.push(left[i++]);
    } else {
      merged.push(right[j++]);
    }
  }
  return merged;
}

/** Registry of shared budgets, keyed by {@link budgetKey}. The only mutable module state. */
const budgets = new Map<string, RequestBudget>();

/**
 * The registry key for a base URL and token: a hex SHA-256 digest, so the raw token is never held
 * in the registry.
 */
export function budgetKey(baseUrl: string, apiToken: string): string {
  return createHash("sha256").update(`${baseUrl.replace(/\/+$/, "")}\n${apiToken}`).digest("hex");
}

/**
 * The process-wide budget for `baseUrl` + `apiToken`, created on first use. Clients with the same
 * pair share it; if they ask for different limits, the most recent request's limits apply.
 *
 * With `stateDir`, the budget also remembers the requests of earlier provider processes for the
 * same token (see `budgetStore.ts`): it starts from their starts still inside the window and
 * records its own, so that operations run back to back stay under the limit together.
 */
export function sharedBudget(baseUrl: string, apiToken: string, limits: BudgetLimits, stateDir?: string): RequestBudget {
  const key = budgetKey(baseUrl, apiToken);
  let budget = budgets.get(key);
  if (budget === undefined) {
    budget = new RequestBudget(limits);
    if (stateDir !== undefined) {
      budget.absorb(loadBudgetSnapshot(stateDir, key, Date.now() - limits.windowMs));
      budget.onChange = (snapshot) => saveBudgetSnapshot(stateDir, key, snapshot);
    }
    budgets.set(key, budget);
  } else if (budget.maxRequests !== limits.maxRequests || budget.windowMs !== limits.windowMs) {
    budget.setLimits(limits);
  }
  return budget;
}

/**
 * Forgets every shared budget (tests only).
 * @internal
 */
export function resetSharedBudgets(): void {
  budgets.clear();
}
