/**
 * The cost curve (`npm run bench -- --scale`): for each N, a floor stack and a provider stack through
 * create, no-op preview, refresh, update in place and destroy with the emulator's Cloudflare-style
 * rate limit on, and the targets the curve is checked against.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { controlCall, type RateLimit } from "./emulatorProcess";
import { closeLanes, openLanes, type Bench, type Lane } from "./lanes";
import { log } from "./log";
import { measureOp, type OperationOutcome } from "./measure";
import { RATIO_TARGET, type ScaleResults } from "./scaleTable";
import { stateSize, type StateSize } from "./stateSize";

/** One operation of the cost curve, provider lane with the floor's time beside it. */
interface ScaleOp {
  ms: number;
  floorMs: number;
  requests: number;
  rejected429: number;
  /** (requests - burst) / rate, in ms: the least time the server's limit allows (burst = the whole limit, see runScale). */
  rateFloorMs: number;
  /** ms / max(floorMs, rateFloorMs). */
  ratio: number;
  providerMaxRssKb?: number;
  byRoute: Record<string, number>;
  loadavg: number[];
}

/** The cost curve at one N, as the results file's `runs` keeps it. */
export interface ScaleRun {
  n: number;
  ops: Record<"create" | "previewNoop" | "refresh" | "update" | "destroy", ScaleOp>;
  state: { provider: StateSize; floor: StateSize };
}

/**
 * The cost curve at N: a floor stack and a provider stack (a third each meetings, presets,
 * webhooks) through create, no-op preview, refresh, update in place and destroy, with the emulator's
 * rate limit on at `rateLimit` (the one it was started with). Before each operation the emulator's
 * counters are cleared and the lane's remembered budget removed, so every operation starts with the
 * whole limit (the burst) as after a quiet five minutes: its rate-limit floor is then (requests - limit) / rate.
 */
export async function runScale(bench: Bench, n: number, rateLimit: RateLimit): Promise<ScaleRun> {
  const { opOptions } = bench;
  const lanes = await openLanes(bench, `scale${n}`, ["floor", "provider"], { n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: false });
  const rate = rateLimit.limit / rateLimit.windowSeconds;
  const freshWindow = async (lane: Lane): Promise<void> => {
    const windowMs = rateLimit.windowSeconds * 1000;
    await controlCall(bench.emulator, "POST", "rate-limit", { limit: rateLimit.limit, windowMs, lockoutMs: windowMs });
    const budgetDir = path.join(lane.env.dir, "budget");
    for (const file of fs.existsSync(budgetDir) ? fs.readdirSync(budgetDir) : []) {
      if (file.startsWith("budget-")) fs.rmSync(path.join(budgetDir, file), { force: true });
    }
  };
  const ops = {} as ScaleRun["ops"];
  const step = async (name: keyof ScaleRun["ops"], run: (lane: Lane) => Promise<OperationOutcome>): Promise<void> => {
    let floorMs = 0;
    for (const lane of lanes) {
      await freshWindow(lane);
      const loadBefore = os.loadavg()[0];
      const result = await measureOp(bench.emulator, lane.rssDir, () => run(lane));
      const requests = await bench.emulator.control.requests();
      log(
        `scale N=${n} ${lane.kind} ${name}: ${(result.ms / 1000).toFixed(2)} s, ${result.requests} requests, ` +
          `peak RSS ${Math.round((result.providerMaxRssKb ?? 0) / 1024)} MiB, load ${loadBefore.toFixed(2)}` +
          (result.changes ? ` ${JSON.stringify(result.changes)}` : ""),
      );
      if (lane.kind === "floor") {
        floorMs = result.ms;
        continue;
      }
      const rateFloorMs = (Math.max(0, result.requests - rateLimit.limit) / rate) * 1000;
      ops[name] = {
        ms: Math.round(result.ms),
        floorMs: Math.round(floorMs),
        requests: result.requests,
        rejected429: requests.filter((request) => request.status === 429).length,
        rateFloorMs: Math.round(rateFloorMs),
        ratio: Number((result.ms / Math.max(floorMs, rateFloorMs)).toFixed(3)),
        providerMaxRssKb: result.providerMaxRssKb,
        byRoute: result.byRoute,
        loadavg: [loadBefore, os.loadavg()[0]],
      };
    }
  };
  try {
    await step("create", (lane) => lane.stack.up(opOptions));
    await step("previewNoop", (lane) => lane.stack.preview(opOptions));
    await step("refresh", (lane) => lane.stack.refresh(opOptions));
    const [floorLane, providerLane] = lanes;
    const provider = await stateSize(providerLane.stack, providerLane.env, bench.settings.dumpStateDir);
    const floor = await stateSize(floorLane.stack, floorLane.env, bench.settings.dumpStateDir);
    for (const lane of lanes) lane.desired.version = 1;
    await step("update", (lane) => lane.stack.up(opOptions));
    await step("destroy", (lane) => lane.stack.destroy(opOptions));
    return { n, ops, state: { provider, floor } };
  } finally {
    closeLanes(lanes);
  }
}

/** The targets of the cost curve, checked against the runs. */
export function scaleTargets(runs: ScaleRun[]): ScaleResults["targets"] {
  const targets: ScaleResults["targets"] = [];
  for (const run of runs) {
    const refresh = run.ops.refresh.requests;
    targets.push({
      target: `refresh requests <= N/50 at N=${run.n}`,
      holds: refresh <= run.n / 50,
      figure: `${refresh} (N/50 = ${run.n / 50})`,
    });
    for (const op of ["create", "update"] as const) {
      const o = run.ops[op];
      targets.push({
        target: `${op} within ${RATIO_TARGET.toFixed(2)}x of max(engine floor, rate-limit floor) at N=${run.n}`,
        holds: o.ratio <= RATIO_TARGET,
        figure: `${o.ratio.toFixed(2)}x`,
      });
    }
    const rejected = Object.values(run.ops).reduce((total, o) => total + o.rejected429, 0);
    targets.push({ target: `no 429 at N=${run.n}`, holds: rejected === 0, figure: String(rejected) });
  }
  const smallest = runs[0];
  const largest = runs[runs.length - 1];
  if (smallest && largest && smallest !== largest) {
    const peak = (run: ScaleRun): number => Math.max(...Object.values(run.ops).map((o) => o.providerMaxRssKb ?? 0));
    const ratio = peak(largest) / peak(smallest);
    targets.push({
      target: `provider RSS at N=${largest.n} <= 1.5x its RSS at N=${smallest.n}`,
      holds: ratio <= 1.5,
      figure: `${Math.round(peak(largest) / 1024)} / ${Math.round(peak(smallest) / 1024)} MiB = ${ratio.toFixed(2)}x`,
    });
  }
  const at150 = runs.find((run) => run.n === 150);
  if (at150) {
    const ratio = at150.state.provider.perResourceBytes / at150.state.floor.perResourceBytes;
    targets.push({
      target: "state per resource <= 1.2x the floor's at N=150",
      holds: ratio <= 1.2,
      figure: `${at150.state.provider.perResourceBytes} / ${at150.state.floor.perResourceBytes} bytes = ${ratio.toFixed(2)}x`,
    });
  }
  return targets;
}
