/**
 * `npm run bench`: how fast and how cheaply `pulumi up` reconciles, measured against a floor.
 *
 * Runs the real Pulumi engine (Automation API, inline programs, scripts/lib/offlineEngine.ts)
 * against the RealtimeKit emulator started in a child process with a fixed latency per response.
 * For each N it runs, side by side and interleaved, two stacks:
 *
 * - **floor**: N trivial dynamic resources (bench/floor) whose create, update, read and delete each
 *   wait the same latency once; serialized like our stubs (a `require` of an installed package);
 * - **provider**: N/3 meetings (ACTIVE), N/3 webhooks and N/3 presets of pulumi-realtimekit,
 *   imported from the installed copy (test/installed), as a user's program sees them.
 *
 * On each stack: `up` (create), no-op `preview`, no-op `up`, `refresh`, state size, `up` updating
 * every object in place, `destroy`. Then a stack of M meetings with live sessions is deactivated in
 * one `up` (floor: M updates), and a few meetings are created INACTIVE. API requests are counted
 * from the emulator's request log; the provider process's peak RSS is recorded by
 * bench/lib/rssReporter.js (NODE_OPTIONS=--require, set in the benchmark stacks' environment only).
 *
 * Prints a Markdown table and writes bench/results/<date>.json, latest.json and latest.md.
 *
 *   npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50]
 *                    [--wait-load 1.5] [--out bench/results | --dry]
 *
 * Requires `npm run build` (the provider process loads node_modules/pulumi-realtimekit).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
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
} from "../scripts/lib/offlineEngine";
import { EmulatorControl, type LoggedRequest } from "../scripts/lib/emulatorControl";

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
    out: { type: "string", default: path.join(repoRoot, "bench", "results") },
    dry: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run bench -- [--n 30,150] [--reps 2] [--parallel 8] [--latency 50] [--deactivate 50] [--wait-load 1.5] [--out dir | --dry]",
  );
  process.exit(0);
}
const NS = args.n.split(",").map((v) => Number(v.trim()));
const REPS = Number(args.reps);
const PARALLEL = Number(args.parallel);
const LATENCY_MS = Number(args.latency);
const DEACTIVATE_N = Number(args.deactivate);
for (const n of NS) {
  if (!Number.isInteger(n) || n < 3 || n % 3 !== 0) throw new Error(`--n values must be multiples of 3, got ${n}`);
}

const benchDir = path.join(repoRoot, "bench");
const tmpDir = path.join(benchDir, "tmp");
const opOptions = { color: "never" as const, parallel: PARALLEL };
const log = (text: string): void => {
  process.stderr.write(`[bench] ${text}\n`);
};

// ---------------------------------------------------------------------------------------------
// Resources: the installed package and the floor

// eslint-disable-next-line @typescript-eslint/no-require-imports
const installed = require("../test/installed") as typeof import("../test/installed");

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

type Kind = "floor" | "provider";

/** What the program declares; the benchmark edits it between operations. */
interface Desired {
  n: number;
  version: number;
  meetingStatus: "ACTIVE" | "INACTIVE";
  /** Only meetings (the deactivation scenario). */
  meetingsOnly: boolean;
}

