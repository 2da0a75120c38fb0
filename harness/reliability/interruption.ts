/**
 * Scenario 3, interruption: `pulumi up` of 30 objects is killed while the objects are being created
 * (emulator latency keeps the run slow), then recovered.
 *
 * How it is killed (`mode`):
 * - `sigkill`: SIGKILL to every process of the job (Automation API host, `pulumi`, the provider
 *   process), like a CI runner that kills the job's process tree;
 * - `sigint-group`: SIGINT to the job's process group (Automation API host and `pulumi`; the provider
 *   runs in a group of its own), like Ctrl-C in a terminal; the host dies at once, so `pulumi` loses
 *   its program and cannot finish cleanly;
 * - `sigint-cli`: SIGINT to `pulumi` only (what the Automation API's `signal` option sends): the
 *   engine cancels gracefully and waits for the operations in flight;
 * - `provider-kill`: SIGKILL to the dynamic-provider process alone (a crash, the OOM killer): the
 *   engine sees its in-flight calls fail and ends the `up` with errors.
 *
 * How it is recovered (`recovery`):
 * - `documented` (docs/reliability.md): `pulumi cancel` (removes the dead run's lock) → recover the
 *   pending creates by natural key (`recoverPending.ts`) → `pulumi refresh` → `pulumi up`;
 * - `clear-pending`: `pulumi cancel` → `pulumi refresh --clear-pending-creates` → `pulumi up`
 *   (measured to show what it loses);
 * - `up-only`: `pulumi cancel` → `pulumi up` (what an unattended pipeline does on its next run).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { audit, type AuditResult } from "./audit";
import { startReliabilityFixture, tail, transcript, type OpOutcome } from "./fixture";
import { mixedWorkload, objectCount } from "./program";
import { recoverPendingCreates, type PendingDecision } from "./recoverPending";
import type { ChildSpec } from "./upChild";
import { sleep } from "../../common/sleep";

export type KillMode = "sigkill" | "sigint-group" | "sigint-cli" | "provider-kill";
export type RecoveryMode = "documented" | "clear-pending" | "up-only";

/** Parameters of one interruption run. */
export interface InterruptionOptions {
  readonly mode: KillMode;
  readonly recovery: RecoveryMode;
  readonly objects: number;
  /** Kill once this many create POSTs reached the emulator. */
  readonly killAfterPosts: number;
  readonly latencyMs: number;
  readonly parallel: number;
  readonly tag: string;
}

/** What one run found. */
export interface InterruptionRun {
  readonly mode: KillMode;
  readonly recovery: RecoveryMode;
  readonly objects: number;
  /** Creates that had reached the emulator when the kill was sent. */
  readonly postsAtKill: number;
  /** Processes of the job still alive 2 s after the kill (then killed by the harness). */
  readonly survivors: number;
  /** How the interrupted `up` ended: exit code or signal of the Automation API host. */
  readonly childExit: string;
  readonly lockLeft: boolean;
  readonly pendingCreates: number;
  /** Objects in the emulator that the state did not record right after the kill. */
  readonly unrecorded: number;
  readonly decisions: PendingDecision[];
  readonly steps: { step: string; ok: boolean; detail?: string }[];
  readonly final: AuditResult;
  readonly previewNoChanges: boolean;
  readonly durationMs: number;
}

const repoRoot = path.resolve(__dirname, "..", "..");

/** Direct children of every process, from /proc. */
function childrenMap(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const map = childrenMap();
  const all: number[] = [];
  const walk = (p: number) => {
    all.push(p);
    for (const child of map.get(p) ?? []) {
      walk(child);
    }
  };
  walk(pid);
  return all;
}

