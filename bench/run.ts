/**
 * `npm run bench`: how fast and how cheaply `pulumi up` reconciles, measured against a floor.
 *
 * Runs the real Pulumi engine (Automation API, inline programs, harness/offlineEngine.ts)
 * against the RealtimeKit emulator started in a child process with a fixed latency per response.
 * For each N it runs side by side, interleaved operation by operation, two stacks:
 *
 * - **floor**: N trivial dynamic resources (bench/floor) whose create, update, read and delete each
 *   wait the same latency once; serialized like our stubs (a `require` of an installed package);
 * - **provider**: N/3 meetings (ACTIVE), N/3 webhooks and N/3 presets of pulumi-realtimekit,
 *   imported from the installed package as a user's program sees them: a snapshot of
 *   node_modules/pulumi-realtimekit taken at start (bench/tmp/current-<pid>), which is also the
 *   provider process's project folder, so a rebuild in the shared checkout mid-run changes nothing.
 *
 * On each stack: `up` (create), no-op `preview`, no-op `up`, `refresh`, state size, `up` updating
 * every object in place, `destroy`. Then a stack of M meetings with live sessions is deactivated in
 * one `up` (floor: M updates), and a few meetings are created INACTIVE. API requests are counted
 * from the emulator's request log; the provider process's peak RSS is recorded by
 * bench/lib/rssReporter.js (NODE_OPTIONS=--require, set in the benchmark stacks' environment only).
 *
 * Besides wall time it records the CPU time every process used (engine CLI with the provider
 * process, this process running the program, the emulator), which other load on the machine
 * disturbs far less. Writes bench/results/<date>.json, prints its tables (bench/lib/floorTable.ts) and
 * rewrites from it the generated blocks of docs/performance.md and the README (bench/lib/runResults.ts).
 *
 *   npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50]
 *                    [--wait-load 1.5] [--baseline <git-rev>] [--out bench/results | --dry]
 *   npm run bench -- --scale [--n 150,500,2000] [--rate-limit 1200/30] [--parallel 8] [--latency 50]
 *
 * `--scale` measures the cost curve instead (bench/lib/scale.ts): the emulator's rate limit on at
 * `--rate-limit` (default Cloudflare's 1,200 per 300 s with time running 10 times faster), one run
 * per N, writing bench/results/scale-<date>.json and the blocks made from it (bench/lib/scaleTable.ts).
 *
 * `--baseline` adds a third lane running the provider built from that revision (bench/lib/baseline.ts).
 * Diagnostics (not in results): RTK_BENCH_MIX=meeting|webhook|preset makes all N objects one type;
 * RTK_BENCH_ENGINE_ENV='{"PULUMI_SKIP_CHECKPOINTS":"true"}' adds engine environment to every lane;
 * RTK_BENCH_DUMP_STATE=1 writes the exported states to bench/tmp.
 *
 * This file reads the command line and runs one of the two modes; the pieces are in bench/lib:
 * packages.ts (the code the stacks run, installed), programs.ts (the two Pulumi programs),
 * emulatorProcess.ts, lanes.ts (a run's stacks and what they share), measure.ts (one operation),
 * stateSize.ts, scenarios.ts and summary.ts (the floor benchmark), scale.ts (the cost curve),
 * runResults.ts (the results file and the documents), floorTable.ts and scaleTable.ts (their tables).
 *
 * Requires `npm run build` (the provider process loads node_modules/pulumi-realtimekit).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../harness/offlineEngine";
import type { RateLimit } from "./lib/emulatorProcess";
import { FLOOR_GENERATOR, baselineMarkdown, floorBlocks, floorMarkdown, type FloorResults } from "./lib/floorTable";
import { closeBench, openBench, type BenchSettings } from "./lib/lanes";
import { log } from "./lib/log";
import { RESULTS_DIR, TMP_DIR } from "./lib/reportFiles";
import { publish, resultsFile, startRun, writeResults } from "./lib/runResults";
import { runScale, scaleTargets, type ScaleRun } from "./lib/scale";
import { SCALE_GENERATOR, scaleBlocks, scaleMarkdown } from "./lib/scaleTable";
import { runFloorScenarios } from "./lib/scenarios";
import { serializedSizes } from "./lib/stateSize";
import { perOperation, summarize } from "./lib/summary";

const USAGE =
  "npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50] [--wait-load 1.5] [--baseline <git-rev>] [--out dir | --dry]\n" +
  "npm run bench -- --scale [--n 150,500,2000] [--rate-limit 1200/30] [--parallel 8] [--latency 50] [--wait-load 1.5] [--out dir | --dry]\n\n" +
  "Writes bench/results/<date>.json (--scale: scale-<date>.json), prints its tables and rewrites from it the generated\n" +
  "blocks of docs/performance.md and README.md. --dry writes to bench/tmp and --out elsewhere: both leave the docs alone.";

/** The command line, checked. */
interface Options {
  scale: boolean;
  ns: number[];
  reps: number;
  parallel: number;
  latencyMs: number;
  deactivateN: number;
  rateLimit: RateLimit;
  waitLoad: number | undefined;
  baseline: string | undefined;
  /** Where the results file goes: bench/tmp with `--dry`, else `--out`. */
  outDir: string;
}

