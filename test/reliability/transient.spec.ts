/**
 * Scenario 1 (CI sample): `pulumi up` of 32 objects while ~10 % of API calls fail at random
 * (500/502/503/429, dropped connections, timeouts; before and after the change is committed).
 */
import assert from "node:assert/strict";
import { runTransientCampaign } from "../../scripts/lib/reliability/transient";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: transient faults", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("converges with no duplicates and no orphans (3 runs × 32 objects, 10 % faults)", async () => {
    const { summary, runs } = await runTransientCampaign({ runs: 3, objects: 32, rate: 0.1, seed: 4200, timeoutSeconds: 2, log: note });
    note(`faults ${summary.injectedFaults}/${summary.apiRequests} requests ${JSON.stringify(summary.faultsByKind)}, retries ${summary.retries}, `
      + `first-try successes ${summary.successAtFirstTry}/${summary.runs}`);
    assert.ok(summary.injectedFaults > 0, "no fault was injected");
    for (const run of runs) {
      const details = `run ${run.run} (seed ${run.seed}): ${[...run.audit.problems, ...run.errors].join("\n")}`;
      assert.ok(run.converged, `the up did not succeed within two attempts: ${details}`);
      assert.ok(run.previewNoChanges, `preview shows changes after convergence: ${details}`);
      assert.equal(run.audit.duplicates, 0, details);
      assert.equal(run.audit.orphans, 0, details);
      assert.equal(run.audit.missing, 0, details);
    }
  });

  after(assertNoLeaks);
});
