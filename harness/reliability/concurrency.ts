/**
 * Scenario 7, concurrency: `pulumi up --parallel 32` on 100 objects, then `preview
 * --expect-no-changes`, then `destroy --parallel 32`. No errors, no duplicates, nothing left.
 */
import { audit, trafficFigures, type AuditResult } from "./audit";
import { startReliabilityFixture, tail } from "./fixture";
import { mixedWorkload, objectCount } from "./program";

/** Result of the scenario. */
export interface ConcurrencyResult {
  readonly objects: number;
  readonly parallel: number;
  readonly upOk: boolean;
  readonly upMs: number;
  readonly created: number;
  readonly previewNoChanges: boolean;
  readonly audit: AuditResult;
  readonly destroyOk: boolean;
  readonly destroyMs: number;
  readonly leftAfterDestroy: number;
  readonly requests: number;
  /** Most API requests the emulator was serving at the same time. */
  readonly peakConcurrentRequests: number;
  readonly errors: string[];
}

/** Runs the scenario (`latencyMs` keeps requests overlapping so the parallelism is real). */
export async function runConcurrency(options: { objects: number; parallel: number; latencyMs: number }): Promise<ConcurrencyResult> {
  const workload = mixedWorkload(options.objects, "par");
  const fixture = await startReliabilityFixture({ stackName: "concurrency", workload, emulator: { latencyMs: options.latencyMs } });
  const errors: string[] = [];
  let peak = 0;
  let inFlight = 0;
  try {
    const up = await fixture.run("up", { parallel: options.parallel });
    if (!up.ok) {
      errors.push(tail(up.error, 15));
    }
    // Overlap, from the request log: a request is in flight from its arrival until arrival + latency.
    const times = fixture.emulator
      .requests()
      .map((entry) => Date.parse(entry.time))
      .sort((a, b) => a - b);
    const ends: number[] = [];
    for (const t of times) {
      while (ends.length > 0 && ends[0] <= t) {
        ends.shift();
        inFlight--;
      }
      ends.push(t + options.latencyMs);
      ends.sort((a, b) => a - b);
      inFlight++;
      peak = Math.max(peak, inFlight);
    }
    const preview = await fixture.run("preview", { expectNoChanges: true });
    if (!preview.ok) {
      errors.push(tail(preview.error, 15));
    }
    const result = audit(fixture.emulator, await fixture.resources(), workload);
    const destroy = await fixture.run("destroy", { parallel: options.parallel });
    if (!destroy.ok) {
      errors.push(tail(destroy.error, 15));
    }
    const state = fixture.emulator.state();
    return {
      objects: objectCount(workload),
      parallel: options.parallel,
      upOk: up.ok,
      upMs: up.durationMs,
      created: up.changes?.create ?? 0,
      previewNoChanges: preview.ok,
      audit: result,
      destroyOk: destroy.ok,
      destroyMs: destroy.durationMs,
      leftAfterDestroy: state.presets.length + state.webhooks.length + state.meetings.filter((m) => m.status !== "INACTIVE").length,
      requests: trafficFigures(fixture.emulator.requests()).requests,
      peakConcurrentRequests: peak,
      errors,
    };
  } finally {
    await fixture.dispose();
  }
}
