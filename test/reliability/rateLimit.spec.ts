/**
 * Scenario 6 (CI sample, scaled): the emulator allows 120 requests per 10 s window, then locks the
 * token out for 30 s; the client budget is 100 per 10 s (the default is 1000 per 300 s against
 * Cloudflare's 1,200 per 300 s). 60 objects are created, refreshed and destroyed.
 */
import assert from "node:assert/strict";
import { describeRateLimit, runRateLimit } from "../../harness/reliability/rateLimit";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

const emulator = { limit: 120, windowMs: 10_000, lockoutMs: 30_000 };

describe("Reliability: rate limit", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("with the client budget on: create, refresh, destroy without a single 429", async () => {
    const run = await runRateLimit({
      label: "ci-on",
      objects: 130,
      emulator,
      budget: { maxRequests: 100, windowSeconds: 10 },
      refreshes: 1,
      separatePhases: true,
    });
    note(describeRateLimit(run));
    assert.ok(run.completed, JSON.stringify(run.phases, null, 2));
    assert.ok(run.phases[0].requests > emulator.limit, "the up alone should exceed the emulator's limit");
    assert.equal(run.rateLimited, 0);
    assert.equal(run.leftAfterDestroy, 0);
  });

  it("with the budget off: 429s are retried after Retry-After and the run completes", async () => {
    const run = await runRateLimit({
      label: "ci-off",
      objects: 60,
      emulator,
      budget: "off",
      refreshes: 1,
      separatePhases: false,
    });
    note(describeRateLimit(run));
    assert.ok(run.rateLimited > 0, "the workload should hit the emulator's limit");
    assert.ok(run.completed, JSON.stringify(run.phases, null, 2));
    assert.equal(run.leftAfterDestroy, 0);
  });

  it("with the budget on, operations run back to back stay under the limit together", async () => {
    // The budget must outlive the provider process, which each operation starts afresh: kept in
    // memory only, a destroy right after a refresh exceeded the server's window (4 × 429, a 30 s lockout).
    const run = await runRateLimit({
      label: "ci-b2b",
      objects: 60,
      emulator,
      budget: { maxRequests: 100, windowSeconds: 10 },
      refreshes: 1,
      separatePhases: false,
    });
    note(describeRateLimit(run));
    assert.ok(run.completed, JSON.stringify(run.phases, null, 2));
    assert.ok(run.requests > emulator.limit, "the workload should exceed one window's limit");
    assert.equal(run.rateLimited, 0);
  });

  after(assertNoLeaks);
});
