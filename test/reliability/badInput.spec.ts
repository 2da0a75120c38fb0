/**
 * Scenario 4: the bad-input table through the real engine's `preview` (stack-config rows through
 * `up`, which is where the provider reads them): every row rejected with its path and reason,
 * zero API requests.
 */
import assert from "node:assert/strict";
import { BAD_INPUTS, runBadInputTable } from "../../harness/reliability/badInput";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

describe("Reliability: bad input", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it(`rejects all ${BAD_INPUTS.length} invalid inputs with path and reason, before any API call`, async () => {
    const summary = await runBadInputTable();
    note(
      `${summary.rejected}/${summary.cases} rejected in ${summary.previews} previews + ${summary.cases - summary.results.filter((r) => r.via.startsWith("preview")).length} ups; ` +
        `${summary.apiRequests} API requests`,
    );
    const previewed = summary.results.filter((r) => r.via.startsWith("preview"));
    assert.ok(previewed.length >= 40, `only ${previewed.length} cases run through preview`);
    assert.ok(summary.componentCovered, "the config-file cases did not run");
    const notRejected = summary.results.filter((r) => !r.rejected);
    assert.deepEqual(
      notRejected.map((r) => `${r.id} ${r.what}: ${r.message}`),
      [],
    );
    assert.equal(summary.apiWrites, 0);
    assert.equal(summary.apiRequests, 0);
  });

  after(assertNoLeaks);
});
