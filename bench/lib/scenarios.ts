/**
 * The floor benchmark's scenarios: each N through create, no-op preview, no-op up, refresh, update
 * in place and destroy; M meetings with live sessions deactivated in one `up`; a few meetings
 * created INACTIVE. The lanes (floor, provider, baseline) run interleaved operation by operation.
 */
import { controlCall } from "./emulatorProcess";
import { closeLanes, laneKinds, newStack, openLanes, stepAll, type Bench } from "./lanes";
import { log } from "./log";
import { measureOp, type OpResult } from "./measure";
import type { Desired, Kind } from "./programs";
import { stateSize, type StateSize } from "./stateSize";

/** Meetings created INACTIVE for the per-operation table. */
export const INACTIVE_N = 5;

/** One lane's figures for one N and repetition. */
export interface StackRun {
  kind: Kind;
  n: number;
  rep: number;
  create: OpResult;
  previewNoop: OpResult;
  upNoop: OpResult;
  refresh: OpResult;
  update: OpResult;
  destroy: OpResult;
  state: StateSize;
}

/** One lane's deactivation of `n` meetings with live sessions. */
export interface DeactivateRun {
  kind: Kind;
  n: number;
  rep: number;
  deactivate: OpResult;
}

/** Everything the floor benchmark measured, as the results file's `runs` keeps it. */
export interface FloorRuns {
  stackRuns: StackRun[];
  deactivateRuns: DeactivateRun[];
  /** Creating {@link INACTIVE_N} meetings INACTIVE. */
  inactive: OpResult;
}

/** What the floor benchmark runs: the Ns, the repetitions, and how many meetings to deactivate (0: none). */
export interface FloorPlan {
  ns: number[];
  reps: number;
  deactivateN: number;
}

/**
 * The floor benchmark: a warm-up, then per repetition every N and the deactivation (the lanes'
 * order reversed every other repetition, so neither always goes first), then the INACTIVE creates.
 */
export async function runFloorScenarios(bench: Bench, plan: FloorPlan): Promise<FloorRuns> {
  const kinds = laneKinds(bench);
  const stackRuns: StackRun[] = [];
  const deactivateRuns: DeactivateRun[] = [];
  // Warm-up (not recorded): the first operations of a process pay JIT and module loading.
  await runPair(bench, 3, 0, kinds);
  for (let rep = 1; rep <= plan.reps; rep++) {
    const order: Kind[] = rep % 2 === 1 ? kinds : [...kinds].reverse();
    for (const n of plan.ns) stackRuns.push(...(await runPair(bench, n, rep, order)));
    if (plan.deactivateN > 0) deactivateRuns.push(...(await runDeactivate(bench, plan.deactivateN, rep, order)));
  }
  const inactive = await runInactiveCreate(bench, INACTIVE_N);
  return { stackRuns, deactivateRuns, inactive };
}

/** Create, no-op preview, no-op up, refresh, update in place and destroy N objects, floor and provider interleaved. */
async function runPair(bench: Bench, n: number, rep: number, order: Kind[]): Promise<StackRun[]> {
  const { opOptions } = bench;
  const lanes = await openLanes(bench, `n${n}-r${rep}`, order, { n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: false });
  try {
    const tag = `N=${n} rep ${rep}`;
    const create = await stepAll(bench, lanes, `${tag} up (create)`, (lane) => lane.stack.up(opOptions));
    const previewNoop = await stepAll(bench, lanes, `${tag} preview (no-op)`, (lane) => lane.stack.preview(opOptions));
    const upNoop = await stepAll(bench, lanes, `${tag} up (no-op)`, (lane) => lane.stack.up(opOptions));
    const refresh = await stepAll(bench, lanes, `${tag} refresh`, (lane) => lane.stack.refresh(opOptions));
    const states = new Map<Kind, StateSize>();
    for (const lane of lanes) states.set(lane.kind, await stateSize(lane.stack, lane.env, bench.settings.dumpStateDir));
    for (const lane of lanes) lane.desired.version = 1;
    const update = await stepAll(bench, lanes, `${tag} up (update)`, (lane) => lane.stack.up(opOptions));
    const destroy = await stepAll(bench, lanes, `${tag} destroy`, (lane) => lane.stack.destroy(opOptions));
    return lanes.map(({ kind }) => ({
      kind,
      n,
      rep,
      create: create.get(kind)!,
      previewNoop: previewNoop.get(kind)!,
      upNoop: upNoop.get(kind)!,
      refresh: refresh.get(kind)!,
      update: update.get(kind)!,
      destroy: destroy.get(kind)!,
      state: states.get(kind)!,
    }));
  } finally {
    closeLanes(lanes);
  }
}

/** M meetings with live sessions go INACTIVE in one `up` (floor: M updates), interleaved. */
async function runDeactivate(bench: Bench, n: number, rep: number, order: Kind[]): Promise<DeactivateRun[]> {
  const { opOptions } = bench;
  const lanes = await openLanes(bench, `deact${n}-r${rep}`, order, { n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: true });
  try {
    for (const lane of lanes) {
      await lane.stack.up(opOptions);
      if (lane.kind !== "floor") {
        const resources = ((await lane.stack.exportStack()).deployment.resources ?? []) as { type: string; id?: string }[];
        for (const resource of resources) {
          if (resource.type.endsWith(":Meeting") && resource.id) await bench.emulator.control.join(resource.id, 2);
        }
      }
      lane.desired.meetingStatus = "INACTIVE";
    }
    const results = await stepAll(bench, lanes, `deactivate ${n} live meetings rep ${rep}`, (lane) => lane.stack.up(opOptions));
    return lanes.map(({ kind }) => ({ kind, n, rep, deactivate: results.get(kind)! }));
  } finally {
    closeLanes(lanes);
  }
}

/** Requests of creating meetings INACTIVE (POST + PATCH by design). */
async function runInactiveCreate(bench: Bench, n: number): Promise<OpResult> {
  const desired: Desired = { n, version: 0, meetingStatus: "INACTIVE", meetingsOnly: true, tag: "inactive" };
  await controlCall(bench.emulator, "POST", "reset");
  const { stack, env, rssDir } = await newStack(bench, "provider", `inactive-${n}`, desired);
  try {
    const result = await measureOp(bench.emulator, rssDir, () => stack.up(bench.opOptions));
    log(`provider create ${n} INACTIVE meetings: ${result.requests} requests ${JSON.stringify(result.byRoute)}`);
    return result;
  } finally {
    env.dispose();
  }
}
