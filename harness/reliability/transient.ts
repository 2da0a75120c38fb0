/**
 * Scenario 1, transient faults: `pulumi up` of a stack of 30+ objects while about 10 % of API calls
 * fail at random (see `faults.ts`). A run passes when the first `up` succeeds, or a second `up`
 * (faults still on) does; then, with the faults off, `preview --expect-no-changes` must pass and
 * the emulator must hold exactly the desired objects (no duplicates, no orphans, nothing missing).
 *
 * With `changes`, each run goes on with a second phase under a fresh fault mix: an `up` that
 * updates about a third of the objects (meetings renamed, or set INACTIVE while participants are in
 * them; webhook events; preset permissions), removes six and adds two (`changedWorkload`). It
 * passes when that `up` (or a second one) succeeds and then, faults off, `refresh` followed by
 * `preview --expect-no-changes` is clean (the emulator holds what was declared), with no duplicate,
 * orphan or missing object, every removed meeting INACTIVE and no live session left on a meeting
 * that went INACTIVE.
 */
import { audit, sumFigures, trafficFigures, type AuditResult, type TrafficFigures } from "./audit";
import { installFaultMix } from "./faults";
import { startReliabilityFixture, tail, type OpOutcome, type ReliabilityFixture } from "./fixture";
import { changedWorkload, mixedWorkload, type Workload } from "./program";

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
  /** Go on with the update/delete phase after the creates converged. */
  readonly changes?: boolean;
  readonly log?: (line: string) => void;
}

/** The update/delete phase of a run (see the module comment). */
export interface ChangeOutcome {
  readonly firstUpOk: boolean;
  readonly secondUpOk?: boolean;
  readonly converged: boolean;
  /** Faults off: `refresh`, then `preview --expect-no-changes` passed. */
  readonly refreshedPreviewNoChanges: boolean;
  readonly audit: AuditResult;
  readonly traffic: TrafficFigures;
  /** Updates, deletes and creates the phase asked for. */
  readonly changesDeclared: number;
  /** Removed meetings that are not INACTIVE (must be 0). */
  readonly removedStillActive: number;
  /** Live sessions left on meetings that went INACTIVE or were removed (must be 0). */
  readonly liveOnInactive: number;
  readonly errors: string[];
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
  /** The update/delete phase, with `changes`. */
  readonly change?: ChangeOutcome;
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
  /** Totals of the update/delete phases (with `changes`). */
  readonly changes?: {
    readonly runs: number;
    readonly changesDeclared: number;
    readonly apiRequests: number;
    readonly injectedFaults: number;
    readonly retries: number;
    readonly successAtFirstTry: number;
    readonly failedAfterSecondUp: number;
    readonly refreshedPreviewWithChanges: number;
    readonly duplicates: number;
    readonly orphans: number;
    readonly missing: number;
    readonly removedStillActive: number;
    readonly liveOnInactive: number;
  };
  readonly durationMs: number;
}

/** Runs the campaign; never throws for a failed run (see the summary and the runs). */
export async function runTransientCampaign(options: TransientOptions): Promise<{ summary: TransientSummary; runs: TransientRun[] }> {
  const runs: TransientRun[] = [];
  const started = Date.now();
  for (let i = 0; i < options.runs; i++) {
    runs.push(await transientRun(i, options));
    const r = runs[runs.length - 1];
    options.log?.(
      `transient run ${i + 1}/${options.runs} seed ${r.seed}: first up ${r.firstUpOk ? "ok" : "failed"}` +
        `${r.secondUpOk === undefined ? "" : `, second up ${r.secondUpOk ? "ok" : "failed"}`}, faults ${r.traffic.faultsTotal}` +
        `/${r.traffic.requests} requests, retries ${r.traffic.retries}, duplicates ${r.audit.duplicates}, orphans ${r.audit.orphans}` +
        `, missing ${r.audit.missing}, preview ${r.previewNoChanges ? "no changes" : "CHANGES"}` +
        `${r.change ? `; changes: ${describeChange(r.change)}` : ""} (${Math.round(r.durationMs / 1000)} s)`,
    );
  }
  const changes = runs.flatMap((r) => (r.change ? [r.change] : []));
  const changeTraffic = sumFigures(changes.map((c) => c.traffic));
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
      ...(changes.length === 0
        ? {}
        : {
            changes: {
              runs: changes.length,
              changesDeclared: changes.reduce((n, c) => n + c.changesDeclared, 0),
              apiRequests: changeTraffic.requests,
              injectedFaults: changeTraffic.faultsTotal,
              retries: changeTraffic.retries,
              successAtFirstTry: changes.filter((c) => c.firstUpOk).length,
              failedAfterSecondUp: changes.filter((c) => !c.converged).length,
              refreshedPreviewWithChanges: changes.filter((c) => !c.refreshedPreviewNoChanges).length,
              duplicates: changes.reduce((n, c) => n + c.audit.duplicates, 0),
              orphans: changes.reduce((n, c) => n + c.audit.orphans, 0),
              missing: changes.reduce((n, c) => n + c.audit.missing, 0),
              removedStillActive: changes.reduce((n, c) => n + c.removedStillActive, 0),
              liveOnInactive: changes.reduce((n, c) => n + c.liveOnInactive, 0),
            },
          }),
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
    const { first, second } = await upWithOneRetry(fixture, errors);
    const traffic = trafficFigures(fixture.emulator.requests());
    fixture.emulator.faults.clear();
    const converged = first.ok || second?.ok === true;
    const preview = await fixture.run("preview", { expectNoChanges: true });
    if (!preview.ok) {
      errors.push(tail(preview.error, 12));
    }
    const createAudit = audit(fixture.emulator, await fixture.resources(), workload);
    const change = options.changes && converged ? await changePhase(fixture, workload, seed, options) : undefined;
    return {
      run: index + 1,
      seed,
      firstUpOk: first.ok,
      secondUpOk: second?.ok,
      converged,
      previewNoChanges: preview.ok,
      audit: createAudit,
      traffic,
      durationMs: Date.now() - started,
      errors,
      change,
    };
  } finally {
    await fixture.dispose();
  }
}

