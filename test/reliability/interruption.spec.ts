/**
 * Scenario 3 (CI sample): `pulumi up` of 30 objects killed mid-run, then recovered.
 */
import assert from "node:assert/strict";
import { describeInterruption, runInterruption } from "../../scripts/lib/reliability/interruption";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: interrupted up", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("SIGKILL of the whole job, then the documented recovery: no duplicates, no orphans", async () => {
    // The kill must land while the engine has pending creates recorded; on a loaded machine the
    // checkpoint write can lag behind the creates, so a run that left none is tried once more.
    let run = await runInterruption({
      mode: "sigkill", recovery: "documented", objects: 30, killAfterPosts: 12, latencyMs: 400, parallel: 8, tag: "cikill",
    });
    note(describeInterruption(run));
    if (run.pendingCreates === 0) {
      run = await runInterruption({
        mode: "sigkill", recovery: "documented", objects: 30, killAfterPosts: 10, latencyMs: 800, parallel: 8, tag: "cikill2",
      });
      note(describeInterruption(run));
    }
    assert.ok(run.pendingCreates > 0, "the kill should leave pending creates (kill earlier or add latency)");
    assert.ok(run.steps.every((step) => step.ok), JSON.stringify(run.steps, null, 2));
    assert.ok(run.previewNoChanges);
    assert.equal(run.final.duplicates, 0, run.final.problems.join("\n"));
    assert.equal(run.final.orphans, 0, run.final.problems.join("\n"));
    assert.equal(run.final.missing, 0, run.final.problems.join("\n"));
  });

  it("SIGINT to pulumi (graceful cancel), then a plain up: no duplicates, no orphans", async () => {
    const run = await runInterruption({
      mode: "sigint-cli", recovery: "up-only", objects: 30, killAfterPosts: 12, latencyMs: 400, parallel: 8, tag: "ciint",
    });
    note(describeInterruption(run));
    assert.equal(run.pendingCreates, 0, "a graceful cancel waits for the creates in flight");
    assert.ok(run.steps.every((step) => step.ok), JSON.stringify(run.steps, null, 2));
    assert.ok(run.previewNoChanges);
    assert.equal(run.final.duplicates, 0, run.final.problems.join("\n"));
    assert.equal(run.final.orphans, 0, run.final.problems.join("\n"));
    assert.equal(run.final.missing, 0, run.final.problems.join("\n"));
  });

  it("a crash of the provider process alone, then a plain up: the create journal adopts what the crash left unrecorded", async () => {
    const run = await runInterruption({
      mode: "provider-kill", recovery: "up-only", objects: 30, killAfterPosts: 12, latencyMs: 400, parallel: 8, tag: "ciprov",
    });
    note(describeInterruption(run));
    assert.equal(run.pendingCreates, 0, "the engine keeps no pending operation for the failed creates");
    assert.ok(run.unrecorded > 0, "the crash should leave created objects unrecorded (kill earlier or add latency)");
    assert.ok(run.steps.every((step) => step.ok), JSON.stringify(run.steps, null, 2));
    assert.ok(run.previewNoChanges);
    assert.equal(run.final.duplicates, 0, run.final.problems.join("\n"));
    assert.equal(run.final.orphans, 0, run.final.problems.join("\n"));
    assert.equal(run.final.missing, 0, run.final.problems.join("\n"));
  });

  after(assertNoLeaks);
});
