/**
 * Process-wide request budget per API token.
 *
 * Cloudflare allows 1,200 API requests per 5 minutes per token and, once that is exceeded, answers
 * **every** call with 429 for the next five minutes. All dynamic resources of a stack run in one
 * provider process, so the clients of that process share one {@link RequestBudget} per
 * (base URL, token) pair and throttle themselves *before* reaching the limit.
 *
 * The server's count is the authority: every response carries a `Ratelimit` header (requests left
 * in the token's window, seconds until it frees room), which counts every process, machine and tool
 * using the token. Once one has arrived the budget spends exactly what the server says is left, less
 * {@link SERVER_REMAINING_RESERVE}; a local sliding window is the fallback until then (and for a
 * server that sends no such header).
 *
 * The registry is keyed by a SHA-256 digest of base URL and token; the raw token is never stored.
 */

import { createHash } from "crypto";
import { BudgetSnapshot, ServerCount, loadBudgetSnapshot, saveBudgetSnapshot } from "../state/budgetStore";

/** Limits of a sliding-window budget. */
export interface BudgetLimits {
  /** Most requests (attempts, retries included) that may start within any window. Positive integer. */
  readonly maxRequests: number;
  /** Length of the sliding window, in ms. Positive integer. */
  readonly windowMs: number;
}

/**
 * Default fallback budget, used only while the server has not said how many requests it still
 * accepts: 1,000 requests per 300,000 ms (5 minutes), head-room below Cloudflare's 1,200 for the
 * dashboard and other tools using the same token, whose requests the local window cannot see.
 */
export const DEFAULT_BUDGET: BudgetLimits = Object.freeze({ maxRequests: 1000, windowMs: 300_000 });

/**
 * Most requests kept in hand when the server says how many it still accepts, for requests of other
 * clients of the same token that may be on their way and not yet counted in its answer (about one
 * `pulumi up --parallel 32`). The reserve in force is usually smaller: see {@link serverReserve}.
 */
export const SERVER_REMAINING_RESERVE = 32;

/** The reserve is at most this share of the limit: 2 of a limit of 20, 8 of 80; from 320 on {@link SERVER_REMAINING_RESERVE} binds. */
export const SERVER_RESERVE_SHARE = 1 / 10;

/**
 * Requests kept in hand for other clients of the token when following the server's count: as many
 * as this process has had in flight at once lately (another `pulumi up` on the token most likely
 * runs as many; a run that sends one request at a time keeps one), never more than
 * {@link SERVER_REMAINING_RESERVE} nor {@link SERVER_RESERVE_SHARE} of the limit. A fixed reserve
 * as large as a whole small limit (20 per 10 s) would leave one request per window.
 *
 * @param limit - the requests allowed per window (`maxRequests`).
 * @param inFlightPeak - the most requests this process had in flight at once in the last window.
 */
export function serverReserve(limit: number, inFlightPeak: number): number {
  return Math.max(0, Math.min(SERVER_REMAINING_RESERVE, Math.floor(limit * SERVER_RESERVE_SHARE), inFlightPeak));
}

/** Waits for the budget shorter than this are not worth a line to the person running Pulumi, in ms. */
export const EXPLAINED_WAIT_MS = 2000;

/** Why a request waits for the budget, for the line that explains it. */
export type BudgetWait =
  | {
      /** The server's count: `remaining` requests left in its window (less `reserve` and this process's `inFlight`). */
      readonly kind: "server";
      readonly waitMs: number;
      readonly remaining: number;
      readonly inFlight: number;
      readonly reserve: number;
    }
  | {
      /** The local window: `started` requests in the last `windowMs`, of `maxRequests` allowed. */
      readonly kind: "window";
      readonly waitMs: number;
      readonly started: number;
      readonly maxRequests: number;
      readonly windowMs: number;
    };

/** Options of {@link RequestBudget.acquire}. */
export interface AcquireOptions {
  /**
   * Skip the pause set by {@link RequestBudget.pause} (for the request that caused it and has
   * already waited its `Retry-After`).
   */
  readonly ignorePause?: boolean;
  /**
   * Told why, before a wait of {@link EXPLAINED_WAIT_MS} or more that no other request of this
   * budget has explained already (many requests waiting for the same moment get one line).
   */
  readonly explain?: (wait: BudgetWait) => void;
}

/**
 * How often a request waiting for the server's next count looks again, in ms, while one request
 * (the probe sent when the server's window freed room) is out.
 */
export const PROBE_POLL_MS = 25;