/** `up`, and a second `up` when the first failed (what a pipeline's retry does); failures go to `errors`. */
async function upWithOneRetry(fixture: ReliabilityFixture, errors: string[]): Promise<{ first: OpOutcome; second?: OpOutcome }> {
  const first = await fixture.run("up");
  if (first.ok) return { first };
  errors.push(tail(first.error, 12));
  const second = await fixture.run("up");
  if (!second.ok) errors.push(tail(second.error, 12));
  return { first, second };
}

/** One line about a change phase, for logs. */
export function describeChange(c: ChangeOutcome): string {
  return (
    `${c.changesDeclared} changes, first up ${c.firstUpOk ? "ok" : "failed"}` +
    `${c.secondUpOk === undefined ? "" : `, second up ${c.secondUpOk ? "ok" : "failed"}`}, faults ${c.traffic.faultsTotal}` +
    `/${c.traffic.requests}, retries ${c.traffic.retries}, refresh + preview ${c.refreshedPreviewNoChanges ? "clean" : "CHANGES"}, ` +
    `duplicates ${c.audit.duplicates}, orphans ${c.audit.orphans}, missing ${c.audit.missing}, removed still active ` +
    `${c.removedStillActive}, live on inactive ${c.liveOnInactive}`
  );
}

/** The update/delete phase: participants join the meetings that will go INACTIVE, then faults and the changed `up`. */
async function changePhase(
  fixture: ReliabilityFixture,
  workload: Workload,
  seed: number,
  options: TransientOptions,
): Promise<ChangeOutcome> {
  const before = await fixture.resources();
  const { workload: changed, deactivated } = changedWorkload(workload, `t${seed}`);
  const removedMeetings = Object.keys(workload.meetings ?? {}).filter((name) => !(name in (changed.meetings ?? {})));
  const endedMeetingIds = [...deactivated, ...removedMeetings].map((name) => before.get(name)?.id).filter((id): id is string => !!id);
  for (const id of endedMeetingIds) {
    fixture.emulator.join(id, 2);
  }
  const changesDeclared = countChanges(workload, changed);
  const mark = fixture.emulator.requests().length;
  installFaultMix(fixture.emulator, { rate: options.rate, seed: seed + 7919, timeoutMs: options.timeoutSeconds * 1000 });
  fixture.workload = changed;
  const errors: string[] = [];
  const { first, second } = await upWithOneRetry(fixture, errors);
  const traffic = trafficFigures(fixture.emulator.requests().slice(mark));
  fixture.emulator.faults.clear();
  const refresh = await fixture.run("refresh");
  const preview = refresh.ok ? await fixture.run("preview", { expectNoChanges: true }) : refresh;
  if (!preview.ok) errors.push(tail(preview.error, 12));
  const remote = fixture.emulator.state();
  const meetingStatus = new Map(remote.meetings.map((m) => [String(m.id), String(m.status)]));
  const removedIds = removedMeetings.map((name) => before.get(name)?.id).filter((id): id is string => !!id);
  return {
    firstUpOk: first.ok,
    secondUpOk: second?.ok,
    converged: first.ok || second?.ok === true,
    refreshedPreviewNoChanges: refresh.ok && preview.ok,
    audit: audit(fixture.emulator, await fixture.resources(), changed, { ignoreInactiveMeetings: true }),
    traffic,
    changesDeclared,
    removedStillActive: removedIds.filter((id) => meetingStatus.get(id) !== "INACTIVE").length,
    liveOnInactive: remote.sessions.filter((session) => endedMeetingIds.includes(String(session.meeting_id)) && session.status === "LIVE")
      .length,
    errors,
  };
}

/** Objects updated, removed or added between two workloads. */
function countChanges(from: Workload, to: Workload): number {
  let changes = 0;
  for (const kind of ["meetings", "webhooks", "presets"] as const) {
    const a = from[kind] ?? {};
    const b = to[kind] ?? {};
    for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (JSON.stringify(a[name]) !== JSON.stringify(b[name])) changes++;
    }
  }
  return changes;
}
