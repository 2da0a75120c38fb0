/**
 * Scenario 7: `pulumi up --parallel 32` on 100 objects.
 */
import assert from "node:assert/strict";
import { runConcurrency } from "../../harness/reliability/concurrency";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: concurrency", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("up --parallel 32 on 100 objects: no errors, no duplicates, clean destroy", async () => {
    const result = await runConcurrency({ objects: 100, parallel: 32, latencyMs: 100 });
    note(
      `up ${result.upMs} ms, destroy ${result.destroyMs} ms, ${result.requests} requests, peak ${result.peakConcurrentRequests} in flight`,
    );
    assert.deepEqual(result.errors, []);
    assert.ok(result.upOk && result.destroyOk);
    assert.equal(result.created, 101); // 100 objects + the stack
    assert.ok(result.previewNoChanges);
    assert.equal(result.audit.duplicates, 0, result.audit.problems.join("\n"));
    assert.equal(result.audit.orphans, 0, result.audit.problems.join("\n"));
    assert.equal(result.audit.missing, 0, result.audit.problems.join("\n"));
    assert.equal(result.leftAfterDestroy, 0);
  });

  after(assertNoLeaks);
});