/**
 * A request limiter for one token.
 *
 * - **Server mode** (after the first `Ratelimit` header, see {@link RequestBudget.settle}): a request
 *   starts while the server's last count, less this process's requests it may not have counted yet,
 *   less {@link SERVER_REMAINING_RESERVE}, is positive. Otherwise it waits until the server said its
 *   window frees room; then one request (a probe) goes out, and its answer says how many more may.
 * - **Local mode** (fallback): each request reserves a start time, immediately while fewer than
 *   `maxRequests` requests started in the last `windowMs`, otherwise the moment the oldest one in
 *   the window leaves it. Reservations are handed out in call order (FIFO) and each caller sleeps
 *   exactly once.
 *
 * Obtain the shared instance with {@link sharedBudget}; construct one directly only in tests.
 */
export class RequestBudget {
  /** Current limit of requests per window (local mode). */
  maxRequests: number;
  /** Current window length in ms (local mode). */
  windowMs: number;
  /** Start times (ms) of this process's requests in the window, ascending; may include future reservations. */
  private starts: number[] = [];
  /** Start times of other processes' requests on the same token (see {@link RequestBudget.absorb}). */
  private foreign: number[] = [];
  /** No request may start before this time (ms); set after a 429 with `Retry-After`. */
  private pausedUntil = 0;
  /** The server's latest count, once one arrived (server mode). */
  private server?: ServerCount;
  /** Requests started and not yet settled. */
  private inFlight = 0;
  /** The most requests in flight at once since {@link RequestBudget.inFlightPeakSince} (see {@link serverReserve}). */
  private inFlightPeak = 0;
  private inFlightPeakSince = 0;
  /** Requests started that the server's latest count may not include. */
  private uncounted = 0;
  /** Whether a probe (a request sent when the server's window was due to free room) awaits its count. */
  private probing = false;
  /** The end of the latest wait explained (ms): waits that end no later need no new line. */
  private explainedUntil = 0;
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

  /** Whether the budget follows the server's count (a `Ratelimit` header has been seen). */
  get followsServer(): boolean {
    return this.server !== undefined;
  }

  /**
   * Local mode: reserves a start time for one request and returns it (≥ `nowMs`). Synchronous, so
   * concurrent callers cannot both take the last free slot.
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
    this.record(at);
    return at;
  }

  /**
   * Server mode: starts one request now if the server's count allows it (and returns `undefined`),
   * or returns when to try again.
   *
   * @param nowMs - current time.
   * @param ignorePause - see {@link RequestBudget.reserve}.
   */
  tryStart(nowMs: number, ignorePause = false): number | undefined {
    const server = this.server;
    if (server === undefined) {
      throw new Error("tryStart needs a server count; use reserve before the first one");
    }
    if (!ignorePause && this.pausedUntil > nowMs) {
      return this.pausedUntil;
    }
    if (server.remaining - this.uncounted > this.reserveNow(nowMs)) {
      this.uncounted++;
      this.record(nowMs);
      return undefined;
    }
    if (nowMs < server.resetAt) {
      return server.resetAt;
    }
    if (this.probing) {
      return nowMs + PROBE_POLL_MS;
    }
    this.probing = true;
    this.uncounted++;
    this.record(nowMs);
    return undefined;
  }

  /** The reserve in force at `nowMs`: see {@link serverReserve}. */
  private reserveNow(nowMs: number): number {
    if (nowMs - this.inFlightPeakSince > this.windowMs) {
      this.inFlightPeak = this.inFlight;
      this.inFlightPeakSince = nowMs;
    }
    return serverReserve(this.maxRequests, this.inFlightPeak);
  }

  /** Counts one more request in flight. */
  private started(): void {
    this.inFlight++;
    this.inFlightPeak = Math.max(this.inFlightPeak, this.inFlight);
  }

  /** Records this process's start at `at` (ascending order kept). */
  private record(at: number): void {
    const own = this.starts;
    let i = own.length;
    while (i > 0 && own[i - 1] > at) i--;
    own.splice(i, 0, at);
    this.onChange?.(this.snapshot());
  }

  /**
   * Says that a request started with {@link RequestBudget.acquire} ended, with the server's count
   * from its `Ratelimit` header if it had one. From the first count on, the budget follows the
   * server: the count includes that request, while this process's other requests still out may not
   * be included yet.
   *
   * @param count - `remaining` requests in the server's window and `resetMs` until it frees room.
   * @param nowMs - clock in ms.
   */
  settle(count: { remaining: number; resetMs: number } | undefined, nowMs: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (count === undefined) {
      if (this.inFlight === 0) this.probing = false;
      return;
    }
    this.server = { remaining: count.remaining, resetAt: nowMs + count.resetMs, observedAt: nowMs };
    this.uncounted = this.inFlight;
    this.probing = false;
    this.onChange?.(this.snapshot());
  }

  /** What this budget recorded itself (not what it absorbed): its starts, the pause, the server's count. */
  snapshot(): BudgetSnapshot {
    return { starts: [...this.starts], pausedUntil: this.pausedUntil, ...(this.server ? { server: this.server } : {}) };
  }

