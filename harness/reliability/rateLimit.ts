/**
 * Scenario 6, rate limit. The emulator enforces Cloudflare's rule per token (at most `limit`
 * requests in any sliding window, then every call gets 429 with `Retry-After` for `lockoutMs`). A
 * large stack is created, refreshed and destroyed:
 *
 * - with the client-side request budget on (`realtimekit:maxRequestsPerWindow` /
 *   `rateLimitWindowSeconds` below the emulator's limit), the workload must see zero 429s;
 * - with the budget off (`realtimekit:maxRequestsPerWindow=off`), 429s happen and are retried after
 *   `Retry-After`, and the run must still complete.
 */
import { trafficFigures } from "./audit";
import { startReliabilityFixture, tail, type OpKind } from "./fixture";
import { mixedWorkload, objectCount } from "./program";

/** Parameters of one rate-limit run. */
export interface RateLimitOptions {
  readonly label: string;
  readonly objects: number;
  /** The emulator's rule. */
  readonly emulator: { limit: number; windowMs: number; lockoutMs: number };
  /** The client's budget, or `"off"`. */
  readonly budget: { maxRequests: number; windowSeconds: number } | "off";
  /** `realtimekit:maxRetries` (default: the provider's default). */
  readonly maxRetries?: number;
  /** Refreshes between create and destroy. */
  readonly refreshes: number;
  /**
   * Move the emulator clock one window forward between operations (an idle gap), instead of running
   * them back to back. The client's budget lives in the provider process, which each operation
   * starts afresh: back to back, the server's window still holds the previous operation's requests.
   */
  readonly separatePhases: boolean;
}

/** One phase (up, refresh, destroy). */
export interface RateLimitPhase {
  readonly op: OpKind;
  readonly ok: boolean;
  readonly durationMs: number;
  readonly requests: number;
  readonly rateLimited: number;
  readonly retries: number;
  readonly error?: string;
}

/** Result of one run. */
export interface RateLimitRun {
  readonly label: string;
  readonly objects: number;
  readonly emulator: RateLimitOptions["emulator"];
  readonly budget: RateLimitOptions["budget"];
  readonly maxRetries?: number;
  readonly separatePhases: boolean;
  readonly phases: RateLimitPhase[];
  readonly requests: number;
  readonly rateLimited: number;
  readonly retries: number;
  readonly completed: boolean;
  /** Presets/webhooks left and ACTIVE meetings left after destroy (both must be 0). */
  readonly leftAfterDestroy: number;
  readonly durationMs: number;
}

/** Runs create → refresh × n → destroy against a rate-limited emulator. */
export async function runRateLimit(options: RateLimitOptions): Promise<RateLimitRun> {
  const started = Date.now();
  const workload = mixedWorkload(options.objects, `rl-${options.label}`);
  const config: Record<string, { value: string }> = {
    "realtimekit:maxRequestsPerWindow": { value: options.budget === "off" ? "off" : String(options.budget.maxRequests) },
  };
  if (options.budget !== "off") {
    config["realtimekit:rateLimitWindowSeconds"] = { value: String(options.budget.windowSeconds) };
  }
  if (options.maxRetries !== undefined) {
    config["realtimekit:maxRetries"] = { value: String(options.maxRetries) };
  }
  const fixture = await startReliabilityFixture({
    stackName: `ratelimit-${options.label}`,
    workload,
    emulator: { rateLimit: options.emulator },
    config,
  });
  try {
    const phases: RateLimitPhase[] = [];
    const ops: OpKind[] = ["up", ...Array.from({ length: options.refreshes }, () => "refresh" as const), "destroy"];
    for (const [i, op] of ops.entries()) {
      if (i > 0 && options.separatePhases) {
        fixture.emulator.advanceClock(options.emulator.windowMs);
      }
      const before = fixture.emulator.requests().length;
      const outcome = await fixture.run(op);
      const figures = trafficFigures(fixture.emulator.requests().slice(before));
      phases.push({
        op,
        ok: outcome.ok,
        durationMs: outcome.durationMs,
        requests: figures.requests,
        rateLimited: figures.rateLimited,
        retries: figures.retries,
        error: outcome.ok ? undefined : tail(outcome.error, 10),
      });
      if (!outcome.ok) {
        break;
      }
    }
    const state = fixture.emulator.state();
    const leftAfterDestroy =
      state.presets.length + state.webhooks.length + state.meetings.filter((meeting) => meeting.status !== "INACTIVE").length;
    const all = trafficFigures(fixture.emulator.requests());
    return {
      label: options.label,
      objects: objectCount(workload),
      emulator: options.emulator,
      budget: options.budget,
      maxRetries: options.maxRetries,
      separatePhases: options.separatePhases,
      phases,
      requests: all.requests,
      rateLimited: all.rateLimited,
      retries: all.retries,
      completed: phases.length === ops.length && phases.every((phase) => phase.ok),
      leftAfterDestroy,
      durationMs: Date.now() - started,
    };
  } finally {
    await fixture.dispose();
  }
}

/** One-line description of a run. */
export function describeRateLimit(run: RateLimitRun): string {
  const budget = run.budget === "off" ? "budget off" : `budget ${run.budget.maxRequests}/${run.budget.windowSeconds} s`;
  return (
    `rate limit ${run.label}: emulator ${run.emulator.limit}/${run.emulator.windowMs / 1000} s (lockout ` +
    `${run.emulator.lockoutMs / 1000} s), ${budget}${run.maxRetries === undefined ? "" : `, maxRetries ${run.maxRetries}`}, ` +
    `${run.separatePhases ? "phases one window apart" : "back to back"}: ${run.objects} objects, ${run.requests} requests, ${run.rateLimited} × 429, ` +
    `${run.retries} retries, ${run.completed ? "completed" : "FAILED"}; ${run.phases
      .map((p) => `${p.op} ${p.ok ? "ok" : "FAILED"} ` + `${Math.round(p.durationMs / 1000)} s (${p.requests} req, ${p.rateLimited} × 429)`)
      .join(", ")}; left after destroy ${run.leftAfterDestroy}`
  );
}
