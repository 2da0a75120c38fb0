/**
 * Scenario 3 (CI sample): `pulumi up` of 30 objects killed mid-run, then recovered.
 */
import assert from "node:assert/strict";
import {
  describeInterruption,
  runInterruption,
  type InterruptionOptions,
  type InterruptionRun,
} from "../../harness/reliability/interruption";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

/** Every recovery step succeeded, the preview is clean, and nothing is duplicated, orphaned or missing. */
function assertConverged(run: InterruptionRun): void {
  assert.ok(
    run.steps.every((step) => step.ok),
    JSON.stringify(run.steps, null, 2),
  );
  assert.ok(run.previewNoChanges);
  assert.equal(run.final.duplicates, 0, run.final.problems.join("\n"));
  assert.equal(run.final.orphans, 0, run.final.problems.join("\n"));
  assert.equal(run.final.missing, 0, run.final.problems.join("\n"));
}

/** The CI-sized interrupted `up` (30 objects, 400 ms latency, `--parallel 8`), noted in the output. */
async function interrupt(
  options: Pick<InterruptionOptions, "mode" | "recovery" | "tag"> & Partial<InterruptionOptions>,
): Promise<InterruptionRun> {
  const run = await runInterruption({ objects: 30, killAfterPosts: 12, latencyMs: 400, parallel: 8, ...options });
  note(describeInterruption(run));
  return run;
}

describe("Reliability: interrupted up", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("SIGKILL of the whole job, then the documented recovery: no duplicates, no orphans", async () => {
    const run = await interrupt({ mode: "sigkill", recovery: "documented", tag: "cikill" });
    assert.ok(run.pendingCreates > 0, "the kill lands once the checkpoint records a pending create, so some must be left");
    assertConverged(run);
  });

  it("SIGINT to pulumi (graceful cancel), then a plain up: no duplicates, no orphans", async () => {
    const run = await interrupt({ mode: "sigint-cli", recovery: "up-only", tag: "ciint" });
    assert.equal(run.pendingCreates, 0, "a graceful cancel waits for the creates in flight");
    assertConverged(run);
  });

  it("a crash of the provider process alone, then a plain up: the create journal adopts what the crash left unrecorded", async () => {
    const run = await interrupt({ mode: "provider-kill", recovery: "up-only", tag: "ciprov" });
    assert.equal(run.pendingCreates, 0, "the engine keeps no pending operation for the failed creates");
    assert.ok(run.unrecorded > 0, "the crash should leave created objects unrecorded (kill earlier or add latency)");
    assertConverged(run);
  });

  after(assertNoLeaks);
});