  /**
   * Counts requests that other processes started on the same token, keeps the later pause, and
   * takes their server count when it is newer than this budget's (a new process then starts in
   * server mode instead of a local window that cannot see what the server has left).
   */
  absorb(snapshot: BudgetSnapshot): void {
    this.foreign = mergeSorted(
      this.foreign,
      [...snapshot.starts].sort((a, b) => a - b),
    );
    this.pausedUntil = Math.max(this.pausedUntil, snapshot.pausedUntil);
    if (snapshot.server !== undefined && (this.server === undefined || snapshot.server.observedAt > this.server.observedAt)) {
      this.server = { ...snapshot.server };
    }
  }

  /**
   * Waits until one more request may start, and counts it. Pair every call with
   * {@link RequestBudget.settle} when the request ends.
   *
   * @param now - clock in ms.
   * @param sleep - delay function.
   * @param options - see {@link AcquireOptions}.
   * @returns the time waited, in ms (0 when it could start at once).
   */
  async acquire(now: () => number, sleep: (ms: number) => Promise<void>, options: AcquireOptions = {}): Promise<number> {
    const { ignorePause = false, explain } = options;
    let waited = 0;
    for (;;) {
      const t = now();
      if (this.server === undefined) {
        const wait = this.reserve(t, ignorePause) - t;
        this.started();
        if (wait > 0) {
          this.explainWait(t, wait, explain, () => ({
            kind: "window",
            waitMs: wait,
            // reserve() kept only the starts inside the window, then recorded this request's.
            started: this.size - 1,
            maxRequests: this.maxRequests,
            windowMs: this.windowMs,
          }));
          await sleep(wait);
        }
        return waited + Math.max(0, wait);
      }
      const retryAt = this.tryStart(t, ignorePause);
      if (retryAt === undefined) {
        this.started();
        return waited;
      }
      const wait = Math.max(1, retryAt - t);
      const server = this.server;
      this.explainWait(t, wait, explain, () => ({
        kind: "server",
        waitMs: wait,
        remaining: server.remaining,
        inFlight: this.uncounted,
        reserve: this.reserveNow(t),
      }));
      await sleep(wait);
      waited += wait;
    }
  }

  /** Calls `explain` for a wait from `nowMs` of `waitMs` that is long, not a 429's pause, and not explained yet. */
  private explainWait(nowMs: number, waitMs: number, explain: AcquireOptions["explain"], why: () => BudgetWait): void {
    const until = nowMs + waitMs;
    if (explain === undefined || waitMs < EXPLAINED_WAIT_MS || until <= this.explainedUntil || until <= this.pausedUntil) {
      return;
    }
    this.explainedUntil = until;
    explain(why());
  }

  /**
   * Holds back every request on this budget until `untilMs` (used after a 429 carrying
   * `Retry-After`, since Cloudflare then rejects every call on the token). Never shortens a pause.
   *
   * @returns whether the pause grew by more than {@link EXPLAINED_WAIT_MS} (a new lockout rather
   *   than one more request refused by the same one), i.e. whether it is news worth a line.
   */
  pause(untilMs: number): boolean {
    const news = untilMs > this.pausedUntil + EXPLAINED_WAIT_MS;
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
    this.onChange?.(this.snapshot());
    return news;
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

/** Least time between two writes of a budget's file, in ms. */
export const SAVE_INTERVAL_MS = 100;

/**
 * `save` at once when the last call was {@link SAVE_INTERVAL_MS} ago, else once that long after it
 * (and at exit): a budget changes twice per request, and a synchronous file write each time would
 * hold up the provider process. The server's count covers the few starts a crash could leave out.
 */
function throttledSave(save: () => void): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pendingSaves.delete(flush);
    last = Date.now();
    save();
  };
  return () => {
    const wait = last + SAVE_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      flush();
    } else if (timer === undefined) {
      timer = setTimeout(flush, wait);
      timer.unref?.();
      pendingSaves.add(flush);
      if (!flushesAtExit) {
        flushesAtExit = true;
        process.once("exit", () => [...pendingSaves].forEach((pending) => pending()));
      }
    }
  };
}

/** Saves waiting for their interval, run at exit. */
const pendingSaves = new Set<() => void>();
let flushesAtExit = false;

/** Registry of shared budgets, keyed by {@link budgetKey}. */
const budgets = new Map<string, RequestBudget>();

/**
 * The registry key for a base URL and token: a hex SHA-256 digest, so the raw token is never held
 * in the registry.
 */
export function budgetKey(baseUrl: string, apiToken: string): string {
  return createHash("sha256")
    .update(`${baseUrl.replace(/\/+$/, "")}\n${apiToken}`)
    .digest("hex");
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
      budget.onChange = throttledSave(() => saveBudgetSnapshot(stateDir, key, (budget as RequestBudget).snapshot()));
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
