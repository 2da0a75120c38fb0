/**
 * The stacks of a run and what they share. A {@link Bench} holds the emulator, the packages the
 * stacks run and the run's settings; a {@link Lane} is one stack of a kind (floor, provider,
 * baseline) with the program's description; {@link stepAll} runs one operation on every lane in turn.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { createInlineStack, offlineEnvironment, providerConfig, repoRoot, type OfflineEnvironment } from "../../harness/offlineEngine";
import { buildBaseline } from "./baseline";
import { controlCall, startEmulatorProcess, type EmulatorProcess, type RateLimit } from "./emulatorProcess";
import { log } from "./log";
import { measureOp, type OperationOutcome, type OpResult } from "./measure";
import { installFloor, loadInstalled, snapshotInstalled, type InstalledPackage } from "./packages";
import { floorProgram, providerProgram, type Desired, type Kind } from "./programs";

/** What every stack of a run is set up with: the command line's settings and the diagnostics (not in results). */
export interface BenchSettings {
  /** The engine's `--parallel`. */
  parallel: number;
  /** The emulator's latency per response, which the floor provider waits too. */
  latencyMs: number;
  /** bench/tmp: the floor provider's node_modules, the snapshot of the package, the `--baseline` builds. */
  tmpDir: string;
  /** RTK_BENCH_MIX: "meeting", "webhook" or "preset" makes all N objects of the provider's stacks one type. */
  mix?: string;
  /** RTK_BENCH_ENGINE_ENV: extra engine environment for every stack, e.g. `{ "PULUMI_SKIP_CHECKPOINTS": "true" }`. */
  engineEnv: Record<string, string>;
  /** RTK_BENCH_DUMP_STATE: where to write the exported states, if anywhere. */
  dumpStateDir?: string;
}

/** A run's emulator, the packages its stacks run, and its settings. */
export interface Bench {
  readonly settings: BenchSettings;
  readonly emulator: EmulatorProcess;
  readonly floorProvider: pulumi.dynamic.ResourceProvider;
  /** The current build, as installed (see {@link snapshotInstalled}). */
  readonly current: InstalledPackage;
  /** The `--baseline` revision's build, when the run has one. */
  readonly baseline?: InstalledPackage & { sha: string };
  /** The options of every engine operation. */
  readonly opOptions: { color: "never"; parallel: number };
}

/**
 * Installs the floor, builds the `--baseline` revision when `baseline` names one, starts the emulator
 * (with `rateLimit` when given) and snapshots the installed package. {@link closeBench} undoes it.
 */
export async function openBench(settings: BenchSettings, options: { rateLimit?: RateLimit; baseline?: string }): Promise<Bench> {
  const floorProvider = installFloor(settings.tmpDir);
  let baseline: Bench["baseline"];
  if (options.baseline !== undefined) {
    const { dir, sha } = buildBaseline(repoRoot, settings.tmpDir, options.baseline);
    baseline = { dir, sha, pkg: loadInstalled(dir) };
    log(`baseline lane: the provider at ${sha} (${path.relative(repoRoot, dir)})`);
  }
  const emulator = await startEmulatorProcess({ latencyMs: settings.latencyMs, rateLimit: options.rateLimit });
  const current = snapshotInstalled(settings.tmpDir);
  return { settings, emulator, floorProvider, current, baseline, opOptions: { color: "never", parallel: settings.parallel } };
}

/** Stops the emulator and removes the package's snapshot. */
export function closeBench(bench: Bench): void {
  bench.emulator.child.kill("SIGTERM");
  fs.rmSync(bench.current.dir, { recursive: true, force: true });
}

/** The kinds of stack the run compares: the floor and the current build, and the baseline when there is one. */
export function laneKinds(bench: Bench): Kind[] {
  return bench.baseline === undefined ? ["floor", "provider"] : ["floor", "provider", "baseline"];
}

/** The installed package a kind of stack runs, or undefined for the floor. */
function installedFor(bench: Bench, kind: Kind): InstalledPackage | undefined {
  if (kind === "floor") return undefined;
  if (kind === "provider") return bench.current;
  if (bench.baseline === undefined) throw new Error("a baseline lane needs --baseline");
  return bench.baseline;
}

