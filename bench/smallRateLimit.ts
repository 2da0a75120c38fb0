/**
 * `pulumi up` of N webhooks under a small rate limit, as a user runs it: a TypeScript project in a
 * folder outside the repository, the package installed from its `npm pack` tarball, the emulator
 * limiting to `--limit` requests per `--window-seconds` (lockout as long as the window) and the
 * provider's request budget set to the same (`realtimekit:maxRequestsPerWindow`,
 * `realtimekit:rateLimitWindowSeconds`). Prints one progress line per step on stderr, then a table
 * on stdout: the wall time of the plain `pulumi up --yes`, the requests the emulator received and
 * its 429 answers, the webhooks created, and the budget waits the CLI printed in its "Diagnostics:"
 * section (how many, and the lines). Writes the figures to
 * `bench/results/small-rate-limit-<date>.json` (or `--out <dir>`).
 *
 *   npm run bench:small-rate-limit -- [--count 40] [--limit 20] [--window-seconds 10] [--timeout 300]
 *     [--baseline <git-rev>] [--baseline-timeout 300] [--out bench/results]
 *
 * `--baseline` measures the package built from that revision too (bench/lib/baseline.ts, then
 * `npm pack`), in a column of its own, with its own emulator, stack and provider state; an `up`
 * still running after its timeout is stopped (Ctrl-C twice) and reported with what it had created.
 * Each `up`'s whole output is kept in bench/tmp/small-rate-limit/. Requires the built package
 * (`npm run bench:small-rate-limit` builds it through scripts/run.sh).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../emulator";
import { budgetWaits, diagnosticsOf } from "../harness/cliDiagnostics";
import { assertBuilt, offlineEnvironment, pulumiRoot, repoRoot } from "../harness/offlineEngine";
import { npmInstall, packedTarball, packTarball } from "../harness/packedPackage";
import { PulumiProject, runCommand, userShellEnvironment, writeFiles } from "../harness/pulumiProject";
import { buildBaseline } from "./lib/baseline";
import { log } from "./lib/log";
import { RESULTS_DIR, TMP_DIR } from "./lib/reportFiles";
import { smallRateLimitReport, type SmallRateLimitLane, type SmallRateLimitResults, type UpOutcome } from "./lib/smallRateLimitTable";

/** The command line's settings. */
interface Settings {
  readonly count: number;
  readonly limit: number;
  readonly windowSeconds: number;
  readonly timeoutSeconds: number;
  readonly baseline?: string;
  readonly baselineTimeoutSeconds: number;
  readonly out: string;
}

/** One package to measure: its column label, the revision it was built from and its tarball. */
interface PackageUnderTest {
  readonly label: string;
  readonly revision: string;
  readonly tarball: string;
  readonly timeoutSeconds: number;
}

/** Where each `up`'s whole output is kept. */
const LOG_DIR = path.join(TMP_DIR, "small-rate-limit");

function parseSettings(): Settings {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "40" },
      limit: { type: "string", default: "20" },
      "window-seconds": { type: "string", default: "10" },
      timeout: { type: "string", default: "300" },
      baseline: { type: "string" },
      "baseline-timeout": { type: "string", default: "300" },
      out: { type: "string", default: RESULTS_DIR },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${String(values[name])}`);
    return value;
  };
  return {
    count: positive("count"),
    limit: positive("limit"),
    windowSeconds: positive("window-seconds"),
    timeoutSeconds: positive("timeout"),
    baseline: values.baseline,
    baselineTimeoutSeconds: positive("baseline-timeout"),
    out: path.resolve(values.out!),
  };
}

/** The user's program: `count` webhooks, each one create request. */
function webhookProgram(count: number): string {
  return `import { Webhook } from "pulumi-realtimekit";

for (let i = 0; i < ${count}; i++) {
  new Webhook(\`hook-\${i}\`, { name: \`hook \${i}\`, url: \`https://hooks.example.com/rtk/\${i}\`, events: ["meeting.ended"] });
}
`;
}

/** The checkout's short commit, with "+changes" when it has uncommitted changes. */
function currentRevision(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repoRoot, encoding: "utf8" }).trim();
  return `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") === "" ? "" : "+changes"}`;
}

/**
 * Sets up a project for `pkg` (its own emulator, backend and provider state), runs `pulumi up --yes`
 * and reads what it did from the emulator and the CLI's output.
 */
