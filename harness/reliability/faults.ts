/**
 * The transient-fault mix of the campaign, installed through the emulator's fault controls
 * (`emulator/faults.ts`): every API call (any method, any path) fails with probability `rate`,
 * spread evenly over ten kinds, before the change is applied (nothing happened) or after it was
 * committed (the client never learns that it succeeded).
 */
import type { RunningEmulator } from "../../emulator";

/** One kind of injected failure. */
export interface FaultKind {
  readonly label: string;
  readonly spec: {
    readonly status?: number;
    readonly retryAfter?: number;
    readonly drop?: boolean;
    readonly delayMs?: number;
    readonly when: "before" | "after";
  };
}

/**
 * The ten kinds. "timeout" kinds hold the answer `timeoutMs + 1500` ms, past the client's
 * per-attempt timeout (`realtimekit:requestTimeoutSeconds`); "timeout before" then answers 503
 * without applying the request, "timeout after" applies it and answers normally (too late).
 */
export function faultKinds(timeoutMs: number): FaultKind[] {
  const late = timeoutMs + 1500;
  return [
    { label: "500 before", spec: { status: 500, when: "before" } },
    { label: "502 before", spec: { status: 502, when: "before" } },
    { label: "503 before", spec: { status: 503, when: "before" } },
    { label: "429 before", spec: { status: 429, retryAfter: 1, when: "before" } },
    { label: "drop before", spec: { drop: true, when: "before" } },
    { label: "timeout before", spec: { status: 503, delayMs: late, when: "before" } },
    { label: "500 after", spec: { status: 500, when: "after" } },
    { label: "502 after", spec: { status: 502, when: "after" } },
    { label: "drop after", spec: { drop: true, when: "after" } },
    { label: "timeout after", spec: { delayMs: late, when: "after" } },
  ];
}

/**
 * Installs the mix so that a request fails with probability `rate` in total: each of the n kinds
 * fires independently with `1 - (1 - rate)^(1/n)` (the first kind that fires wins), seeded from
 * `seed` so that a run can be replayed.
 *
 * @param options.path - glob of the paths to hit (default every API path).
 * @param options.method - only this method (default every method).
 */
export function installFaultMix(
  emulator: RunningEmulator,
  options: { rate: number; seed: number; timeoutMs: number; path?: string; method?: string; kinds?: FaultKind[] },
): void {
  const kinds = options.kinds ?? faultKinds(options.timeoutMs);
  const each = 1 - (1 - options.rate) ** (1 / kinds.length);
  kinds.forEach((kind, i) => {
    emulator.faults.add({
      ...kind.spec,
      path: options.path ?? "**",
      ...(options.method ? { method: options.method } : {}),
      rate: each,
      seed: options.seed * 101 + i,
    });
  });
}
