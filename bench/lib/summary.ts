/**
 * The floor benchmark's summary, made from its runs: medians of the repetitions per operation and N,
 * ours against the floor (wall time, CPU, requests, memory), and the requests per object and
 * operation against the API's minimum. The results file keeps both next to the runs.
 */
import { FLOOR_OPERATIONS, operationKey, stateKey, type OperationFigures } from "./floorTable";
import type { OpResult } from "./measure";
import type { Kind } from "./programs";
import { INACTIVE_N, type FloorRuns } from "./scenarios";
import type { StateSize } from "./stateSize";

const median = (list: number[]): number => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** CPU of everything on the machine the operation used: engine (with the provider), program, emulator. */
const totalCpuMs = (op: OpResult): number => op.cpuMs.cli + op.cpuMs.bench + op.cpuMs.emulator;

/** An operation's figures at one N as the results file keeps them: what the table reads, and the samples behind it. */
interface OperationSummary extends OperationFigures {
  floorCpuMs: number;
  providerCpuMs: number;
  providerByRoute?: Record<string, number>;
  samplesMs: { floor: number[]; provider: number[] };
  baseline?: { ms: number; ratio: number; cpuMs: number; cpuRatio: number; requests: number; samplesMs: number[] };
}

type OperationSummaries = Record<ReturnType<typeof operationKey>, OperationSummary> &
  Record<ReturnType<typeof stateKey>, { floor?: StateSize; provider?: StateSize; baseline?: StateSize }>;

/**
 * The results file's `summary`: per N of `ns` and operation, the medians of ours and the floor's
 * (and the baseline's, when it ran), the state sizes per N, and the deactivation of `deactivateN` meetings.
 */
export function summarize({ stackRuns, deactivateRuns }: FloorRuns, ns: number[], deactivateN: number) {
  const ops = {} as OperationSummaries;
  for (const n of ns) {
    for (const [op] of FLOOR_OPERATIONS) {
      const pick = (kind: Kind) => stackRuns.filter((r) => r.kind === kind && r.n === n).map((r) => r[op]);
      const floor = pick("floor");
      const ours = pick("provider");
      const floorMs = median(floor.map((r) => r.ms));
      const oursMs = median(ours.map((r) => r.ms));
      const base = pick("baseline");
      const baseline =
        base.length === 0
          ? undefined
          : {
              ms: Math.round(median(base.map((r) => r.ms))),
              ratio: Number((median(base.map((r) => r.ms)) / floorMs).toFixed(3)),
              cpuMs: Math.round(median(base.map(totalCpuMs))),
              cpuRatio: Number((median(base.map(totalCpuMs)) / median(floor.map(totalCpuMs))).toFixed(3)),
              requests: median(base.map((r) => r.requests)),
              samplesMs: base.map((r) => Math.round(r.ms)),
            };
      const floorCpu = median(floor.map(totalCpuMs));
      const oursCpu = median(ours.map(totalCpuMs));
      ops[operationKey(op, n)] = {
        floorMs: Math.round(floorMs),
        providerMs: Math.round(oursMs),
        ratio: Number((oursMs / floorMs).toFixed(3)),
        floorCpuMs: Math.round(floorCpu),
        providerCpuMs: Math.round(oursCpu),
        cpuRatio: Number((oursCpu / floorCpu).toFixed(3)),
        providerRequests: median(ours.map((r) => r.requests)),
        providerByRoute: ours[0]?.byRoute,
        providerMaxRssKb: median(ours.map((r) => r.providerMaxRssKb ?? 0)),
        floorMaxRssKb: median(floor.map((r) => r.providerMaxRssKb ?? 0)),
        samplesMs: { floor: floor.map((r) => Math.round(r.ms)), provider: ours.map((r) => Math.round(r.ms)) },
        ...(baseline ? { baseline } : {}),
      };
    }
    const stateOf = (kind: Kind) => stackRuns.find((r) => r.kind === kind && r.n === n)?.state;
    ops[stateKey(n)] = { floor: stateOf("floor"), provider: stateOf("provider"), baseline: stateOf("baseline") };
  }
  const deactOf = (kind: Kind) => deactivateRuns.filter((r) => r.kind === kind).map((r) => r.deactivate);
  const deact = {
    floorMs: Math.round(median(deactOf("floor").map((r) => r.ms))),
    providerMs: Math.round(median(deactOf("provider").map((r) => r.ms))),
    cpuRatio: Number((median(deactOf("provider").map(totalCpuMs)) / median(deactOf("floor").map(totalCpuMs))).toFixed(3)),
    providerRequests: median(deactivateRuns.filter((r) => r.kind === "provider").map((r) => r.deactivate.requests)),
    providerByRoute: deactivateRuns.find((r) => r.kind === "provider")?.deactivate.byRoute,
    baselineMs: deactOf("baseline").length > 0 ? Math.round(median(deactOf("baseline").map((r) => r.ms))) : undefined,
    samplesMs: {
      floor: deactivateRuns.filter((r) => r.kind === "floor").map((r) => Math.round(r.deactivate.ms)),
      provider: deactivateRuns.filter((r) => r.kind === "provider").map((r) => Math.round(r.deactivate.ms)),
    },
  };
  return { ops, deactivate: { ...deact, n: deactivateN, ratio: Number((deact.providerMs / deact.floorMs).toFixed(3)) } };
}

/**
 * The results file's `perOperation`: requests per object of each kind of change, from the provider's
 * first run at the largest N of `ns`, the deactivation and the INACTIVE creates, with the API's
 * minimum beside each (NaN where the run did not measure it).
 */
export function perOperation({ stackRuns, deactivateRuns, inactive }: FloorRuns, ns: number[]) {
  const run = stackRuns.find((r) => r.kind === "provider" && r.n === Math.max(...ns));
  const third = run ? run.n / 3 : 1;
  const per = (op: OpResult | undefined, type: string, count: number) => (op ? (op.byType[type] ?? 0) / count : NaN);
  const deact = deactivateRuns.find((r) => r.kind === "provider");
  return [
    { operation: "create meeting (ACTIVE)", measured: per(run?.create, "meetings", third), minimum: 1 },
    { operation: "create meeting (INACTIVE)", measured: inactive.requests / INACTIVE_N, minimum: 2 },
    { operation: "create webhook", measured: per(run?.create, "webhooks", third), minimum: 1 },
    { operation: "create preset", measured: per(run?.create, "presets", third), minimum: 1 },
    { operation: "update meeting in place", measured: per(run?.update, "meetings", third), minimum: 1 },
    { operation: "update webhook in place", measured: per(run?.update, "webhooks", third), minimum: 1 },
    { operation: "update preset in place", measured: per(run?.update, "presets", third), minimum: 1 },
    { operation: "deactivate meeting with live session", measured: deact ? deact.deactivate.requests / deact.n : NaN, minimum: 2 },
    { operation: "delete meeting (kick-all + PATCH)", measured: per(run?.destroy, "meetings", third), minimum: 2 },
    { operation: "delete webhook", measured: per(run?.destroy, "webhooks", third), minimum: 1 },
    { operation: "delete preset", measured: per(run?.destroy, "presets", third), minimum: 1 },
    { operation: "refresh (reads per object)", measured: run ? run.refresh.requests / run.n : NaN, minimum: 1 },
  ];
}
