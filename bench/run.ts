/**
 * `npm run bench`: how fast and how cheaply `pulumi up` reconciles, measured against a floor.
 *
 * Runs the real Pulumi engine (Automation API, inline programs, test/support/offlineEngine.ts)
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
 * rewrites from it the generated blocks of docs/performance.md and the README (see {@link publish}).
 *
 *   npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50]
 *                    [--wait-load 1.5] [--baseline <git-rev>] [--out bench/results | --dry]
 *   npm run bench -- --scale [--n 150,500,2000] [--rate-limit 1200/30] [--parallel 8] [--latency 50]
 *
 * `--scale` measures the cost curve instead (see {@link runScale}): the emulator's rate limit on at
 * `--rate-limit` (default Cloudflare's 1,200 per 300 s with time running 10 times faster), one run
 * per N, writing bench/results/scale-<date>.json and the blocks made from it (bench/lib/scaleTable.ts).
 *
 * `--baseline` adds a third lane running the provider built from that revision (bench/lib/baseline.ts).
 * Diagnostics (not in results): RTK_BENCH_MIX=meeting|webhook|preset makes all N objects one type;
 * RTK_BENCH_ENGINE_ENV='{"PULUMI_SKIP_CHECKPOINTS":"true"}' adds engine environment to every lane;
 * RTK_BENCH_DUMP_STATE=1 writes the exported states to bench/tmp.
 *
 * Requires `npm run build` (the provider process loads node_modules/pulumi-realtimekit).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import {
  assertBuilt,
  createInlineStack,
  exportStackAsStored,
  offlineEnvironment,
  providerConfig,
  pulumiCommand,
  repoRoot,
  type OfflineEnvironment,
  type RealtimeKitTarget,
} from "../test/support/offlineEngine";
import { EmulatorControl, type LoggedRequest } from "../test/support/emulatorControl";
import { updateGeneratedBlocks, type BlocksByDocument } from "../test/support/generatedBlocks";
import { buildBaseline } from "./lib/baseline";
import { childrenCpuMs, processCpuMs } from "./lib/cpu";
import {
  FLOOR_GENERATOR,
  FLOOR_OPERATIONS,
  baselineMarkdown,
  floorBlocks,
  floorMarkdown,
  operationKey,
  stateKey,
  type FloorResults,
  type OperationFigures,
} from "./lib/floorTable";
import { PERFORMANCE_REPORT, README, RESULTS_DIR } from "./lib/reportFiles";
import { RATIO_TARGET, SCALE_GENERATOR, scaleBlocks, scaleMarkdown, type ScaleResults } from "./lib/scaleTable";

// ---------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "30,150" },
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
  console.log(
    "npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50] [--wait-load 1.5] [--baseline <git-rev>] [--out dir | --dry]\n" +
      "npm run bench -- --scale [--n 150,500,2000] [--rate-limit 1200/30] [--parallel 8] [--latency 50] [--wait-load 1.5] [--out dir | --dry]\n\n" +
      "Writes bench/results/<date>.json (--scale: scale-<date>.json), prints its tables and rewrites from it the generated\n" +
      "blocks of docs/performance.md and README.md. --dry writes to bench/tmp and --out elsewhere: both leave the docs alone.",
  );
  process.exit(0);
}
const SCALE = args.scale;
const NS = (SCALE && !process.argv.some((arg) => arg === "--n" || arg.startsWith("--n=")) ? "150,500,2000" : args.n)
  .split(",")
  .map((v) => Number(v.trim()));
const RATE_LIMIT = (() => {
  const match = /^(\d+)\/(\d+)$/.exec(args["rate-limit"]);
  if (!match) throw new Error(`--rate-limit must look like <requests>/<seconds>, got ${args["rate-limit"]}`);
  return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
})();
const REPS = Number(args.reps);
const PARALLEL = Number(args.parallel);
const LATENCY_MS = Number(args.latency);
const DEACTIVATE_N = Number(args.deactivate);
for (const n of NS) {
  // The cost curve takes any N (webhooks and presets floor(N/3) each, meetings the rest).
  if (!Number.isInteger(n) || n < 3 || (!SCALE && n % 3 !== 0)) throw new Error(`--n values must be multiples of 3, got ${n}`);
}

/** Meetings created INACTIVE for the per-operation table. */
const INACTIVE_N = 5;
const benchDir = path.join(repoRoot, "bench");
const tmpDir = path.join(benchDir, "tmp");
const opOptions = { color: "never" as const, parallel: PARALLEL };
const log = (text: string): void => {
  process.stderr.write(`[bench] ${text}\n`);
};