/** Parses and checks the command line; prints the usage and exits on `--help`. */
function parseOptions(argv: string[]): Options {
  const { values: args } = parseArgs({
    args: argv,
    options: {
      n: { type: "string" },
      reps: { type: "string", default: "2" },
      parallel: { type: "string", default: "8" },
      latency: { type: "string", default: "50" },
      deactivate: { type: "string", default: "50" },
      "wait-load": { type: "string" },
      baseline: { type: "string" },
      out: { type: "string", default: RESULTS_DIR },
      dry: { type: "boolean", default: false },
      scale: { type: "boolean", default: false },
      "rate-limit": { type: "string", default: "1200/30" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (args.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = args.scale;
  // --n's default depends on the mode.
  const ns = (args.n ?? (scale ? "150,500,2000" : "30,150")).split(",").map((v) => Number(v.trim()));
  const match = /^(\d+)\/(\d+)$/.exec(args["rate-limit"]);
  if (!match) throw new Error(`--rate-limit must look like <requests>/<seconds>, got ${args["rate-limit"]}`);
  for (const n of ns) {
    // The cost curve takes any N (webhooks and presets floor(N/3) each, meetings the rest).
    if (!Number.isInteger(n) || n < 3 || (!scale && n % 3 !== 0)) throw new Error(`--n values must be multiples of 3, got ${n}`);
  }
  return {
    scale,
    ns,
    reps: Number(args.reps),
    parallel: Number(args.parallel),
    latencyMs: Number(args.latency),
    deactivateN: Number(args.deactivate),
    rateLimit: { limit: Number(match[1]), windowSeconds: Number(match[2]) },
    waitLoad: args["wait-load"] === undefined ? undefined : Number(args["wait-load"]),
    baseline: args.baseline,
    outDir: args.dry ? TMP_DIR : args.out,
  };
}

/** The settings of every stack: the options', and the diagnostics from the environment (see above). */
function benchSettings(options: Options): BenchSettings {
  const { RTK_BENCH_MIX, RTK_BENCH_ENGINE_ENV, RTK_BENCH_DUMP_STATE } = process.env;
  return {
    parallel: options.parallel,
    latencyMs: options.latencyMs,
    tmpDir: TMP_DIR,
    mix: RTK_BENCH_MIX,
    engineEnv: RTK_BENCH_ENGINE_ENV ? (JSON.parse(RTK_BENCH_ENGINE_ENV) as Record<string, string>) : {},
    dumpStateDir: RTK_BENCH_DUMP_STATE ? TMP_DIR : undefined,
  };
}

/** The floor benchmark: measure, summarize, write the results file, print its tables, publish. */
async function floorMain(options: Options): Promise<void> {
  const { ns, reps, parallel, latencyMs, deactivateN } = options;
  const header = { ...(await startRun({ ns, reps, parallel, latencyMs, deactivateN }, options.waitLoad)), baseline: options.baseline };
  const bench = await openBench(benchSettings(options), { baseline: options.baseline });
  const runs = await runFloorScenarios(bench, { ns, reps, deactivateN }).finally(() => closeBench(bench));
  const sizes = await serializedSizes();
  const results = {
    ...header,
    loadAtEnd: os.loadavg(),
    serializedSizes: sizes,
    summary: summarize(runs, ns, deactivateN),
    perOperation: perOperation(runs, ns),
    runs,
  };
  const file = resultsFile(options.outDir, `${header.date.slice(0, 10)}.json`);
  writeResults(file, results);
  log(`wrote ${path.relative(repoRoot, file)}`);
  // Rendered from the file as written (NaN becomes null there), so the printout is what the docs show.
  const written = JSON.parse(fs.readFileSync(file, "utf8")) as FloorResults;
  console.log([floorMarkdown(written), baselineMarkdown(written)].filter((text) => text !== undefined).join("\n\n"));
  publish(file, FLOOR_GENERATOR, floorBlocks);
}

/** The cost curve: one run per N, the results file rewritten (and published) after each, its table printed at the end. */
async function scaleMain(options: Options): Promise<void> {
  const { ns, parallel, latencyMs, rateLimit } = options;
  const header = await startRun({ ns, parallel, latencyMs, rateLimit }, options.waitLoad);
  const bench = await openBench(benchSettings(options), { rateLimit });
  const file = resultsFile(options.outDir, `scale-${header.date.slice(0, 10)}.json`);
  const runs: ScaleRun[] = [];
  // Written after each N, so that a long run that is stopped keeps what it measured.
  const write = (): string => {
    const results = { ...header, loadAtEnd: os.loadavg(), targets: scaleTargets(runs), runs };
    writeResults(file, results);
    log(`wrote ${path.relative(repoRoot, file)} (N = ${runs.map((run) => run.n).join(", ")})`);
    publish(file, SCALE_GENERATOR, scaleBlocks);
    return scaleMarkdown(results);
  };
  try {
    for (const n of ns) {
      runs.push(await runScale(bench, n, rateLimit));
      write();
    }
  } finally {
    closeBench(bench);
  }
  console.log(write());
}

const options = parseOptions(process.argv.slice(2));
(options.scale ? scaleMain(options) : floorMain(options)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
