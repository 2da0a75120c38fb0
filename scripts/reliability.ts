/**
 * The reliability campaign (`npm run reliability`): every scenario of docs/reliability.md on the
 * real Pulumi engine against the emulator, with the full sample sizes. Writes
 * `bench/results/reliability-<YYYY-MM-DD>.json` and prints the summary table that
 * docs/reliability.md quotes. The CI sample is `test/reliability/*.spec.ts` (same code, smaller).
 *
 *   npm run reliability                          # everything (about 40 minutes on 2 cores)
 *   npm run reliability -- --only transient,secrets
 *   npm run reliability -- --skip-real-rate-limit  # leave out the runs at Cloudflare's real 1,200/300 s
 *   npm run reliability -- --quick               # CI-sized samples, for trying the script out
 *
 * Scenarios: transient, ambiguous, interruption, bad-input, secrets, rate-limit, concurrency.
 * Exit code 0 when every invariant held (known limitations are reported, not counted), 1 otherwise.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { AMBIGUOUS_CASES, runAmbiguousCampaign, type AmbiguousCase } from "../test/reliability/campaign/ambiguous";
import { runBadInputTable, type BadInputSummary } from "../test/reliability/campaign/badInput";
import { runConcurrency, type ConcurrencyResult } from "../test/reliability/campaign/concurrency";
import { transcriptBytes, transcriptLeaks } from "../test/reliability/campaign/fixture";
import {
  describeInterruption,
  runInterruption,
  type InterruptionRun,
  type KillMode,
  type RecoveryMode,
} from "../test/reliability/campaign/interruption";
import { describeRateLimit, runRateLimit, type RateLimitRun } from "../test/reliability/campaign/rateLimit";
import { NEVER_IN_SDK_DEBUG_LINES, runSecretsScenario, type SecretsResult } from "../test/reliability/campaign/secrets";
import { runTransientCampaign, type TransientRun, type TransientSummary } from "../test/reliability/campaign/transient";

const SCENARIOS = ["transient", "ambiguous", "interruption", "bad-input", "secrets", "rate-limit", "concurrency"] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Args {
  readonly only: readonly Scenario[];
  readonly quick: boolean;
  readonly realRateLimit: boolean;
  readonly out?: string;
}

function parseCampaignArgs(argv: string[]): Args {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      quick: { type: "boolean", default: false },
      "skip-real-rate-limit": { type: "boolean", default: false },
      out: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const only = values.only === undefined ? [...SCENARIOS] : (values.only.split(",").map((s) => s.trim()) as Scenario[]);
  const unknown = only.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length > 0) {
    throw new Error(`unknown scenario(s) ${unknown.join(", ")}; choose from ${SCENARIOS.join(", ")}`);
  }
  const quick = values.quick === true;
  return { only, quick, realRateLimit: values["skip-real-rate-limit"] !== true && !quick, out: values.out };
}

const log = (line: string) => console.log(`[reliability] ${line}`);

/** Everything the campaign measured. */
interface CampaignResults {
  transient?: { summary: TransientSummary; runs: TransientRun[] };
  ambiguous?: { cases: AmbiguousCase[]; sameTitleRepeats: AmbiguousCase[] };
  interruption?: InterruptionRun[];
  badInput?: BadInputSummary;
  secrets?: SecretsResult;
  rateLimit?: RateLimitRun[];
  concurrency?: ConcurrencyResult[];
}