// ---------------------------------------------------------------------------------------------
// Resources: the installed package and the floor

type Package = typeof import("../test/installed");

/**
 * Copies the installed package (node_modules/pulumi-realtimekit, made by `npm run build`) into a
 * project folder of this run, and loads it from there.
 */
function snapshotInstalled(): { dir: string; pkg: Package } {
  const dir = path.join(tmpDir, `current-${process.pid}`);
  const target = path.join(dir, "node_modules", "pulumi-realtimekit");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, "node_modules", "pulumi-realtimekit"), target, { recursive: true });
  return { dir, pkg: loadInstalled(dir) };
}

/**
 * Loads the library entry of the pulumi-realtimekit installed in `dir`/node_modules, as a user's
 * `import` resolves it: through the package's `exports`. A `require` of the folder would follow
 * `main` instead, which is the provider plugin's entry since the package root became a plugin. The
 * package resolves its own name (Node's self-reference), so the copy in `dir` is the one loaded;
 * a `--baseline` revision from before `exports` falls back to `main` through `dir`/node_modules.
 */
function loadInstalled(dir: string): Package {
  return createRequire(path.join(dir, "node_modules", "pulumi-realtimekit", "package.json"))("pulumi-realtimekit") as Package;
}

/** Copies bench/floor into bench/tmp/node_modules so that Pulumi serializes it as a `require`. */
function installFloor(): pulumi.dynamic.ResourceProvider {
  const target = path.join(tmpDir, "node_modules", "rtk-bench-floor");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const file of ["index.js", "package.json"]) {
    fs.copyFileSync(path.join(benchDir, "floor", file), path.join(target, file));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(target) as pulumi.dynamic.ResourceProvider;
}
const floorProvider = installFloor();

class Floor extends pulumi.dynamic.Resource {
  constructor(name: string, props: Record<string, unknown>) {
    super(floorProvider, name, { ...props, createdAt: undefined, updatedAt: undefined }, undefined, "bench", "Floor");
  }
}

/** floor; the current build (as installed); the `--baseline` revision's build. */
type Kind = "floor" | "provider" | "baseline";

/** What the program declares; the benchmark edits it between operations. */
interface Desired {
  n: number;
  version: number;
  meetingStatus: "ACTIVE" | "INACTIVE";
  /** Only meetings (the deactivation scenario). */
  meetingsOnly: boolean;
  /** Makes names and URLs (unique per app) distinct between lanes sharing the emulator. */
  tag: string;
}

