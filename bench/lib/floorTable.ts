/**
 * The floor benchmark's figures, made from a results file of `npm run bench` (`bench/results/<YYYY-MM-DD>.json`):
 * the table of docs/performance.md with its setup line and the figures under it, and the README's
 * summary line, each between `floor-*` markers. `bench/run.ts` prints the same table and rewrites both
 * blocks after a run; run this file to rewrite them from a results file:
 *
 *   node -r ts-node/register/transpile-only bench/lib/floorTable.ts [bench/results/<YYYY-MM-DD>.json]
 *
 * (the newest dated results file in bench/results when no file is given).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathFromDoc, updateGeneratedBlocks, type BlocksByDocument } from "../../harness/generatedBlocks";
import { listed, span } from "./prose";
import { PERFORMANCE_REPORT, README, REPO_ROOT, RESULTS_DIR, newestResultsFile } from "./reportFiles";

/** The operations run on every stack, in the table's order, with their labels. */
export const FLOOR_OPERATIONS = [
  ["create", "`up` creating N objects"],
  ["previewNoop", "no-op `preview`"],
  ["upNoop", "no-op `up`"],
  ["refresh", "`refresh`"],
  ["update", "`up` updating N objects in place"],
  ["destroy", "`destroy`"],
] as const;

export type FloorOperation = (typeof FLOOR_OPERATIONS)[number][0];

/** The key of an operation's figures at N in a results file's `summary.ops`. */
export const operationKey = (op: FloorOperation, n: number) => `${op}@${n}` as const;

/** The key of the state sizes at N in a results file's `summary.ops`. */
export const stateKey = (n: number) => `state@${n}` as const;

/** What the table reads of one operation at one N: medians of the repetitions, ours against the floor. */
export interface OperationFigures {
  floorMs: number;
  providerMs: number;
  /** providerMs / floorMs. */
  ratio: number;
  /** CPU time of everything on the machine, ours over the floor's. */
  cpuRatio: number;
  providerRequests: number;
  providerMaxRssKb: number;
  floorMaxRssKb: number;
  /** The `--baseline` lane's ratios to the same floor, when it ran. */
  baseline?: { ratio: number; cpuRatio: number };
}

/** What the table reads of a stack's state after `refresh`. */
export interface StateFigures {
  perResourceBytes: number;
  /** Both copies of `__provider` (inputs and outputs) together. */
  providerBytesPerResource: number;
  /** One copy of `__provider`. */
  providerTextBytes: number;
  perTypeBytes: Record<string, number>;
}

/** What the table reads from a results file. */
export interface FloorResults {
  date: string;
  cpus: number;
  node: string;
  pulumiVersion?: string;
  settings: { ns: number[]; reps: number; parallel: number; latencyMs: number; deactivateN: number };
  /** The `--baseline` revision, when the run had one. */
  baseline?: string;
  /** `__provider` serialized by value, as when the resources are imported from the sources. */
  serializedSizes: { meetingFromSources: number };
  summary: {
    ops: Record<ReturnType<typeof operationKey>, OperationFigures> &
      Record<ReturnType<typeof stateKey>, { floor?: StateFigures; provider?: StateFigures; baseline?: StateFigures }>;
    deactivate: { n: number; floorMs: number; providerMs: number; ratio: number; cpuRatio: number; providerRequests: number };
  };
  /** Requests per object and operation; `measured` is null (NaN before JSON) when the run did not measure it. */
  perOperation: { operation: string; measured: number | null; minimum: number }[];
}

type RequestCount = FloorResults["perOperation"][number];

/** Whether the run measured this count (a run without the scenario leaves NaN, which the file holds as null). */
const isMeasured = (count: RequestCount): count is RequestCount & { measured: number } =>
  count.measured !== null && !Number.isNaN(count.measured);

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mebibytes = (kb: number): string => `${Math.round(kb / 1024)} MiB`;
const row = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
const headRows = (cells: readonly string[]): string[] => [row(cells), row(cells.map(() => "---"))];

/**
 * The report's table as Markdown: the setup line, floor and ours per operation and N, the deactivation
 * scenario, memory and state size at the largest N, and the requests per operation.
 */
export function floorMarkdown(results: FloorResults): string {
  const { ns, reps, parallel, latencyMs } = results.settings;
  const { ops, deactivate } = results.summary;
  const nMax = Math.max(...ns);
  const lines = [
    `Emulator latency ${latencyMs} ms per response, engine \`--parallel ${parallel}\`, median of ${reps} runs, ` +
      `${results.cpus} CPUs, Node ${results.node}, Pulumi CLI ${results.pulumiVersion ?? "?"}, ${results.date.slice(0, 10)}.`,
    "",
    ...headRows(["Operation", ...ns.flatMap((n) => [`N=${n} floor`, `N=${n} ours`, "ratio", "CPU ratio", "requests"])]),
  ];
  for (const [op, label] of FLOOR_OPERATIONS) {
    const cells = ns.flatMap((n) => {
      const o = ops[operationKey(op, n)];
      return [seconds(o.floorMs), seconds(o.providerMs), `**${o.ratio.toFixed(2)}**`, o.cpuRatio.toFixed(2), String(o.providerRequests)];
    });
    lines.push(row([label, ...cells]));
  }
  if (deactivate.n > 0) {
    lines.push(
      "",
      `Deactivating ${deactivate.n} meetings with live sessions in one \`up\`: floor ${seconds(deactivate.floorMs)}, ` +
        `ours ${seconds(deactivate.providerMs)} (ratio **${deactivate.ratio.toFixed(2)}**, CPU ratio ${deactivate.cpuRatio.toFixed(2)}), ` +
        `${deactivate.providerRequests} requests.`,
    );
  }
  const create = ops[operationKey("create", nMax)];
  lines.push(
    "",
    `Peak RSS of the provider process during \`up\` creating ${nMax} objects: ours ${mebibytes(create.providerMaxRssKb)}, ` +
      `floor ${mebibytes(create.floorMaxRssKb)}.`,
  );
  const { provider, floor } = ops[stateKey(nMax)];
  if (provider && floor) {
    const t = provider.perTypeBytes;
    lines.push(
      `State per resource (N=${nMax}): \`__provider\` ${provider.providerBytesPerResource} bytes ` +
        `(${provider.providerTextBytes} × 2 copies; by value from sources: ${results.serializedSizes.meetingFromSources} bytes × 2); ` +
        `whole resource ${provider.perResourceBytes} bytes on average (meeting ${t.Meeting}, webhook ${t.Webhook}, preset ${t.Preset}); ` +
        `floor ${floor.perResourceBytes} bytes.`,
    );
  }
  lines.push("", ...headRows(["Requests per operation", "measured", "API minimum"]));
  for (const count of results.perOperation) {
    lines.push(row([count.operation, isMeasured(count) ? String(count.measured) : "–", String(count.minimum)]));
  }
  return lines.join("\n");
}