async function runCampaign(args: Args): Promise<CampaignResults> {
  const results: CampaignResults = {};
  const q = args.quick;
  for (const scenario of args.only) {
    const started = Date.now();
    log(`--- ${scenario}`);
    if (scenario === "transient") {
      results.transient = await runTransientCampaign({
        runs: q ? 3 : 24,
        objects: 32,
        rate: 0.1,
        seed: 1000,
        timeoutSeconds: 2,
        changes: true,
        log,
      });
    } else if (scenario === "ambiguous") {
      const cases = await runAmbiguousCampaign({
        keyed: q ? 6 : 10,
        meetings: q ? 6 : 12,
        sameTitled: q ? 8 : 12,
        seed: 7,
        timeoutSeconds: 2,
        log,
      });
      const sameTitleRepeats: AmbiguousCase[] = [];
      for (let seed = 8; seed < (q ? 9 : 12); seed++) {
        sameTitleRepeats.push(
          ...(await runAmbiguousCampaign({
            keyed: 0,
            meetings: 0,
            sameTitled: q ? 8 : 12,
            seed,
            timeoutSeconds: 2,
            log,
            only: ["same-title-slow", "same-title-concurrent"],
          })),
        );
      }
      results.ambiguous = { cases, sameTitleRepeats };
    } else if (scenario === "interruption") {
      const plan: [KillMode, RecoveryMode][] = q
        ? [
            ["sigkill", "documented"],
            ["sigint-cli", "up-only"],
          ]
        : [
            ["sigkill", "documented"],
            ["sigkill", "documented"],
            ["sigint-group", "documented"],
            ["sigint-group", "documented"],
            ["sigint-cli", "up-only"],
            ["sigint-cli", "up-only"],
            ["sigkill", "clear-pending"],
            ["sigkill", "up-only"],
            ["provider-kill", "up-only"],
            ["provider-kill", "up-only"],
          ];
      results.interruption = [];
      for (const [i, [mode, recovery]] of plan.entries()) {
        const run = await runInterruption({
          mode,
          recovery,
          objects: 30,
          killAfterPosts: 10 + (i % 3) * 3,
          latencyMs: 400,
          parallel: 8,
          tag: `k${i}`,
        });
        log(describeInterruption(run));
        results.interruption.push(run);
      }
    } else if (scenario === "bad-input") {
      results.badInput = await runBadInputTable({ log });
    } else if (scenario === "secrets") {
      results.secrets = await runSecretsScenario();
      for (const check of results.secrets.checks) {
        log(
          `secrets: ${check.where}: ${check.found.join(", ") || "clean"}${check.inSdkDebugLines.length ? ` (SDK debug lines: ${check.inSdkDebugLines.join(", ")})` : ""}`,
        );
      }
      for (const error of results.secrets.errors) {
        log(`secrets: ${error.case}: names key ${error.namesKey}, token in message ${error.containsToken}: ${error.message}`);
      }
    } else if (scenario === "rate-limit") {
      const scaled = { limit: 120, windowMs: 10_000, lockoutMs: 30_000 };
      const real = { limit: 1200, windowMs: 300_000, lockoutMs: 300_000 };
      const objects = q ? 130 : 460;
      const plan: Parameters<typeof runRateLimit>[0][] = [
        {
          label: "scaled-budget-on",
          objects,
          emulator: scaled,
          budget: { maxRequests: 100, windowSeconds: 10 },
          refreshes: 1,
          separatePhases: true,
        },
        { label: "scaled-budget-off", objects: q ? 60 : objects, emulator: scaled, budget: "off", refreshes: 1, separatePhases: false },
        {
          label: "scaled-budget-on-back-to-back",
          objects: q ? 60 : objects,
          emulator: scaled,
          budget: { maxRequests: 100, windowSeconds: 10 },
          refreshes: 1,
          separatePhases: false,
        },
      ];
      if (args.realRateLimit) {
        plan.push(
          {
            label: "real-default-budget",
            objects,
            emulator: real,
            budget: { maxRequests: 1000, windowSeconds: 300 },
            refreshes: 1,
            separatePhases: true,
          },
          {
            label: "real-default-budget-back-to-back",
            objects,
            emulator: real,
            budget: { maxRequests: 1000, windowSeconds: 300 },
            refreshes: 1,
            separatePhases: false,
          },
          { label: "real-budget-off", objects, emulator: real, budget: "off", refreshes: 1, separatePhases: false },
        );
      }
      results.rateLimit = [];
      for (const options of plan) {
        const run = await runRateLimit(options);
        log(describeRateLimit(run));
        results.rateLimit.push(run);
      }
    } else if (scenario === "concurrency") {
      results.concurrency = [];
      for (let i = 0; i < (q ? 1 : 3); i++) {
        const result = await runConcurrency({ objects: 100, parallel: 32, latencyMs: 100 });
        log(
          `concurrency: up ${result.upOk ? "ok" : "FAILED"} ${result.upMs} ms, duplicates ${result.audit.duplicates}, orphans ` +
            `${result.audit.orphans}, missing ${result.audit.missing}, destroy ${result.destroyOk ? "ok" : "FAILED"}, peak ${result.peakConcurrentRequests} in flight`,
        );
        results.concurrency.push(result);
      }
    }
    log(`${scenario} took ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return results;
}

/** The invariants of docs/reliability.md; known bugs are listed separately. */
function verdicts(r: CampaignResults): { failures: string[]; knownBugs: string[] } {
  const failures: string[] = [];
  const knownBugs: string[] = [];
  if (r.transient) {
    const s = r.transient.summary;
    if (s.failedAfterSecondUp || s.previewWithChanges || s.duplicates || s.orphans || s.missing) {
      failures.push(
        `transient: ${JSON.stringify({ failed: s.failedAfterSecondUp, preview: s.previewWithChanges, dup: s.duplicates, orphans: s.orphans, missing: s.missing })}`,
      );
    }
    const c = s.changes;
    if (
      !c ||
      c.runs !== s.runs - s.failedAfterSecondUp ||
      c.failedAfterSecondUp ||
      c.refreshedPreviewWithChanges ||
      c.duplicates ||
      c.orphans ||
      c.missing ||
      c.removedStillActive ||
      c.liveOnInactive
    ) {
      failures.push(`transient changes: ${JSON.stringify(c ?? "did not run")}`);
    }
  }
  if (r.ambiguous) {
    for (const c of r.ambiguous.cases.filter((x) => !x.name.startsWith("same-title"))) {
      if (c.final.duplicates || c.final.orphans || c.final.missing) {
        failures.push(`ambiguous ${c.name}: ${c.final.problems.join("; ")}`);
      }
    }
    for (const c of [...r.ambiguous.cases, ...r.ambiguous.sameTitleRepeats].filter((x) => x.name.startsWith("same-title"))) {
      if (!c.firstUpOk || c.afterFirstUp.duplicates || c.final.duplicates || c.final.orphans || c.final.missing) {
        failures.push(
          `ambiguous ${c.name}: first up ${c.firstUpOk ? "ok" : `failed (${c.ambiguityErrors} "several meetings")`}, ` +
            `${c.afterFirstUp.duplicates} duplicate(s) after it; final ${c.final.duplicates} duplicate(s), ${c.final.orphans} orphan(s)`,
        );
      }
    }
  }
  // Every recovery converges on the machine that ran the killed `up` (the create journal); the
  // documented one (recover-pending) also on another machine.
  for (const run of r.interruption ?? []) {
    const clean = run.final.duplicates === 0 && run.final.orphans === 0 && run.final.missing === 0 && run.previewNoChanges;
    if (!clean) {
      failures.push(
        `interruption ${run.mode}/${run.recovery}: ${run.unrecorded} objects unrecorded after the kill, then ` +
          `${run.final.problems.join("; ")}`,
      );
    }
  }
  if (r.badInput && (r.badInput.rejected !== r.badInput.cases || r.badInput.apiRequests > 0)) {
    failures.push(`bad input: ${r.badInput.rejected}/${r.badInput.cases} rejected, ${r.badInput.apiRequests} requests`);
  }
  if (r.secrets) {
    for (const check of r.secrets.checks.filter((c) => !c.expected && c.found.length > 0)) {
      failures.push(`secrets: ${check.where}: ${check.found.join(", ")}`);
    }
    for (const check of r.secrets.checks.filter((c) => !c.expected)) {
      const leaked = check.inSdkDebugLines.filter((name) => NEVER_IN_SDK_DEBUG_LINES.includes(name));
      if (leaked.length > 0) {
        failures.push(`secrets: ${check.where}: ${leaked.join(", ")} in the SDK's debug lines`);
      }
    }
    if (!r.secrets.configCredentialsDelivered) {
      failures.push("secrets: the credentials named in credentialsFromConfig did not reach the API");
    }
    for (const error of r.secrets.errors.filter((e) => !e.namesKey || e.containsToken || e.ok)) {
      failures.push(`secrets: ${error.case}: ${error.message}`);
    }
  }
  for (const run of r.rateLimit ?? []) {
    if (run.budget !== "off" && (run.rateLimited > 0 || !run.completed)) {
      failures.push(`rate limit ${run.label}: ${run.rateLimited} × 429, completed ${run.completed}`);
    }
    if (run.budget === "off" && !run.completed) {
      failures.push(`rate limit ${run.label}: ${run.rateLimited} × 429, did not complete`);
    }
  }
  for (const c of r.concurrency ?? []) {
    if (!c.upOk || !c.destroyOk || c.audit.duplicates || c.audit.orphans || c.audit.missing || !c.previewNoChanges) {
      failures.push(`concurrency: ${c.errors.join("; ")} ${c.audit.problems.join("; ")}`);
    }
  }
  const leaks = transcriptLeaks();
  if (leaks.length > 0) {
    failures.push(`credential leaks in engine output / errors: ${JSON.stringify(leaks)}`);
  }
  return { failures, knownBugs };
}