function providerProgram(desired: Desired, pkg: Package): PulumiFn {
  return async () => {
    const { n, version, meetingStatus, meetingsOnly, tag } = desired;
    const third = Math.floor(n / 3);
    const mix = process.env.RTK_BENCH_MIX; // diagnostics only: "meeting", "webhook" or "preset" makes all N of one type
    if (mix && !meetingsOnly) {
      for (let i = 0; i < n; i++) {
        if (mix === "meeting") new pkg.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
        if (mix === "webhook") {
          new pkg.Webhook(`w${i}`, {
            name: `bench webhook ${i} v${version}`,
            url: `http://127.0.0.1:9/bench/${tag}/${i}`,
            events: ["meeting.ended"],
          });
        }
        if (mix === "preset") new pkg.Preset(`p${i}`, { name: `bench-${tag}-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
      }
      return;
    }
    const meetings = meetingsOnly ? n : n - 2 * Math.floor(n / 3);
    for (let i = 0; i < meetings; i++) {
      new pkg.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
    }
    if (meetingsOnly) return;
    for (let i = 0; i < third; i++) {
      new pkg.Webhook(`w${i}`, {
        name: `bench webhook ${i} v${version}`,
        url: `http://127.0.0.1:9/bench/${tag}/${i}`,
        events: ["meeting.ended"],
      });
    }
    for (let i = 0; i < third; i++) {
      new pkg.Preset(`p${i}`, { name: `bench-${tag}-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
    }
  };
}

/** The floor: about as many input fields as a meeting (8). */
function floorProgram(desired: Desired): PulumiFn {
  return async () => {
    const { n, version, meetingStatus } = desired;
    for (let i = 0; i < n; i++) {
      new Floor(`f${i}`, {
        title: `floor ${i} v${version}`,
        status: meetingStatus,
        recordOnStart: false,
        liveStreamOnStart: false,
        persistChat: false,
        summarizeOnEnd: false,
        transcribeOnEnd: false,
        sessionKeepAliveTimeInSecs: 60,
      });
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Emulator in a child process (so its work never shares the event loop of the inline program)

interface EmulatorProcess {
  readonly target: RealtimeKitTarget;
  readonly control: EmulatorControl;
  readonly child: ChildProcess;
}

async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const cli = path.join(repoRoot, "dist", "emulator", "cli.js");
  const rateLimit = SCALE ? ["--rate-limit", `${RATE_LIMIT.limit}/${RATE_LIMIT.windowSeconds}`] : ["--no-rate-limit"];
  const child = spawn(process.execPath, [cli, "--port", "0", "--latency-ms", String(LATENCY_MS), ...rateLimit], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.includes("\n")) resolve(buffer.split("\n")[0]);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  const match = /listening on (\S+) account=(\S+) app=(\S+) token=(\S+)/.exec(line);
  if (!match) throw new Error(`unexpected emulator banner: ${line}`);
  const target = { url: match[1], accountId: match[2], appId: match[3], token: match[4] };
  return { target, control: new EmulatorControl(target), child };
}

async function controlCall(emulator: EmulatorProcess, method: string, route: string): Promise<void> {
  const response = await fetch(`${emulator.control.origin}/__emulator/${route}`, { method });
  if (!response.ok) throw new Error(`${method} /__emulator/${route}: ${response.status}`);
}

// ---------------------------------------------------------------------------------------------
// Measuring one operation

interface OpResult {
  ms: number;
  requests: number;
  /** e.g. { "GET meetings/:id": 50 } */
  byRoute: Record<string, number>;
  /** Requests per object type: { meetings: 100, webhooks: 50, presets: 50 }. */
  byType: Record<string, number>;
  /** Peak RSS of the provider process(es) during the operation, KiB. */
  providerMaxRssKb?: number;
  /** CPU time (ms): the provider process(es); the engine CLI with its children; this process (program, language host). */
  cpuMs: { provider: number; cli: number; bench: number; emulator: number };
  changes?: Record<string, number>;
}

function routeOf(request: LoggedRequest, appId: string): { route: string; type: string } {
  const rel = request.path.split(`/${appId}/`)[1] ?? request.path;
  const parts = rel.split("/");
  const type = parts[0];
  const route = parts.map((part, i) => (i === 1 ? ":id" : part)).join("/");
  return { route: `${request.method} ${route}`, type };
}

class Bench {
  constructor(readonly emulator: EmulatorProcess) {}

  async op(
    stack: Stack,
    rssDir: string,
    run: () => Promise<{ summary?: { resourceChanges?: Record<string, number> }; changeSummary?: Record<string, number> }>,
  ): Promise<OpResult> {
    await controlCall(this.emulator, "DELETE", "requests");
    for (const file of fs.readdirSync(rssDir)) fs.rmSync(path.join(rssDir, file));
    const childrenBefore = childrenCpuMs();
    const emulatorBefore = processCpuMs(this.emulator.child.pid);
    const benchBefore = process.cpuUsage();
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    const benchCpu = process.cpuUsage(benchBefore);
    const cliCpu = childrenCpuMs() - childrenBefore;
    const emulatorCpu = processCpuMs(this.emulator.child.pid) - emulatorBefore;
    const requests = await this.emulator.control.requests();
    const byRoute: Record<string, number> = {};
    const byType: Record<string, number> = {};
    for (const request of requests) {
      const { route, type } = routeOf(request, this.emulator.target.appId);
      byRoute[route] = (byRoute[route] ?? 0) + 1;
      byType[type] = (byType[type] ?? 0) + 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 150)); // last RSS write of exiting plugins
    let rss: number | undefined;
    let providerCpu = 0;
    for (const file of fs.readdirSync(rssDir)) {
      try {
        const sample = JSON.parse(fs.readFileSync(path.join(rssDir, file), "utf8")) as { maxRssKb: number; cpuMs: number; atExit: boolean };
        rss = Math.max(rss ?? 0, sample.maxRssKb);
        providerCpu += sample.cpuMs;
        if (!sample.atExit) log(`note: provider process ${file} recorded no exit sample (figures up to its last second)`);
      } catch {
        // partially written; the next sample wins
      }
    }
    void stack;
    const changes = result.summary?.resourceChanges ?? result.changeSummary;
    const cpuMs = {
      provider: Math.round(providerCpu),
      cli: Math.round(cliCpu),
      bench: Math.round((benchCpu.user + benchCpu.system) / 1000),
      emulator: Math.round(emulatorCpu),
    };
    return { ms, requests: requests.length, byRoute, byType, providerMaxRssKb: rss, cpuMs, changes };
  }

  current!: { dir: string; pkg: Package };
  baseline?: { dir: string; sha: string; pkg: Package };

  async newStack(kind: Kind, name: string, desired: Desired): Promise<{ stack: Stack; env: OfflineEnvironment; rssDir: string }> {
    const env = offlineEnvironment(`rtk-bench-${name}-`);
    const rssDir = path.join(env.dir, "rss");
    fs.mkdirSync(rssDir);
    Object.assign(env.envVars, {
      NODE_OPTIONS: `--require ${path.join(benchDir, "lib", "rssReporter.js")}`,
      RTK_BENCH_RSS_DIR: rssDir,
      RTK_BENCH_FLOOR_DELAY_MS: String(LATENCY_MS),
      // The request budget remembers earlier provider processes on the same token (budgetStore.ts).
      // Each benchmark stack keeps its own memory: its operations count against each other, as a
      // user's back-to-back operations do (at most ~650 requests, under the default 1,000 per 5
      // minutes, so never held back), but not the other stacks' (the benchmark sends ~2,000 requests
      // within minutes on one token). The store's cost stays in the figures, as users pay it.
      REALTIMEKIT_STATE_DIR: path.join(env.dir, "budget"),
      // Its name before the create journal shared the folder: for `--baseline` lanes of older revisions.
      REALTIMEKIT_BUDGET_STATE_DIR: path.join(env.dir, "budget"),
      NODE_PATH: [path.join(tmpDir, "node_modules"), env.envVars.NODE_PATH].join(path.delimiter),
      // Diagnostics only: extra engine environment, e.g. '{"PULUMI_SKIP_CHECKPOINTS":"true"}'.
      ...(process.env.RTK_BENCH_ENGINE_ENV ? (JSON.parse(process.env.RTK_BENCH_ENGINE_ENV) as Record<string, string>) : {}),
    });
    const stack = await createInlineStack({
      stackName: name,
      projectName: "rtk-bench",
      program:
        kind === "floor" ? floorProgram(desired) : providerProgram(desired, kind === "baseline" ? this.baseline!.pkg : this.current.pkg),
      // the provider process runs (and resolves pulumi-realtimekit) in the package's folder
      main: kind === "baseline" ? this.baseline!.dir : kind === "provider" ? this.current.dir : undefined,
      env,
      config: providerConfig(this.emulator.target),
    });
    return { stack, env, rssDir };
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface StateSize {
  resources: number;
  checkpointBytes: number;
  perResourceBytes: number;
  providerBytesPerResource: number;
  providerTextBytes: number;
  perTypeBytes: Record<string, number>;
}

async function stateSize(stack: Stack, env: OfflineEnvironment): Promise<StateSize> {
  const exported = (await exportStackAsStored(stack, env)) as { deployment: { resources?: Record<string, unknown>[] } };
  if (process.env.RTK_BENCH_DUMP_STATE) {
    fs.writeFileSync(path.join(tmpDir, `state-${stack.name}.json`), JSON.stringify(exported, null, 2));
  }
  const all = exported.deployment.resources ?? [];
  const dynamic = all.filter((r) => String(r.type).startsWith("pulumi-nodejs:dynamic"));
  const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));
  const perType: Record<string, number[]> = {};
  let providerBytes = 0;
  let providerText = 0;
  for (const resource of dynamic) {
    const type = String(resource.type).split(":").pop() as string;
    (perType[type] ??= []).push(bytes(resource));
    const inputs = resource.inputs as Record<string, unknown> | undefined;
    const outputs = resource.outputs as Record<string, unknown> | undefined;
    for (const props of [inputs, outputs]) {
      if (props && props.__provider !== undefined) {
        providerBytes += bytes(props.__provider);
        providerText = Buffer.byteLength(String(props.__provider));
      }
    }
  }
  const average = (list: number[]): number => Math.round(list.reduce((a, b) => a + b, 0) / list.length);
  return {
    resources: dynamic.length,
    checkpointBytes: bytes(exported),
    perResourceBytes: average(dynamic.map(bytes)),
    providerBytesPerResource: Math.round(providerBytes / dynamic.length),
    providerTextBytes: providerText,
    perTypeBytes: Object.fromEntries(Object.entries(perType).map(([type, list]) => [type, average(list)])),
  };
}

interface StackRun {
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

/** One stack of the benchmark with the program's description and where its plugin samples go. */
interface Lane {
  kind: Kind;
  desired: Desired;
  stack: Stack;
  env: OfflineEnvironment;
  rssDir: string;
}

async function openLanes(bench: Bench, prefix: string, order: Kind[], desired: (kind: Kind) => Omit<Desired, "tag">): Promise<Lane[]> {
  const lanes: Lane[] = [];
  for (const kind of order) {
    const d = { ...desired(kind), tag: kind };
    const { stack, env, rssDir } = await bench.newStack(kind, `${prefix}-${kind}`, d);
    lanes.push({ kind, desired: d, stack, env, rssDir });
  }
  return lanes;
}

/**
 * Runs one operation on every lane in turn (floor and provider interleaved operation by operation,
 * so both see the same machine conditions).
 */
async function stepAll(bench: Bench, lanes: Lane[], label: string, run: (lane: Lane) => Promise<unknown>): Promise<Map<Kind, OpResult>> {
  const results = new Map<Kind, OpResult>();
  for (const lane of lanes) {
    const result = await bench.op(lane.stack, lane.rssDir, () => run(lane) as never);
    log(
      `${lane.kind} ${label}: ${(result.ms / 1000).toFixed(2)} s, ${result.requests} requests, ` +
        `cpu ms ${JSON.stringify(result.cpuMs)}` +
        (result.changes ? ` ${JSON.stringify(result.changes)}` : ""),
    );
    results.set(lane.kind, result);
  }
  return results;
}

/** Create, no-op preview, no-op up, refresh, update in place and destroy N objects, floor and provider interleaved. */
async function runPair(bench: Bench, n: number, rep: number, order: Kind[]): Promise<StackRun[]> {
  await controlCall(bench.emulator, "POST", "reset");
  const lanes = await openLanes(bench, `n${n}-r${rep}`, order, () => ({ n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: false }));
  try {
    const tag = `N=${n} rep ${rep}`;
    const create = await stepAll(bench, lanes, `${tag} up (create)`, (lane) => lane.stack.up(opOptions));
    const previewNoop = await stepAll(bench, lanes, `${tag} preview (no-op)`, (lane) => lane.stack.preview(opOptions));
    const upNoop = await stepAll(bench, lanes, `${tag} up (no-op)`, (lane) => lane.stack.up(opOptions));
    const refresh = await stepAll(bench, lanes, `${tag} refresh`, (lane) => lane.stack.refresh(opOptions));
    const states = new Map<Kind, StateSize>();
    for (const lane of lanes) states.set(lane.kind, await stateSize(lane.stack, lane.env));
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
    for (const lane of lanes) lane.env.dispose();
  }
}

interface DeactivateRun {
  kind: Kind;
  n: number;
  rep: number;
  deactivate: OpResult;
}

/** M meetings with live sessions go INACTIVE in one `up` (floor: M updates), interleaved. */
async function runDeactivate(bench: Bench, n: number, rep: number, order: Kind[]): Promise<DeactivateRun[]> {
  await controlCall(bench.emulator, "POST", "reset");
  const lanes = await openLanes(bench, `deact${n}-r${rep}`, order, () => ({ n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: true }));
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
    for (const lane of lanes) lane.env.dispose();
  }
}

/** Requests of creating meetings INACTIVE (POST + PATCH by design). */
async function runInactiveCreate(bench: Bench, n: number): Promise<OpResult> {
  const desired: Desired = { n, version: 0, meetingStatus: "INACTIVE", meetingsOnly: true, tag: "inactive" };
  await controlCall(bench.emulator, "POST", "reset");
  const { stack, env, rssDir } = await bench.newStack("provider", `inactive-${n}`, desired);
  try {
    const result = await bench.op(stack, rssDir, () => stack.up(opOptions) as never);
    log(`provider create ${n} INACTIVE meetings: ${result.requests} requests ${JSON.stringify(result.byRoute)}`);
    return result;
  } finally {
    env.dispose();
  }
}

/** Size of `__provider` as serialized by value (imported from sources) and from the installed package. */
async function serializedSizes(): Promise<Record<`${"meeting" | "webhook" | "preset"}FromSources`, number>> {
  const sizes = { meetingFromSources: 0, webhookFromSources: 0, presetFromSources: 0 };
  for (const kind of ["meeting", "webhook", "preset"] as const) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fromSources = require(`../provider/stubs/${kind}`) as object;
    const text = (await pulumi.runtime.serializeFunction(() => fromSources, { allowSecrets: true })).text;
    sizes[`${kind}FromSources`] = Buffer.byteLength(text);
  }
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// Summary

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

function summarize(stackRuns: StackRun[], deactivateRuns: DeactivateRun[]) {
  const ops = {} as OperationSummaries;
  for (const n of NS) {
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
  return { ops, deactivate: { ...deact, n: DEACTIVATE_N, ratio: Number((deact.providerMs / deact.floorMs).toFixed(3)) } };
}

function perOperation(stackRuns: StackRun[], deactivateRuns: DeactivateRun[], inactive: OpResult | undefined) {
  const run = stackRuns.find((r) => r.kind === "provider" && r.n === Math.max(...NS));
  const third = run ? run.n / 3 : 1;
  const per = (op: OpResult | undefined, type: string, count: number) => (op ? (op.byType[type] ?? 0) / count : NaN);
  const deact = deactivateRuns.find((r) => r.kind === "provider");
  return [
    { operation: "create meeting (ACTIVE)", measured: per(run?.create, "meetings", third), minimum: 1 },
    { operation: "create meeting (INACTIVE)", measured: inactive ? inactive.requests / INACTIVE_N : NaN, minimum: 2 },
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

// ---------------------------------------------------------------------------------------------
// Cost curve (--scale)

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

interface ScaleRun {
  n: number;
  ops: Record<"create" | "previewNoop" | "refresh" | "update" | "destroy", ScaleOp>;
  state: { provider: StateSize; floor: StateSize };
}

/**
 * The cost curve: for each N, a floor stack and a provider stack (a third each meetings, presets,
 * webhooks) through create, no-op preview, refresh, update in place and destroy, with the emulator's
 * Cloudflare-style rate limit on. Before each operation the emulator's counters are cleared and the
 * lane's remembered budget removed, so every operation starts with the whole limit (the burst) as
 * after a quiet five minutes: its rate-limit floor is then (requests - limit) / rate.
 */
async function runScale(bench: Bench, n: number): Promise<ScaleRun> {
  await controlCall(bench.emulator, "POST", "reset");
  const lanes = await openLanes(bench, `scale${n}`, ["floor", "provider"], () => ({
    n,
    version: 0,
    meetingStatus: "ACTIVE",
    meetingsOnly: false,
  }));
  const rate = RATE_LIMIT.limit / RATE_LIMIT.windowSeconds;
  const freshWindow = async (lane: Lane): Promise<void> => {
    const response = await fetch(`${bench.emulator.control.origin}/__emulator/rate-limit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        limit: RATE_LIMIT.limit,
        windowMs: RATE_LIMIT.windowSeconds * 1000,
        lockoutMs: RATE_LIMIT.windowSeconds * 1000,
      }),
    });
    if (!response.ok) throw new Error(`POST /__emulator/rate-limit: ${response.status}`);
    const budgetDir = path.join(lane.env.dir, "budget");
    for (const file of fs.existsSync(budgetDir) ? fs.readdirSync(budgetDir) : []) {
      if (file.startsWith("budget-")) fs.rmSync(path.join(budgetDir, file), { force: true });
    }
  };
  const ops = {} as ScaleRun["ops"];
  const step = async (name: keyof ScaleRun["ops"], run: (lane: Lane) => Promise<unknown>): Promise<void> => {
    let floorMs = 0;
    for (const lane of lanes) {
      await freshWindow(lane);
      const loadBefore = os.loadavg()[0];
      const result = await bench.op(lane.stack, lane.rssDir, () => run(lane) as never);
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
      const rateFloorMs = (Math.max(0, result.requests - RATE_LIMIT.limit) / rate) * 1000;
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
    const provider = await stateSize(lanes[1].stack, lanes[1].env);
    const floor = await stateSize(lanes[0].stack, lanes[0].env);
    for (const lane of lanes) lane.desired.version = 1;
    await step("update", (lane) => lane.stack.up(opOptions));
    await step("destroy", (lane) => lane.stack.destroy(opOptions));
    return { n, ops, state: { provider, floor } };
  } finally {
    for (const lane of lanes) lane.env.dispose();
  }
}

/** The targets of the cost curve, checked against the runs. */
function scaleTargets(runs: ScaleRun[]): { target: string; holds: boolean; figure: string }[] {
  const targets: { target: string; holds: boolean; figure: string }[] = [];
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

/**
 * Checks the build, waits for a quiet machine when `--wait-load` asks, and returns the header of a
 * results file: when, on what machine and CLI, at what load, with which settings.
 */
async function startRun<S>(settings: S) {
  assertBuilt();
  if (args["wait-load"] !== undefined) await waitForLoad(Number(args["wait-load"]));
  const command = await pulumiCommand();
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    pulumiVersion: command.version?.toString(),
    loadAtStart: os.loadavg(),
    settings,
  };
}

async function scaleMain(): Promise<void> {
  const meta = await startRun({ ns: NS, parallel: PARALLEL, latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT });
  const emulator = await startEmulatorProcess();
  const bench = new Bench(emulator);
  bench.current = snapshotInstalled();
  const runs: ScaleRun[] = [];
  const outDir = args.dry ? tmpDir : args.out;
  fs.mkdirSync(outDir, { recursive: true });
  const dated = path.join(outDir, `scale-${meta.date.slice(0, 10)}.json`);
  // Written after each N, so that a long run that is stopped keeps what it measured.
  const write = (): string => {
    const results = { ...meta, loadAtEnd: os.loadavg(), targets: scaleTargets(runs), runs };
    writeResults(dated, results);
    log(`wrote ${path.relative(repoRoot, dated)} (N = ${runs.map((run) => run.n).join(", ")})`);
    publish(dated, SCALE_GENERATOR, scaleBlocks);
    return scaleMarkdown(results);
  };
  try {
    for (const n of NS) {
      runs.push(await runScale(bench, n));
      write();
    }
  } finally {
    emulator.child.kill("SIGTERM");
    fs.rmSync(bench.current.dir, { recursive: true, force: true });
  }
  console.log(write());
}

// ---------------------------------------------------------------------------------------------
// Results files and the documents made from them

/** Writes a results file. Typed as what the documents' renderers read, so that a change of shape here fails to compile. */
function writeResults(file: string, results: FloorResults | ScaleResults): void {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/**
 * Rewrites the generated blocks of docs/performance.md and the README that `generator` writes, from
 * `resultsFile`, when the run wrote it to bench/results: the documents show the newest results there,
 * and a spec fails until they do. A `--dry` run (bench/tmp) or one with `--out` elsewhere leaves them alone.
 */
function publish(resultsFile: string, generator: string, blocks: (root: string, resultsFile: string) => BlocksByDocument): void {
  const docs = `${PERFORMANCE_REPORT} and ${README}`;
  if (path.dirname(path.resolve(resultsFile)) !== RESULTS_DIR) {
    log(
      `${docs} left as they are: they show the newest results in ${path.relative(repoRoot, RESULTS_DIR)}, not ${path.relative(repoRoot, resultsFile)}`,
    );
    return;
  }
  updateGeneratedBlocks(repoRoot, generator, blocks(repoRoot, resultsFile));
  log(`rewrote ${docs} (the blocks of ${generator}) from ${path.relative(repoRoot, resultsFile)}`);
}

// ---------------------------------------------------------------------------------------------
// Main

async function waitForLoad(limit: number): Promise<void> {
  const deadline = Date.now() + 20 * 60_000;
  while (os.loadavg()[0] >= limit && Date.now() < deadline) {
    log(`load average ${os.loadavg()[0].toFixed(2)} >= ${limit}: waiting a minute`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
}

async function main(): Promise<void> {
  const meta = {
    ...(await startRun({ ns: NS, reps: REPS, parallel: PARALLEL, latencyMs: LATENCY_MS, deactivateN: DEACTIVATE_N })),
    baseline: args.baseline,
  };
  const emulator = await startEmulatorProcess();
  const bench = new Bench(emulator);
  bench.current = snapshotInstalled();
  const kinds: Kind[] = ["floor", "provider"];
  if (args.baseline !== undefined) {
    const { dir, sha } = buildBaseline(repoRoot, tmpDir, args.baseline);
    bench.baseline = { dir, sha, pkg: loadInstalled(dir) };
    kinds.push("baseline");
    log(`baseline lane: the provider at ${sha} (${path.relative(repoRoot, dir)})`);
  }
  const stackRuns: StackRun[] = [];
  const deactivateRuns: DeactivateRun[] = [];
  let inactive: OpResult | undefined;
  try {
    // Warm-up (not recorded): the first operations of a process pay JIT and module loading.
    await runPair(bench, 3, 0, kinds);
    for (let rep = 1; rep <= REPS; rep++) {
      const order: Kind[] = rep % 2 === 1 ? kinds : [...kinds].reverse();
      for (const n of NS) stackRuns.push(...(await runPair(bench, n, rep, order)));
      if (DEACTIVATE_N > 0) deactivateRuns.push(...(await runDeactivate(bench, DEACTIVATE_N, rep, order)));
    }
    inactive = await runInactiveCreate(bench, INACTIVE_N);
  } finally {
    emulator.child.kill("SIGTERM");
    fs.rmSync(bench.current.dir, { recursive: true, force: true });
  }
  const sizes = await serializedSizes();
  const summary = summarize(stackRuns, deactivateRuns);
  const perOp = perOperation(stackRuns, deactivateRuns, inactive);
  const results = {
    ...meta,
    loadAtEnd: os.loadavg(),
    serializedSizes: sizes,
    summary,
    perOperation: perOp,
    runs: { stackRuns, deactivateRuns, inactive },
  };
  const outDir = args.dry ? tmpDir : args.out;
  fs.mkdirSync(outDir, { recursive: true });
  const dated = path.join(outDir, `${meta.date.slice(0, 10)}.json`);
  writeResults(dated, results);
  log(`wrote ${path.relative(repoRoot, dated)}`);
  // Rendered from the file as written (NaN becomes null there), so the printout is what the docs show.
  const written = JSON.parse(fs.readFileSync(dated, "utf8")) as FloorResults;
  console.log([floorMarkdown(written), baselineMarkdown(written)].filter((text) => text !== undefined).join("\n\n"));
  publish(dated, FLOOR_GENERATOR, floorBlocks);
}

(SCALE ? scaleMain() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