/** Whether a process exists and is not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/State:\s+Z/.test(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** Runs one interrupted `up` and its recovery. */
export async function runInterruption(options: InterruptionOptions): Promise<InterruptionRun> {
  const started = Date.now();
  const workload = mixedWorkload(options.objects, options.tag);
  const fixture = await startReliabilityFixture({
    stackName: `interrupt-${options.tag}`,
    workload,
    emulator: { latencyMs: options.latencyMs },
  });
  try {
    const spec: ChildSpec = {
      stackName: fixture.stack.name,
      projectName: "realtimekit-reliability",
      envVars: fixture.offline.envVars,
      pulumiHome: fixture.offline.pulumiHome,
      dir: fixture.offline.dir,
      workload,
      config: await fixture.stack.getAllConfig(),
      parallel: options.parallel,
    };
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "upChild.ts")], {
      cwd: repoRoot,
      detached: true, // a process group of its own, like a CI job
      env: { ...process.env, RTK_CHILD_SPEC: JSON.stringify(spec) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let childOutput = "";
    child.stdout.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (childOutput += chunk.toString()));
    const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? `exit ${code}`)));
    const posts = () => fixture.emulator.requests().filter((entry) => entry.method === "POST").length;

    const deadline = Date.now() + 120_000;
    while (posts() < options.killAfterPosts) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the up to interrupt ended or stalled before ${options.killAfterPosts} creates:\n${tail(childOutput, 30)}`);
      }
      await sleep(50);
    }
    if (options.mode === "sigkill") {
      // The engine records a pending create in its checkpoint before it calls the provider, but the
      // file can lag behind the POSTs on a loaded machine: kill only once the file shows one.
      const stacksDir = path.join(fixture.offline.dir, "state", ".pulumi", "stacks");
      while (recordedPendingCreates(stacksDir) === 0) {
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(
            `the up to interrupt ended or stalled before its checkpoint recorded a pending create:\n${tail(childOutput, 30)}`,
          );
        }
        await sleep(20);
      }
    }
    const postsAtKill = posts();
    const tree = processTree(child.pid as number);
    if (options.mode === "sigkill") {
      for (const pid of tree) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // gone already
        }
      }
    } else if (options.mode === "sigint-group") {
      process.kill(-(child.pid as number), "SIGINT");
    } else if (options.mode === "provider-kill") {
      const providers = tree.filter((pid) => /pulumi-resource-pulumi-nodejs|dynamic-provider/.test(commandOf(pid)));
      if (providers.length === 0) {
        throw new Error("no dynamic-provider process found under the Automation API host");
      }
      for (const pid of providers) {
        process.kill(pid, "SIGKILL");
      }
    } else {
      const cli = tree.find((pid) => /\bbin\/pulumi\s+up\b/.test(commandOf(pid)));
      if (cli === undefined) {
        throw new Error("no pulumi process found under the Automation API host");
      }
      process.kill(cli, "SIGINT");
    }
    const childExit = await Promise.race([exited, sleep(60_000).then(() => "still running after 60 s")]);
    await sleep(2000);
    const leftovers = tree.filter(alive);
    for (const pid of leftovers) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone already
      }
    }
    transcript.push({ label: `interrupted up (${options.mode})`, text: childOutput });

    const lockDir = path.join(fixture.offline.dir, "state", ".pulumi", "locks");
    const lockLeft = fs.existsSync(lockDir) && listFiles(lockDir).length > 0;
    const restored = restoreTruncatedCheckpoints(path.join(fixture.offline.dir, "state", ".pulumi", "stacks"));
    const deployment = await fixture.deployment();
    const pendingCreates = (deployment.pending_operations ?? []).filter((op) => (op as { type?: string }).type === "creating").length;
    const unrecorded = audit(fixture.emulator, await fixture.resources(), workload).orphans;

    const steps: InterruptionRun["steps"] = [];
    if (restored.length > 0) {
      steps.push({ step: `restore ${restored.length} truncated checkpoint(s) from .json.bak`, ok: true });
    }
    const record = (step: string, outcome: OpOutcome) =>
      steps.push({ step, ok: outcome.ok, detail: outcome.ok ? undefined : tail(outcome.error, 8) });
    let decisions: PendingDecision[] = [];
    if (lockLeft) {
      try {
        await fixture.stack.cancel();
        steps.push({ step: "pulumi cancel", ok: true });
      } catch (error) {
        steps.push({ step: "pulumi cancel", ok: false, detail: String(error).slice(0, 500) });
      }
    }
    if (options.recovery === "documented") {
      decisions = await recoverPendingCreates(fixture.stack, fixture.offline, fixture.emulator);
      steps.push({
        step:
          `recover pending creates (${decisions.filter((d) => d.action === "import").length} imported, ` +
          `${decisions.filter((d) => d.action === "clear").length} cleared)`,
        ok: true,
      });
      record("pulumi refresh", await fixture.run("refresh"));
      record("pulumi up", await fixture.run("up"));
    } else if (options.recovery === "clear-pending") {
      record("pulumi refresh --clear-pending-creates", await fixture.run("refresh", { clearPendingCreates: true }));
      record("pulumi up", await fixture.run("up"));
    } else {
      record("pulumi up", await fixture.run("up"));
    }
    const preview = await fixture.run("preview", { expectNoChanges: true });
    return {
      mode: options.mode,
      recovery: options.recovery,
      objects: objectCount(workload),
      postsAtKill,
      survivors: leftovers.length,
      childExit,
      lockLeft,
      pendingCreates,
      unrecorded,
      decisions,
      steps,
      final: audit(fixture.emulator, await fixture.resources(), workload),
      previewNoChanges: preview.ok,
      durationMs: Date.now() - started,
    };
  } finally {
    await fixture.dispose();
  }
}

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

/** One-line description of a run. */
export function describeInterruption(run: InterruptionRun): string {
  return (
    `interrupt ${run.mode} + ${run.recovery}: ${run.postsAtKill} creates sent at the kill, child ${run.childExit}, ` +
    `${run.survivors} survivors, lock ${run.lockLeft ? "left" : "released"}, ${run.pendingCreates} pending creates, ` +
    `${run.unrecorded} unrecorded objects; steps: ${run.steps.map((s) => `${s.step} ${s.ok ? "ok" : "FAILED"}`).join(" → ")}; ` +
    `final: duplicates ${run.final.duplicates}, orphans ${run.final.orphans}, missing ${run.final.missing}, ` +
    `preview ${run.previewNoChanges ? "no changes" : "CHANGES"} (${Math.round(run.durationMs / 1000)} s)`
  );
}

/** Pending creates recorded in the stack checkpoints under `stacksDir` (0 while a file is being written). */
function recordedPendingCreates(stacksDir: string): number {
  if (!fs.existsSync(stacksDir)) {
    return 0;
  }
  let count = 0;
  for (const file of listFiles(stacksDir).filter((name) => name.endsWith(".json"))) {
    try {
      const checkpoint = JSON.parse(fs.readFileSync(file, "utf8")) as {
        checkpoint?: { latest?: { pending_operations?: { type?: string }[] } };
      };
      count += (checkpoint.checkpoint?.latest?.pending_operations ?? []).filter((op) => op.type === "creating").length;
    } catch {
      // caught mid-write: look again
    }
  }
  return count;
}

/**
 * A SIGKILL can land while the file backend writes a checkpoint, leaving `<stack>.json` empty or cut
 * short ("failed to load checkpoint: EOF"). The backend keeps the previous checkpoint as
 * `<stack>.json.bak`: put it back (step 0 of the documented recovery). Returns the restored files.
 */
export function restoreTruncatedCheckpoints(stacksDir: string): string[] {
  const restored: string[] = [];
  if (!fs.existsSync(stacksDir)) {
    return restored;
  }
  for (const file of listFiles(stacksDir).filter((name) => name.endsWith(".json"))) {
    try {
      JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      const backup = `${file}.bak`;
      if (fs.existsSync(backup)) {
        fs.copyFileSync(backup, file);
        restored.push(file);
      }
    }
  }
  return restored;
}
