/**
 * The cost curve's figures, made from a results file of `npm run bench -- --scale` (`bench/results/scale-<date>.json`):
 * the table of docs/performance.md and the README's summary line, each between `scale-*` markers.
 * `bench/run.ts --scale` prints the same table and rewrites both blocks after each N; run this file
 * to rewrite them from a results file:
 *
 *   node -r ts-node/register/transpile-only bench/lib/scaleTable.ts [bench/results/scale-<date>.json]
 *
 * (the newest `scale-*.json` in bench/results when no file is given).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathFromDoc, updateGeneratedBlocks, type BlocksByDocument } from "../../harness/generatedBlocks";
import { listed, thousands } from "./prose";
import { PERFORMANCE_REPORT, README, REPO_ROOT, RESULTS_DIR, newestResultsFile } from "./reportFiles";

const OPS = [
  ["create", "`up` creating N"],
  ["previewNoop", "no-op `preview`"],
  ["refresh", "`refresh`"],
  ["update", "`up` updating N"],
  ["destroy", "`destroy`"],
] as const;

/** The target for create and update: within this factor of the larger of the engine floor and the rate floor. */
export const RATIO_TARGET = 1.1;

/** One operation of the cost curve, as the table reads it. */
export interface ScaleOperation {
  ms: number;
  floorMs: number;
  rateFloorMs: number;
  requests: number;
  rejected429: number;
  providerMaxRssKb?: number;
  loadavg: number[];
  byRoute?: Record<string, number>;
}

/** What the table reads from a results file. */
export interface ScaleResults {
  date: string;
  cpus: number;
  pulumiVersion?: string;
  loadAtStart: number[];
  loadAtEnd: number[];
  settings: { parallel: number; latencyMs: number; rateLimit: { limit: number; windowSeconds: number } };
  targets: { target: string; holds: boolean; figure: string }[];
  runs: {
    n: number;
    ops: Record<string, ScaleOperation>;
    state: { provider: { perResourceBytes: number }; floor: { perResourceBytes: number } };
  }[];
}

/** Ours over the larger of the engine floor and the rate floor. */
export const ratioToFloor = (op: ScaleOperation): number => op.ms / Math.max(op.floorMs, op.rateFloorMs);

/** The emulator's rate limit of a run. */
const rateLimitText = ({ limit, windowSeconds }: ScaleResults["settings"]["rateLimit"]): string =>
  `rate limit ${limit} per ${windowSeconds} s`;

/** The cost curve as Markdown: one row per N and operation, then the targets. */
export function scaleMarkdown(results: ScaleResults): string {
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const { limit, windowSeconds } = results.settings.rateLimit;
  const loads = results.runs.flatMap((run) => Object.values(run.ops).flatMap((op) => op.loadavg));
  const lines = [
    `Emulator latency ${results.settings.latencyMs} ms, ${rateLimitText(results.settings.rateLimit)} ` +
      (limit === 1200 ? `(Cloudflare's 1,200 per 300 s with time ${300 / windowSeconds}× faster)` : "(Cloudflare: 1,200 per 300 s)") +
      `, engine \`--parallel ${results.settings.parallel}\`, ` +
      `one run per N, ${results.cpus} CPUs shared (1-minute load ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}), ` +
      `Pulumi CLI ${results.pulumiVersion ?? "?"}, ${results.date.slice(0, 10)}. Times in seconds; ` +
      "rate floor = (requests − limit) / rate; ratio = ours / max(engine floor, rate floor).",
    "",
    "| N | Operation | ours | engine floor | rate floor | ratio | requests | 429s | provider peak RSS | state / resource (floor) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const run of results.runs) {
    for (const [key, label] of OPS) {
      const op = run.ops[key];
      if (op === undefined) continue;
      const ratio = ratioToFloor(op);
      const presetGets = op.byRoute?.["GET presets/:id"];
      const requests = key === "refresh" && presetGets !== undefined ? `${op.requests} (${presetGets} preset GETs)` : String(op.requests);
      const state = key === "create" ? `${run.state.provider.perResourceBytes} B (${run.state.floor.perResourceBytes} B)` : "";
      lines.push(
        `| ${run.n} | ${label} | ${s(op.ms)} | ${s(op.floorMs)} | ${s(op.rateFloorMs)} | ${ratio.toFixed(2)} | ` +
          `${requests} | ${op.rejected429} | ${op.providerMaxRssKb === undefined ? "–" : `${Math.round(op.providerMaxRssKb / 1024)} MiB`} | ${state} |`,
      );
    }
  }
  lines.push("", "| Target | holds | figure |", "| --- | --- | --- |");
  for (const target of results.targets) lines.push(`| ${target.target} | ${target.holds ? "yes" : "**no**"} | ${target.figure} |`);
  return lines.join("\n");
}