function table(r: CampaignResults): string {
  const rows: [string, string][] = [];
  if (r.transient) {
    const s = r.transient.summary;
    rows.push(["1 transient: runs × objects", `${s.runs} × ${s.objectsPerRun} (fault rate ${s.faultRate * 100} %)`]);
    rows.push(["1 transient: API requests / injected faults", `${s.apiRequests} / ${s.injectedFaults}`]);
    rows.push([
      "1 transient: faults by kind",
      Object.entries(s.faultsByKind)
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join(", "),
    ]);
    rows.push(["1 transient: retries / lookups", `${s.retries} / ${s.lookups}`]);
    rows.push([
      "1 transient: success at first try / after a 2nd up / failed",
      `${s.successAtFirstTry} / ${s.neededSecondUp - s.failedAfterSecondUp} / ${s.failedAfterSecondUp}`,
    ]);
    rows.push([
      "1 transient: preview with changes / duplicates / orphans / missing",
      `${s.previewWithChanges} / ${s.duplicates} / ${s.orphans} / ${s.missing}`,
    ]);
    if (s.changes) {
      const c = s.changes;
      rows.push([
        "1 transient changes: runs × changes / requests / faults / retries",
        `${c.runs} × ${c.changesDeclared / c.runs} / ${c.apiRequests} / ${c.injectedFaults} / ${c.retries}`,
      ]);
      rows.push([
        "1 transient changes: ok at first try / failed twice / refresh+preview dirty",
        `${c.successAtFirstTry} / ${c.failedAfterSecondUp} / ${c.refreshedPreviewWithChanges}`,
      ]);
      rows.push([
        "1 transient changes: dup / orphans / missing / removed active / live on inactive",
        `${c.duplicates} / ${c.orphans} / ${c.missing} / ${c.removedStillActive} / ${c.liveOnInactive}`,
      ]);
    }
  }
  if (r.ambiguous) {
    for (const c of [...r.ambiguous.cases, ...r.ambiguous.sameTitleRepeats]) {
      rows.push([
        `2 ambiguous ${c.name}`,
        `${c.objects} objects, ${c.lostAfterCommit} lost after commit, ${c.failedBeforeCommit} failed before, ` +
          `${c.slowSuccess} slow; 1st up ${c.firstUpOk ? "ok" : `failed (${c.ambiguityErrors} "several meetings")`}; ` +
          `after 1st up dup ${c.afterFirstUp.duplicates}; final dup ${c.final.duplicates}, orphans ${c.final.orphans}, missing ${c.final.missing}`,
      ]);
    }
  }
  for (const run of r.interruption ?? []) {
    rows.push([
      `3 interruption ${run.mode} → ${run.recovery}`,
      `${run.postsAtKill} creates sent, ${run.pendingCreates} pending, ` +
        `${run.unrecorded} unrecorded, lock ${run.lockLeft ? "left" : "released"}; final dup ${run.final.duplicates}, ` +
        `orphans ${run.final.orphans}, missing ${run.final.missing}; steps ${run.steps.filter((s) => s.ok).length}/${run.steps.length} ok`,
    ]);
  }
  if (r.badInput) {
    const by = (t: string) => r.badInput?.results.filter((x) => x.target === t && x.rejected).length;
    rows.push([
      "4 bad input: rejected / cases",
      `${r.badInput.rejected} / ${r.badInput.cases} (Meeting ${by("Meeting")}, Webhook ${by("Webhook")}, ` +
        `Preset ${by("Preset")}, config file ${by("config file")}, stack config ${by("stack config")}); ${r.badInput.previews} previews; ` +
        `${r.badInput.apiRequests} API requests`,
    ]);
  }
  if (r.secrets) {
    const leaking = r.secrets.checks.filter((c) => c.found.length > 0 && !c.expected).map((c) => c.where);
    const sdk = r.secrets.checks.filter((c) => c.inSdkDebugLines.length > 0).map((c) => `${c.where}: ${c.inSdkDebugLines.join(", ")}`);
    rows.push(["5 secrets: places searched / with a credential", `${r.secrets.checks.length} / ${leaking.join("; ") || "none"}`]);
    rows.push(["5 secrets: credentials in the SDK's own debug lines (literal storage keys expected)", sdk.join("; ") || "none"]);
    rows.push(["5 secrets: credentialsFromConfig values reached the API", r.secrets.configCredentialsDelivered ? "yes" : "NO"]);
    rows.push([
      "5 secrets: PULUMI_DEBUG_GRPC log (by design)",
      r.secrets.checks
        .filter((c) => c.expected)
        .map((c) => c.found.join(", ") || "clean")
        .join("; "),
    ]);
    for (const error of r.secrets.errors) {
      rows.push([
        `5 secrets: ${error.case}`,
        `names key ${error.namesKey ? "yes" : "NO"}, token in message ${error.containsToken ? "YES" : "no"}, writes ${error.writes}`,
      ]);
    }
  }
  for (const run of r.rateLimit ?? []) {
    rows.push([
      `6 rate limit ${run.label}`,
      `${run.objects} objects, ${run.requests} requests, ${run.rateLimited} × 429, ${run.retries} retries, ` +
        `${run.completed ? "completed" : "FAILED"} in ${Math.round(run.durationMs / 1000)} s`,
    ]);
  }
  for (const [i, c] of (r.concurrency ?? []).entries()) {
    rows.push([
      `7 concurrency #${i + 1}`,
      `${c.objects} objects --parallel ${c.parallel}: up ${c.upOk ? "ok" : "FAILED"} ${(c.upMs / 1000).toFixed(1)} s, ` +
        `dup ${c.audit.duplicates}, orphans ${c.audit.orphans}, missing ${c.audit.missing}, destroy ${c.destroyOk ? "ok" : "FAILED"}`,
    ]);
  }
  rows.push([
    "credential leaks in all engine output and errors",
    `${transcriptLeaks().length} (${Math.round(transcriptBytes() / 1024)} KiB searched)`,
  ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

async function main(): Promise<void> {
  const args = parseCampaignArgs(process.argv.slice(2));
  const started = new Date();
  log(`campaign ${args.quick ? "(quick) " : ""}started ${started.toISOString()}: ${args.only.join(", ")}`);
  const results = await runCampaign(args);
  const { failures, knownBugs } = verdicts(results);
  const date = started.toISOString().slice(0, 10);
  const out = args.out ?? path.join(__dirname, "..", "bench", "results", `reliability-${date}${args.quick ? "-quick" : ""}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    `${JSON.stringify(
      {
        started: started.toISOString(),
        finished: new Date().toISOString(),
        durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
        node: process.version,
        args,
        failures,
        knownBugs,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\n${table(results)}\n`);
  log(`wrote ${path.relative(process.cwd(), out)} (${Math.round((Date.now() - started.getTime()) / 1000)} s)`);
  for (const bug of knownBugs) {
    log(`known bug: ${bug}`);
  }
  for (const failure of failures) {
    log(`FAILED: ${failure}`);
  }
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});

// Keep the scenario list and the ambiguous case names in one place for --help readers.
void AMBIGUOUS_CASES;