/**
 * A fresh stack in an offline environment of its own, running `kind`'s program on `desired`, with
 * the provider process's RSS samples going to the returned `rssDir`.
 */
export async function newStack(
  bench: Bench,
  kind: Kind,
  name: string,
  desired: Desired,
): Promise<{ stack: Stack; env: OfflineEnvironment; rssDir: string }> {
  const { settings } = bench;
  const env = offlineEnvironment(`rtk-bench-${name}-`);
  const rssDir = path.join(env.dir, "rss");
  fs.mkdirSync(rssDir);
  Object.assign(env.envVars, {
    NODE_OPTIONS: `--require ${path.join(__dirname, "rssReporter.js")}`,
    RTK_BENCH_RSS_DIR: rssDir,
    RTK_BENCH_FLOOR_DELAY_MS: String(settings.latencyMs),
    // The request budget remembers earlier provider processes on the same token (budgetStore.ts).
    // Each benchmark stack keeps its own memory: its operations count against each other, as a
    // user's back-to-back operations do (at most ~650 requests, under the default 1,000 per 5
    // minutes, so never held back), but not the other stacks' (the benchmark sends ~2,000 requests
    // within minutes on one token). The store's cost stays in the figures, as users pay it.
    REALTIMEKIT_STATE_DIR: path.join(env.dir, "budget"),
    // Its name before the create journal shared the folder: for `--baseline` lanes of older revisions.
    REALTIMEKIT_BUDGET_STATE_DIR: path.join(env.dir, "budget"),
    // Where the provider process finds the floor (see installFloor).
    NODE_PATH: [path.join(settings.tmpDir, "node_modules"), env.envVars.NODE_PATH].join(path.delimiter),
    ...settings.engineEnv,
  });
  const installed = installedFor(bench, kind);
  const stack = await createInlineStack({
    stackName: name,
    projectName: "rtk-bench",
    program: installed ? providerProgram(desired, installed.pkg, settings.mix) : floorProgram(desired, bench.floorProvider),
    // the provider process runs (and resolves pulumi-realtimekit) in the package's folder
    main: installed?.dir,
    env,
    config: providerConfig(bench.emulator.target),
  });
  return { stack, env, rssDir };
}

/** One stack of the benchmark with the program's description and where its plugin samples go. */
export interface Lane {
  kind: Kind;
  desired: Desired;
  stack: Stack;
  env: OfflineEnvironment;
  rssDir: string;
}

/**
 * Resets the emulator and opens one lane per kind of `order`, named `<prefix>-<kind>`, each with its
 * own copy of `desired` (tagged with the kind, so that names unique per app do not collide).
 */
export async function openLanes(bench: Bench, prefix: string, order: Kind[], desired: Omit<Desired, "tag">): Promise<Lane[]> {
  await controlCall(bench.emulator, "POST", "reset");
  const lanes: Lane[] = [];
  for (const kind of order) {
    const d = { ...desired, tag: kind };
    const { stack, env, rssDir } = await newStack(bench, kind, `${prefix}-${kind}`, d);
    lanes.push({ kind, desired: d, stack, env, rssDir });
  }
  return lanes;
}

/** Removes the lanes' offline environments (backends, workspaces, samples). */
export function closeLanes(lanes: Lane[]): void {
  for (const lane of lanes) lane.env.dispose();
}

/**
 * Runs one operation on every lane in turn (floor and provider interleaved operation by operation,
 * so both see the same machine conditions).
 */
export async function stepAll(
  bench: Bench,
  lanes: Lane[],
  label: string,
  run: (lane: Lane) => Promise<OperationOutcome>,
): Promise<Map<Kind, OpResult>> {
  const results = new Map<Kind, OpResult>();
  for (const lane of lanes) {
    const result = await measureOp(bench.emulator, lane.rssDir, () => run(lane));
    log(
      `${lane.kind} ${label}: ${(result.ms / 1000).toFixed(2)} s, ${result.requests} requests, ` +
        `cpu ms ${JSON.stringify(result.cpuMs)}` +
        (result.changes ? ` ${JSON.stringify(result.changes)}` : ""),
    );
    results.set(lane.kind, result);
  }
  return results;
}
