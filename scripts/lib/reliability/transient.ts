/**
 * Scenario 1, transient faults: `pulumi up` of a stack of 30+ objects while about 10 % of API calls
 * fail at random (see `faults.ts`). A run passes when the first `up` succeeds, or a second `up`
 * (faults still on) does; then, with the faults off, `preview --expect-no-changes` must pass and
 * the emulator must hold exactly the desired objects (no duplicates, no orphans, nothing missing).
 */
import { audit, sumFigures, trafficFigures, type AuditResult, type TrafficFigures } from "./audit";
import { installFaultMix } from "./faults";
import { startReliabilityFixture, tail } from "./fixture";
import { mixedWorkload } from "./program";

/** Parameters of {@link runTransientCampaign}. */
export interface TransientOptions {
  readonly runs: number;
  readonly objects: number;
  /** Probability that an API call fails. */
  readonly rate: number;
  /** Seed of the first run (run i uses seed + i). */
  readonly seed: number;
  /** Per-attempt client timeout in seconds (`realtimekit:requestTimeoutSeconds`). */
  readonly timeoutSeconds: number;
  readonly log?: (line: string) => void;
}

/** One run. */
export interface TransientRun {
  readonly run: number;
  readonly seed: number;
  readonly firstUpOk: boolean;
  readonly secondUpOk?: boolean;
  readonly converged: boolean;
  readonly previewNoChanges: boolean;
  readonly audit: AuditResult;
  readonly traffic: TrafficFigures;
  readonly durationMs: number;
  /** Last lines of the failed `up`(s), for the report. */
  readonly errors: string[];
}

/** Totals over all runs. */
export interface TransientSummary {
  readonly runs: number;
  readonly objectsPerRun: number;
  readonly faultRate: number;
  readonly apiRequests: number;
  readonly injectedFaults: number;
  readonly faultsByKind: Record<string, number>;
  readonly retries: number;
  readonly lookups: number;
  readonly successAtFirstTry: number;
  readonly neededSecondUp: number;
  readonly failedAfterSecondUp: number;
  readonly previewWithChanges: number;
  readonly duplicates: number;
  readonly orphans: number;
  readonly missing: number;
  readonly durationMs: number;
}

/** Runs the campaign; never throws for a failed run (see the summary and the runs). */
export async function runTransientCampaign(options: TransientOptions): Promise<{ summary: TransientSummary; runs: TransientRun[] }> {
  const runs: TransientRun[] = [];
  const started = Date.now();
  for (let i = 0; i < options.runs; i++) {
    runs.push(await transientRun(i, options));
    const r = runs[runs.length - 1];
    options.log?.(`transient run ${i + 1}/${options.runs} seed ${r.seed}: first up ${r.firstUpOk ? "ok" : "failed"}`
      + `${r.secondUpOk === undefined ? "" : `, second up ${r.secondUpOk ? "ok" : "failed"}`}, faults ${r.traffic.faultsTotal}`
      + `/${r.traffic.requests} requests, retries ${r.traffic.retries}, duplicates ${r.audit.duplicates}, orphans ${r.audit.orphans}`
      + `, missing ${r.audit.missing}, preview ${r.previewNoChanges ? "no changes" : "CHANGES"} (${Math.round(r.durationMs / 1000)} s)`);
  }
  const traffic = sumFigures(runs.map((r) => r.traffic));
  const count = (predicate: (r: TransientRun) => boolean) => runs.filter(predicate).length;
  return {
    runs,
    summary: {
      runs: runs.length,
      objectsPerRun: options.objects,
      faultRate: options.rate,
      apiRequests: traffic.requests,
      injectedFaults: traffic.faultsTotal,
      faultsByKind: traffic.faults,
      retries: traffic.retries,
      lookups: traffic.lookups,
      successAtFirstTry: count((r) => r.firstUpOk),
      neededSecondUp: count((r) => !r.firstUpOk),
      failedAfterSecondUp: count((r) => !r.converged),
      previewWithChanges: count((r) => !r.previewNoChanges),
      duplicates: runs.reduce((n, r) => n + r.audit.duplicates, 0),
      orphans: runs.reduce((n, r) => n + r.audit.orphans, 0),
      missing: runs.reduce((n, r) => n + r.audit.missing, 0),
      durationMs: Date.now() - started,
    },
  };
}

async function transientRun(index: number, options: TransientOptions): Promise<TransientRun> {
  const seed = options.seed + index;
  const started = Date.now();
  const workload = mixedWorkload(options.objects, `t${seed}`);
  const fixture = await startReliabilityFixture({
    stackName: `transient-${seed}`,
    workload,
    config: {
      "realtimekit:requestTimeoutSeconds": { value: String(options.timeoutSeconds) },
    },
  });
  try {
    installFaultMix(fixture.emulator, { rate: options.rate, seed, timeoutMs: options.timeoutSeconds * 1000 });
    const errors: string[] = [];
    const first = await fixture.run("up");
    let second: typeof first | undefined;
    if (!first.ok) {
      errors.push(tail(first.error, 12));
      second = await fixture.run("up");
      if (!second.ok) {
        errors.push(tail(second.error, 12));
      }
    }
    const traffic = trafficFigures(fixture.emulator.requests());
    fixture.emulator.faults.clear();
    const converged = first.ok || second?.ok === true;
    const preview = await fixture.run("preview", { expectNoChanges: true });
    if (!preview.ok) {
      errors.push(tail(preview.error, 12));
    }
    return {
      run: index + 1,
      seed,
      firstUpOk: first.ok,
      secondUpOk: second?.ok,
      converged,
      previewNoChanges: preview.ok,
      audit: audit(fixture.emulator, await fixture.resources(), workload),
      traffic,
      durationMs: Date.now() - started,
      errors,
    };
  } finally {
    await fixture.dispose();
  }
}