async function measure(pkg: PackageUnderTest, settings: Settings): Promise<SmallRateLimitLane> {
  const step = (text: string) => log(`${pkg.label} (${pkg.revision}): ${text}`);
  const env = offlineEnvironment("rtk-bench-small-rate-limit-");
  const emulator = await startEmulator({
    rateLimit: { limit: settings.limit, windowMs: settings.windowSeconds * 1000, lockoutMs: settings.windowSeconds * 1000 },
  });
  try {
    const dir = path.join(env.dir, "project");
    const quickstart = path.join(repoRoot, "examples", "quickstart");
    writeFiles(dir, {
      "Pulumi.yaml": "name: rtk-bench-small-rate-limit\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
      "package.json": fs.readFileSync(path.join(quickstart, "package.json"), "utf8"),
      "tsconfig.json": fs.readFileSync(path.join(quickstart, "tsconfig.json"), "utf8"),
      "index.ts": webhookProgram(settings.count),
    });
    step(`npm install of ${path.basename(pkg.tarball)} into ${dir}`);
    await npmInstall(dir, [pkg.tarball]);

    const project = new PulumiProject({
      dir,
      env,
      extraEnv: { REALTIMEKIT_STATE_DIR: path.join(env.dir, "provider-state") },
      secrets: [emulator.token],
    });
    step(`stack init and config (emulator ${emulator.url}, limit ${settings.limit} per ${settings.windowSeconds} s)`);
    const quiet = { quiet: true };
    await project.pulumi(["stack", "init", "bench"], quiet);
    for (const [key, value] of [
      ["realtimekit:apiBaseUrl", emulator.url],
      ["realtimekit:accountId", emulator.accountId],
      ["realtimekit:appId", emulator.appId],
      ["realtimekit:maxRequestsPerWindow", String(settings.limit)],
      ["realtimekit:rateLimitWindowSeconds", String(settings.windowSeconds)],
    ]) {
      await project.pulumi(["config", "set", key, value], quiet);
    }
    await project.pulumi(["config", "set", "--secret", "realtimekit:apiToken", "--", emulator.token], quiet);

    step(`pulumi up --yes (${settings.count} webhooks; stopped after ${pkg.timeoutSeconds} s)`);
    const from = emulator.requests().length;
    const up = await project.pulumi(["up", "--yes"], { allowFailure: true, timeoutSeconds: pkg.timeoutSeconds });
    const requests = emulator.requests().slice(from);
    const created = emulator.state().webhooks.length;
    const outcome: UpOutcome = up.timedOut ? "timed out" : up.code === 0 ? "finished" : "failed";
    const logFile = path.join(LOG_DIR, `${pkg.label}-${pkg.revision}.log`);
    fs.mkdirSync(LOG_DIR, { recursive: true });
    fs.writeFileSync(logFile, `$ ${up.command}\n${up.stdout}\n--- stderr\n${up.stderr}`.split(emulator.token).join("<secret>"));
    step(
      `${outcome} in ${up.seconds.toFixed(1)} s, ${created} of ${settings.count} webhooks created, ` +
        `${requests.length} requests (output in ${path.relative(repoRoot, logFile)})`,
    );
    return {
      label: pkg.label,
      revision: pkg.revision,
      outcome,
      exitCode: up.code,
      wallSeconds: up.seconds,
      timeoutSeconds: pkg.timeoutSeconds,
      requests: requests.length,
      tooManyRequests: requests.filter((request) => request.status === 429).length,
      created,
      budgetWaits: budgetWaits(diagnosticsOf(up.stdout)),
    };
  } finally {
    await emulator.close();
    env.dispose();
  }
}

/** The packages to measure: the current build, and the `--baseline` revision's when given. */
async function packages(settings: Settings): Promise<PackageUnderTest[]> {
  const revision = currentRevision();
  log(`current (${revision}): npm pack of the build`);
  const current = { label: "current", revision, tarball: await packedTarball(), timeoutSeconds: settings.timeoutSeconds };
  if (settings.baseline === undefined) return [current];
  log(`baseline (${settings.baseline}): build of provider/ at that revision, then npm pack`);
  const { dir, sha } = buildBaseline(repoRoot, TMP_DIR, settings.baseline);
  const tarball = await packTarball(path.join(dir, "node_modules", "pulumi-realtimekit"));
  return [current, { label: "baseline", revision: sha, tarball, timeoutSeconds: settings.baselineTimeoutSeconds }];
}

async function main(): Promise<void> {
  const settings = parseSettings();
  assertBuilt();
  const started = new Date().toISOString();
  const pulumi = (
    await runCommand(path.join(pulumiRoot(), "bin", "pulumi"), ["version"], { cwd: repoRoot, env: userShellEnvironment() })
  ).stdout.trim();
  const lanes: SmallRateLimitLane[] = [];
  for (const pkg of await packages(settings)) lanes.push(await measure(pkg, settings));
  const results: SmallRateLimitResults = {
    started,
    settings: { count: settings.count, limit: settings.limit, windowSeconds: settings.windowSeconds },
    machine: { cpus: os.cpus().length, node: process.version, pulumi: pulumi.replace(/^v/, ""), loadAverage: os.loadavg() },
    lanes,
  };
  fs.mkdirSync(settings.out, { recursive: true });
  const file = path.join(settings.out, `small-rate-limit-${started.slice(0, 10)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`results in ${path.relative(repoRoot, file)}`);
  console.log(smallRateLimitReport(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
