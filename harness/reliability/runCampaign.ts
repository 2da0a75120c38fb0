/**
 * The reliability campaign (`npm run reliability`): every scenario of docs/reliability.md with the
 * campaign's sample sizes (CI-sized with `quick`), then the search for leaked credentials and the
 * verdict, as the results file records them.
 */
import * as os from "node:os";
import { runAmbiguousCampaign, type AmbiguousCase } from "./ambiguous";
import { runBadInputTable } from "./badInput";
import { runConcurrency } from "./concurrency";
import { transcriptBytes, transcriptLeaks } from "./fixture";
import { describeInterruption, runInterruption, type KillMode, type RecoveryMode } from "./interruption";
import { describeRateLimit, runRateLimit } from "./rateLimit";
import type { CampaignArgs, CampaignResults, CampaignResultsFile } from "./results";
import { runSecretsScenario } from "./secrets";
import { runTransientCampaign } from "./transient";
import { verdicts } from "./verdicts";

/** Runs the scenarios of `args`, logging progress to `log`; never throws for a broken invariant (see `failures`). */
export async function runCampaign(args: CampaignArgs, log: (line: string) => void): Promise<CampaignResultsFile> {
  const started = new Date();
  log(`campaign ${args.quick ? "(quick) " : ""}started ${started.toISOString()}: ${args.only.join(", ")}`);
  const results = await runScenarios(args, log);
  const credentialSearch = { leaks: transcriptLeaks(), bytesSearched: transcriptBytes() };
  const { failures, knownBugs } = verdicts(results, credentialSearch);
  return {
    started: started.toISOString(),
    finished: new Date().toISOString(),
    durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    node: process.version,
    cpus: os.cpus().length,
    args,
    failures,
    knownBugs,
    credentialSearch,
    results,
  };
}

async function runScenarios(args: CampaignArgs, log: (line: string) => void): Promise<CampaignResults> {
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
