/**
 * The verdict of a reliability campaign: which invariants of docs/reliability.md its figures break.
 */
import type { CampaignResults, CredentialSearch } from "./results";
import { NEVER_IN_SDK_DEBUG_LINES } from "./secrets";

/**
 * The invariants of docs/reliability.md that the figures `r` break (the campaign exits 1 when there is
 * any), and the known limitations met, listed separately and not counted.
 */
export function verdicts(r: CampaignResults, credentialSearch: CredentialSearch): { failures: string[]; knownBugs: string[] } {
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
  if (credentialSearch.leaks.length > 0) {
    failures.push(`credential leaks in engine output / errors: ${JSON.stringify(credentialSearch.leaks)}`);
  }
  return { failures, knownBugs };
}
