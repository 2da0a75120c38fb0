/**
 * Scenario 1 (CI sample): `pulumi up` of 32 objects while ~10 % of API calls fail at random
 * (500/502/503/429, dropped connections, timeouts; before and after the change is committed), then
 * an `up` that updates, deletes and adds objects under a fresh fault mix.
 */
import assert from "node:assert/strict";
import { runTransientCampaign } from "../../harness/reliability/transient";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: transient faults", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("converges with no duplicates and no orphans, creating then changing (3 runs × 32 objects, 10 % faults)", async () => {
    const { summary, runs } = await runTransientCampaign({
      runs: 3,
      objects: 32,
      rate: 0.1,
      seed: 4200,
      timeoutSeconds: 2,
      changes: true,
      log: note,
    });
    note(
      `faults ${summary.injectedFaults}/${summary.apiRequests} requests ${JSON.stringify(summary.faultsByKind)}, retries ${summary.retries}, ` +
        `first-try successes ${summary.successAtFirstTry}/${summary.runs}`,
    );
    assert.ok(summary.injectedFaults > 0, "no fault was injected");
    for (const run of runs) {
      const details = `run ${run.run} (seed ${run.seed}): ${[...run.audit.problems, ...run.errors].join("\n")}`;
      assert.ok(run.converged, `the up did not succeed within two attempts: ${details}`);
      assert.ok(run.previewNoChanges, `preview shows changes after convergence: ${details}`);
      assert.equal(run.audit.duplicates, 0, details);
      assert.equal(run.audit.orphans, 0, details);
      assert.equal(run.audit.missing, 0, details);
      const change = run.change;
      assert.ok(change, `run ${run.run}: the update/delete phase did not run`);
      const changeDetails = `run ${run.run} changes: ${[...change.audit.problems, ...change.errors].join("\n")}`;
      assert.ok(change.changesDeclared >= 10, changeDetails);
      assert.ok(change.converged, `the changing up did not succeed within two attempts: ${changeDetails}`);
      assert.ok(change.refreshedPreviewNoChanges, `refresh + preview show changes after convergence: ${changeDetails}`);
      assert.deepEqual([change.audit.duplicates, change.audit.orphans, change.audit.missing], [0, 0, 0], changeDetails);
      assert.equal(change.removedStillActive, 0, changeDetails);
      assert.equal(change.liveOnInactive, 0, changeDetails);
    }
    assert.ok((summary.changes?.injectedFaults ?? 0) > 0, "no fault was injected during the changes");
  });

  after(assertNoLeaks);
});