/**
 * The `--baseline` lane against the current build as Markdown (ratio to the floor, wall and CPU, per
 * operation and N, then the baseline's state size), or undefined when the run had no baseline.
 */
export function baselineMarkdown(results: FloorResults): string | undefined {
  const { ns } = results.settings;
  const { ops } = results.summary;
  if (!ns.some((n) => FLOOR_OPERATIONS.some(([op]) => ops[operationKey(op, n)].baseline))) return undefined;
  const ratios = (r: { ratio: number; cpuRatio: number }): string => `${r.ratio.toFixed(2)} (${r.cpuRatio.toFixed(2)})`;
  const lines = [
    `Before / after (\`--baseline ${results.baseline ?? "?"}\`): ratio to the floor, wall (CPU).`,
    "",
    ...headRows(["Operation", ...ns.flatMap((n) => [`N=${n} before`, `N=${n} after`])]),
  ];
  for (const [op, label] of FLOOR_OPERATIONS) {
    const cells = ns.flatMap((n) => {
      const o = ops[operationKey(op, n)];
      return [o.baseline ? ratios(o.baseline) : "–", ratios(o)];
    });
    lines.push(row([label, ...cells]));
  }
  const before = ops[stateKey(Math.max(...ns))].baseline;
  if (before) lines.push("", `State per resource before: ${before.perResourceBytes} bytes (${JSON.stringify(before.perTypeBytes)}).`);
  return lines.join("\n");
}

/**
 * The README's line on the floor benchmark: whether every request count is the API's minimum, and
 * the span of our wall and CPU time over the floor's. `source` names the results file.
 */
export function floorSummary(results: FloorResults, source: string): string {
  const { ns, reps } = results.settings;
  const figures = ns.flatMap((n) => FLOOR_OPERATIONS.map(([op, label]) => ({ n, label, ...results.summary.ops[operationKey(op, n)] })));
  const slowest = figures.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  const counted = results.perOperation.filter(isMeasured);
  const above = counted.filter(({ measured, minimum }) => measured > minimum);
  const requests =
    above.length === 0
      ? `each of the ${counted.length} request counts measured is the API's minimum`
      : `**${above.length} of ${counted.length} request counts measured are above the API's minimum** ` +
        `(${above.map(({ operation }) => operation).join("; ")})`;
  const wall = span(figures.map((f) => f.ratio));
  const cpu = span(figures.map((f) => f.cpuRatio));
  return (
    `- Against the floor (\`${source}\`: N = ${listed(ns.map(String))}, median of ${reps} runs): ${requests}; ` +
    `ours took ${wall}× the floor's wall time (the most: ${slowest.label} at N = ${slowest.n}) and ${cpu}× its CPU time.`
  );
}

/** This file, as the markers of its blocks name it. */
export const FLOOR_GENERATOR = "bench/lib/floorTable.ts";

/** The command that rewrites the blocks from the newest results file. */
export const FLOOR_COMMAND = `node -r ts-node/register/transpile-only ${FLOOR_GENERATOR}`;

/** The newest dated results file (`<YYYY-MM-DD>.json`) of a results folder. */
export function newestFloorResults(resultsDir: string): string {
  return newestResultsFile(resultsDir, /^\d{4}-\d{2}-\d{2}\.json$/);
}

/** The blocks made from `resultsFile`, by document under `root`: the report's table and the README's line, each naming the file. */
export function floorBlocks(root: string, resultsFile: string): BlocksByDocument {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as FloorResults;
  const source = (doc: string): string => pathFromDoc(path.join(root, doc), resultsFile);
  return {
    [PERFORMANCE_REPORT]: { "floor-table": `Figures from \`${source(PERFORMANCE_REPORT)}\`:\n\n${floorMarkdown(results)}` },
    [README]: { "floor-summary": floorSummary(results, source(README)) },
  };
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? newestFloorResults(RESULTS_DIR));
  updateGeneratedBlocks(REPO_ROOT, FLOOR_GENERATOR, floorBlocks(REPO_ROOT, file));
  process.stderr.write(`${PERFORMANCE_REPORT}, ${README}: floor benchmark from ${path.relative(REPO_ROOT, file)}\n`);
}