/** `N = a, b and c`. */
const atN = (runs: readonly { n: number }[]): string => `N = ${listed(runs.map(({ n }) => thousands(n)))}`;

/** At which N create and update kept within {@link RATIO_TARGET}, and by how much the others missed it. */
function ratioPhrase(runs: ScaleResults["runs"]): string {
  const misses = runs
    .map((run) => ({
      n: run.n,
      over: (["create", "update"] as const)
        .filter((op) => run.ops[op] !== undefined)
        .map((op) => ({ op, ratio: ratioToFloor(run.ops[op]) }))
        .filter(({ ratio }) => ratio > RATIO_TARGET),
    }))
    .filter(({ over }) => over.length > 0);
  const held = runs.filter((run) => !misses.some(({ n }) => n === run.n));
  const missed = misses
    .map(({ n, over }) => `N = ${thousands(n)}: ${over.map(({ op, ratio }) => `${op} ${ratio.toFixed(2)}×`).join(", ")}`)
    .join("; ");
  const target = `within ${RATIO_TARGET.toFixed(2)}× of the larger of the engine floor and the rate floor`;
  if (misses.length === 0) return `create and update ${target} at every N`;
  if (held.length === 0) return `create and update not ${target} at any N (${missed})`;
  return `create and update ${target} at ${atN(held)} (not at ${missed})`;
}

/** The provider's peak RSS at the smallest and the largest N, or undefined when a run did not record it. */
function memoryPhrase(runs: ScaleResults["runs"]): string | undefined {
  const ends = runs.length > 1 ? [runs[0], runs[runs.length - 1]] : runs;
  const peaks = ends.map((run) => ({ n: run.n, kb: Math.max(...Object.values(run.ops).map((op) => op.providerMaxRssKb ?? 0)) }));
  if (peaks.length === 0 || peaks.some(({ kb }) => kb === 0)) return undefined;
  return `provider peak RSS ${peaks.map(({ n, kb }) => `${Math.round(kb / 1024)} MiB at N = ${thousands(n)}`).join(", ")}`;
}

/**
 * The README's line on the cost curve: 429s and the most requests of one operation, the N at which
 * create and update kept within {@link RATIO_TARGET}, state size against the floor's at the smallest N,
 * and the provider's peak memory at the smallest and largest N. `source` names the results file.
 */
export function scaleSummary(results: ScaleResults, source: string): string {
  const { runs } = results;
  const ops = runs.flatMap((run) => Object.values(run.ops));
  const rejected = ops.reduce((total, op) => total + op.rejected429, 0);
  const most = thousands(Math.max(...ops.map((op) => op.requests)));
  const parts = [`${rejected === 0 ? "no 429 in any operation" : `**${thousands(rejected)} 429s**`}, up to ${most} requests in one`];
  parts.push(ratioPhrase(runs));
  const smallest = runs[0];
  if (smallest) {
    const { provider, floor } = smallest.state;
    const ratio = (provider.perResourceBytes / floor.perResourceBytes).toFixed(2);
    parts.push(`state per resource ${ratio}× the floor's at N = ${thousands(smallest.n)}`);
  }
  const memory = memoryPhrase(runs);
  if (memory !== undefined) parts.push(memory);
  return `- Cost curve (\`${source}\`: ${atN(runs)}, ${rateLimitText(results.settings.rateLimit)}): ${parts.join("; ")}.`;
}

/** This file, as the markers of its blocks name it. */
export const SCALE_GENERATOR = "bench/lib/scaleTable.ts";

/** The command that rewrites the blocks from the newest results file. */
export const SCALE_COMMAND = `node -r ts-node/register/transpile-only ${SCALE_GENERATOR}`;

/** The newest `scale-*.json` of a results folder. */
export function newestScaleResults(resultsDir: string): string {
  return newestResultsFile(resultsDir, /^scale-.*\.json$/);
}

/** The blocks made from `resultsFile`, by document under `root`: the report's table and the README's line, each naming the file. */
export function scaleBlocks(root: string, resultsFile: string): BlocksByDocument {
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as ScaleResults;
  const source = (doc: string): string => pathFromDoc(path.join(root, doc), resultsFile);
  return {
    [PERFORMANCE_REPORT]: { "scale-table": `Figures from \`${source(PERFORMANCE_REPORT)}\`:\n\n${scaleMarkdown(results)}` },
    [README]: { "scale-summary": scaleSummary(results, source(README)) },
  };
}

if (require.main === module) {
  const file = path.resolve(process.argv[2] ?? newestScaleResults(RESULTS_DIR));
  updateGeneratedBlocks(REPO_ROOT, SCALE_GENERATOR, scaleBlocks(REPO_ROOT, file));
  process.stderr.write(`${PERFORMANCE_REPORT}, ${README}: cost curve from ${path.relative(REPO_ROOT, file)}\n`);
}