function providerProgram(desired: Desired): PulumiFn {
  return async () => {
    const { n, version, meetingStatus, meetingsOnly } = desired;
    const third = meetingsOnly ? n : n / 3;
    const mix = process.env.RTK_BENCH_MIX; // diagnostics only: "meeting", "webhook" or "preset" makes all N of one type
    if (mix && !meetingsOnly) {
      for (let i = 0; i < n; i++) {
        if (mix === "meeting") new installed.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
        if (mix === "webhook") {
          new installed.Webhook(`w${i}`, { name: `bench webhook ${i} v${version}`, url: `http://127.0.0.1:9/bench/${i}`, events: ["meeting.ended"] });
        }
        if (mix === "preset") new installed.Preset(`p${i}`, { name: `bench-preset-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
      }
      return;
    }
    for (let i = 0; i < third; i++) {
      new installed.Meeting(`m${i}`, { title: `bench meeting ${i} v${version}`, status: meetingStatus });
    }
    if (meetingsOnly) return;
    for (let i = 0; i < third; i++) {
      new installed.Webhook(`w${i}`, {
        name: `bench webhook ${i} v${version}`,
        url: `http://127.0.0.1:9/bench/${i}`,
        events: ["meeting.ended"],
      });
    }
    for (let i = 0; i < third; i++) {
      new installed.Preset(`p${i}`, { name: `bench-preset-${i}`, permissions: { kickParticipant: version % 2 === 1 } });
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
  const child = spawn(process.execPath, [cli, "--port", "0", "--latency-ms", String(LATENCY_MS), "--no-rate-limit"], {
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
  cpuMs: { provider: number; cli: number; bench: number };
  changes?: Record<string, number>;
}

function routeOf(request: LoggedRequest, appId: string): { route: string; type: string } {
  const rel = request.path.split(`/${appId}/`)[1] ?? request.path;
  const parts = rel.split("/");
  const type = parts[0];
  const route = parts.map((part, i) => (i === 1 ? ":id" : part)).join("/");
  return { route: `${request.method} ${route}`, type };
}

/** CPU time (ms) of this process's waited-for children (the CLI and what it waited for), from /proc. */
function childrenCpuMs(): number {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // fields[0] is field 3 (state); cutime and cstime are fields 16 and 17
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return 0;
  }
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
    const benchBefore = process.cpuUsage();
    const start = performance.now();
    const result = await run();
    const ms = performance.now() - start;
    const benchCpu = process.cpuUsage(benchBefore);
    const cliCpu = childrenCpuMs() - childrenBefore;
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
        const sample = JSON.parse(fs.readFileSync(path.join(rssDir, file), "utf8")) as { maxRssKb: number; cpuMs: number };
        rss = Math.max(rss ?? 0, sample.maxRssKb);
        providerCpu += sample.cpuMs;
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
    };
    return { ms, requests: requests.length, byRoute, byType, providerMaxRssKb: rss, cpuMs, changes };
  }

  async newStack(kind: Kind, name: string, desired: Desired): Promise<{ stack: Stack; env: OfflineEnvironment; rssDir: string }> {
    const env = offlineEnvironment(`rtk-bench-${name}-`);
    const rssDir = path.join(env.dir, "rss");
    fs.mkdirSync(rssDir);
    Object.assign(env.envVars, {
      NODE_OPTIONS: `--require ${path.join(benchDir, "lib", "rssReporter.js")}`,
      RTK_BENCH_RSS_DIR: rssDir,
      RTK_BENCH_FLOOR_DELAY_MS: String(LATENCY_MS),
      NODE_PATH: [path.join(tmpDir, "node_modules"), env.envVars.NODE_PATH].join(path.delimiter),
      // Diagnostics only: extra engine environment, e.g. '{"PULUMI_SKIP_CHECKPOINTS":"true"}'.
      ...(process.env.RTK_BENCH_ENGINE_ENV ? (JSON.parse(process.env.RTK_BENCH_ENGINE_ENV) as Record<string, string>) : {}),
    });
    const stack = await createInlineStack({
      stackName: name,
      projectName: "rtk-bench",
      program: kind === "floor" ? floorProgram(desired) : providerProgram(desired),
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

async function runStack(bench: Bench, kind: Kind, n: number, rep: number): Promise<StackRun> {
  const desired: Desired = { n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: false };
  await controlCall(bench.emulator, "POST", "reset");
  const { stack, env, rssDir } = await bench.newStack(kind, `${kind}-${n}-r${rep}`, desired);
  try {
    const step = async (label: string, run: () => Promise<never>): Promise<OpResult> => {
      const result = await bench.op(stack, rssDir, run);
      log(`${kind} N=${n} rep ${rep}: ${label} ${(result.ms / 1000).toFixed(2)} s, ${result.requests} requests, ` +
        `cpu ms ${JSON.stringify(result.cpuMs)}` + (result.changes ? ` ${JSON.stringify(result.changes)}` : ""));
      return result;
    };
    const create = await step("up (create)", () => stack.up(opOptions) as never);
    const previewNoop = await step("preview (no-op)", () => stack.preview(opOptions) as never);
    const upNoop = await step("up (no-op)", () => stack.up(opOptions) as never);
    const refresh = await step("refresh", () => stack.refresh(opOptions) as never);
    const state = await stateSize(stack, env);
    desired.version = 1;
    const update = await step("up (update)", () => stack.up(opOptions) as never);
    const destroy = await step("destroy", () => stack.destroy(opOptions) as never);
    return { kind, n, rep, create, previewNoop, upNoop, refresh, update, destroy, state };
  } finally {
    env.dispose();
  }
}

interface DeactivateRun {
  kind: Kind;
  n: number;
  rep: number;
  deactivate: OpResult;
}

/** M meetings with live sessions go INACTIVE in one `up` (floor: M updates). */
async function runDeactivate(bench: Bench, kind: Kind, n: number, rep: number): Promise<DeactivateRun> {
  const desired: Desired = { n, version: 0, meetingStatus: "ACTIVE", meetingsOnly: true };
  await controlCall(bench.emulator, "POST", "reset");
  const { stack, env, rssDir } = await bench.newStack(kind, `deact-${kind}-${n}-r${rep}`, desired);
  try {
    const created = await stack.up(opOptions);
    if (kind === "provider") {
      for (const value of Object.values((await stack.exportStack()).deployment.resources ?? []) as { type: string; id?: string }[]) {
        if (value.type.endsWith(":Meeting") && value.id) await bench.emulator.control.join(value.id, 2);
      }
    }
    void created;
    desired.meetingStatus = "INACTIVE";
    const deactivate = await bench.op(stack, rssDir, () => stack.up(opOptions) as never);
    log(`${kind} deactivate ${n} live: ${(deactivate.ms / 1000).toFixed(2)} s, ${deactivate.requests} requests ${JSON.stringify(deactivate.byRoute)}`);
    return { kind, n, rep, deactivate };
  } finally {
    env.dispose();
  }
}

/** Requests of creating meetings INACTIVE (POST + PATCH by design). */
async function runInactiveCreate(bench: Bench, n: number): Promise<OpResult> {
  const desired: Desired = { n, version: 0, meetingStatus: "INACTIVE", meetingsOnly: true };
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
async function serializedSizes(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const kind of ["meeting", "webhook", "preset"]) {
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

type OpName = "create" | "previewNoop" | "upNoop" | "refresh" | "update" | "destroy";
const OP_LABELS: Record<OpName, string> = {
  create: "`up` creating N objects",
  previewNoop: "no-op `preview`",
  upNoop: "no-op `up`",
  refresh: "`refresh`",
  update: "`up` updating N objects in place",
  destroy: "`destroy`",
};

function summarize(stackRuns: StackRun[], deactivateRuns: DeactivateRun[]) {
  const ops: Record<string, unknown> = {};
  for (const n of NS) {
    for (const op of Object.keys(OP_LABELS) as OpName[]) {
      const pick = (kind: Kind) => stackRuns.filter((r) => r.kind === kind && r.n === n).map((r) => r[op]);
      const floor = pick("floor");
      const ours = pick("provider");
      const floorMs = median(floor.map((r) => r.ms));
      const oursMs = median(ours.map((r) => r.ms));
      ops[`${op}@${n}`] = {
        floorMs: Math.round(floorMs),
        providerMs: Math.round(oursMs),
        ratio: Number((oursMs / floorMs).toFixed(3)),
        providerRequests: median(ours.map((r) => r.requests)),
        providerByRoute: ours[0]?.byRoute,
        providerMaxRssKb: median(ours.map((r) => r.providerMaxRssKb ?? 0)),
        floorMaxRssKb: median(floor.map((r) => r.providerMaxRssKb ?? 0)),
        samplesMs: { floor: floor.map((r) => Math.round(r.ms)), provider: ours.map((r) => Math.round(r.ms)) },
      };
    }
    const stateOf = (kind: Kind) => stackRuns.find((r) => r.kind === kind && r.n === n)?.state;
    ops[`state@${n}`] = { floor: stateOf("floor"), provider: stateOf("provider") };
  }
  const deact = {
    floorMs: Math.round(median(deactivateRuns.filter((r) => r.kind === "floor").map((r) => r.deactivate.ms))),
    providerMs: Math.round(median(deactivateRuns.filter((r) => r.kind === "provider").map((r) => r.deactivate.ms))),
    providerRequests: median(deactivateRuns.filter((r) => r.kind === "provider").map((r) => r.deactivate.requests)),
    providerByRoute: deactivateRuns.find((r) => r.kind === "provider")?.deactivate.byRoute,
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
    { operation: "create meeting (INACTIVE)", measured: inactive ? inactive.requests / 5 : NaN, minimum: 2 },
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

function markdown(result: ReturnType<typeof summarize>, perOp: ReturnType<typeof perOperation>, meta: Record<string, unknown>, sizes: Record<string, number>): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const lines: string[] = [];
  lines.push(`Emulator latency ${LATENCY_MS} ms per response, engine \`--parallel ${PARALLEL}\`, median of ${REPS} runs, ` +
    `${meta.cpus} CPUs, Node ${process.version}, Pulumi CLI ${meta.pulumiVersion}, ${String(meta.date).slice(0, 10)}.`);
  lines.push("");
  const header = ["Operation"];
  for (const n of NS) header.push(`N=${n} floor`, `N=${n} ours`, `ratio`, `requests`);
  lines.push(`| ${header.join(" | ")} |`);
  lines.push(`|${header.map(() => " --- ").join("|")}|`);
  for (const op of Object.keys(OP_LABELS) as OpName[]) {
    const row = [OP_LABELS[op]];
    for (const n of NS) {
      const o = result.ops[`${op}@${n}`] as { floorMs: number; providerMs: number; ratio: number; providerRequests: number };
      row.push(`${s(o.floorMs)} s`, `${s(o.providerMs)} s`, o.ratio.toFixed(2), String(o.providerRequests));
    }
    lines.push(`| ${row.join(" | ")} |`);
  }
  const d = result.deactivate;
  lines.push("");
  lines.push(`Deactivating ${d.n} meetings with live sessions in one \`up\`: floor ${s(d.floorMs)} s, ours ${s(d.providerMs)} s ` +
    `(ratio ${d.ratio.toFixed(2)}), ${d.providerRequests} requests.`);
  lines.push("");
  const nMax = Math.max(...NS);
  const create = result.ops[`create@${nMax}`] as { providerMaxRssKb: number; floorMaxRssKb: number };
  const state = result.ops[`state@${nMax}`] as { floor?: StateSize; provider?: StateSize };
  lines.push(`Peak RSS of the provider process during \`up\` creating ${nMax} objects: ours ${Math.round(create.providerMaxRssKb / 1024)} MiB, ` +
    `floor ${Math.round(create.floorMaxRssKb / 1024)} MiB.`);
  if (state.provider && state.floor) {
    const t = state.provider.perTypeBytes;
    lines.push(`State per resource (N=${nMax}): \`__provider\` ${state.provider.providerBytesPerResource} bytes ` +
      `(${state.provider.providerTextBytes} × 2 copies; by value from sources: ${sizes.meetingFromSources} bytes × 2); ` +
      `whole resource ${state.provider.perResourceBytes} bytes on average (meeting ${t.Meeting}, webhook ${t.Webhook}, preset ${t.Preset}); ` +
      `floor ${state.floor.perResourceBytes} bytes.`);
  }
  lines.push("");
  lines.push("| Requests per operation | measured | API minimum |");
  lines.push("| --- | --- | --- |");
  for (const row of perOp) lines.push(`| ${row.operation} | ${Number.isNaN(row.measured) ? "–" : row.measured} | ${row.minimum} |`);
  return lines.join("\n");
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
  assertBuilt();
  if (args["wait-load"] !== undefined) await waitForLoad(Number(args["wait-load"]));
  const command = await pulumiCommand();
  const meta = {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    node: process.version,
    pulumiVersion: command.version?.toString(),
    loadAtStart: os.loadavg(),
    settings: { ns: NS, reps: REPS, parallel: PARALLEL, latencyMs: LATENCY_MS, deactivateN: DEACTIVATE_N },
  };
  const emulator = await startEmulatorProcess();
  const bench = new Bench(emulator);
  const stackRuns: StackRun[] = [];
  const deactivateRuns: DeactivateRun[] = [];
  let inactive: OpResult | undefined;
  try {
    // Warm-up (not recorded): the first operations of a process pay JIT and module loading.
    for (const kind of ["floor", "provider"] as Kind[]) await runStack(bench, kind, 3, 0);
    for (let rep = 1; rep <= REPS; rep++) {
      const order: Kind[] = rep % 2 === 1 ? ["floor", "provider"] : ["provider", "floor"];
      for (const n of NS) {
        for (const kind of order) stackRuns.push(await runStack(bench, kind, n, rep));
      }
      if (DEACTIVATE_N > 0) {
        for (const kind of order) deactivateRuns.push(await runDeactivate(bench, kind, DEACTIVATE_N, rep));
      }
    }
    inactive = await runInactiveCreate(bench, 5);
  } finally {
    emulator.child.kill("SIGTERM");
  }
  const sizes = await serializedSizes();
  const summary = summarize(stackRuns, deactivateRuns);
  const perOp = perOperation(stackRuns, deactivateRuns, inactive);
  const table = markdown(summary, perOp, { ...meta, loadAtEnd: os.loadavg() }, sizes);
  const results = { ...meta, loadAtEnd: os.loadavg(), serializedSizes: sizes, summary, perOperation: perOp, runs: { stackRuns, deactivateRuns, inactive } };
  console.log(table);
  const outDir = args.dry ? tmpDir : args.out;
  fs.mkdirSync(outDir, { recursive: true });
  const dated = path.join(outDir, `${meta.date.slice(0, 10)}.json`);
  fs.writeFileSync(dated, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, "latest.md"), `${table}\n`);
  log(`wrote ${path.relative(repoRoot, dated)}, latest.json and latest.md in ${path.relative(repoRoot, outDir)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
