/**
 * The cost curve's table, made from a results file of `npm run bench -- --scale`.
 *
 * `bench/run.ts --scale` prints it and writes it to `scale-latest.md`; run this file to put it in
 * docs/performance.md, between the `scale-table` markers:
 *
 *   node -r ts-node/register/transpile-only bench/lib/scaleTable.ts [bench/results/scale-<date>.json]
 *
 * (the newest `scale-*.json` in bench/results when no file is given).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { pathFromDoc, withGeneratedBlocks } from "../../test/support/generatedBlocks";

const OPS = [
  ["create", "`up` creating N"],
  ["previewNoop", "no-op `preview`"],
  ["refresh", "`refresh`"],
  ["update", "`up` updating N"],
  ["destroy", "`destroy`"],
] as const;

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
    ops: Record<
      string,
      {
        ms: number;
        floorMs: number;
        rateFloorMs: number;
        requests: number;
        rejected429: number;
        providerMaxRssKb?: number;
        loadavg: number[];
        byRoute?: Record<string, number>;
      }
    >;
    state: { provider: { perResourceBytes: number }; floor: { perResourceBytes: number } };
  }[];
}

/** The cost curve as Markdown: one row per N and operation, then the targets. */
export function scaleMarkdown(results: ScaleResults): string {
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const { limit, windowSeconds } = results.settings.rateLimit;
  const loads = results.runs.flatMap((run) => Object.values(run.ops).flatMap((op) => op.loadavg));
  const lines = [
    `Emulator latency ${results.settings.latencyMs} ms, rate limit ${limit} per ${windowSeconds} s ` +
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
      const ratio = op.ms / Math.max(op.floorMs, op.rateFloorMs);
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

/** Where the table goes, between the markers. */
export const REPORT_FILE = path.join("docs", "performance.md");

/** The newest `scale-*.json` of a results folder. */
export function newestScaleResults(resultsDir: string): string {
  return path.join(
    resultsDir,
    fs
      .readdirSync(resultsDir)
      .filter((name) => /^scale-.*\.json$/.test(name))
      .sort()
      .at(-1) ?? "",
  );
}

/** `reportText` with its table between the markers made from `resultsFile` (named relative to `reportFile`). */
export function withScaleTable(reportText: string, reportFile: string, resultsFile: string): string {
  const table = scaleMarkdown(JSON.parse(fs.readFileSync(resultsFile, "utf8")) as ScaleResults);
  const source = `Figures from \`${pathFromDoc(reportFile, resultsFile)}\`:`;
  return withGeneratedBlocks(reportText, reportFile, "bench/lib/scaleTable.ts", { "scale-table": `${source}\n\n${table}` });
}

/** Replaces the table between the markers of `reportFile` with the one made from `resultsFile`. */
export function updateReport(reportFile: string, resultsFile: string): void {
  fs.writeFileSync(reportFile, withScaleTable(fs.readFileSync(reportFile, "utf8"), reportFile, resultsFile));
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..");
  const resultsDir = path.join(root, "bench", "results");
  const file = process.argv[2] ?? newestScaleResults(resultsDir);
  updateReport(path.join(root, REPORT_FILE), path.resolve(file));
  process.stderr.write(`${REPORT_FILE}: cost curve from ${path.relative(root, file)}\n`);
}
