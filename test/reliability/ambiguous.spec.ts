/**
 * Scenario 2 (CI sample): creates whose response is lost after the server committed them.
 * Presets and webhooks are found by name / URL and adopted; meetings by exactly the sent settings,
 * identical meetings created concurrently included (provider/resources/meetingCreates.ts; the
 * failure modes are described in docs/reliability.md).
 */
import assert from "node:assert/strict";
import { runAmbiguousCampaign } from "../../harness/reliability/ambiguous";
import { RELIABILITY_TIMEOUT_MS, assertNoLeaks, note } from "./helpers";

/** One case of 10 identical meetings created in parallel, with the faults of `only`. */
async function runIdenticalMeetings(only: string) {
  const [result] = await runAmbiguousCampaign({
    keyed: 0,
    meetings: 0,
    sameTitled: 10,
    seed: 7,
    timeoutSeconds: 2,
    log: note,
    only: [only],
  });
  return result;
}

describe("Reliability: ambiguous creates", function () {
  this.timeout(RELIABILITY_TIMEOUT_MS);

  it("never duplicates a preset, webhook or distinct meeting whose create response was lost", async () => {
    const cases = await runAmbiguousCampaign({
      keyed: 6,
      meetings: 6,
      sameTitled: 0,
      seed: 77,
      timeoutSeconds: 2,
      log: note,
      only: ["keyed-lost", "meetings-lost", "meetings-mixed"],
    });
    assert.equal(cases.length, 3);
    for (const result of cases) {
      const details = `${result.name}: ${[...result.final.problems, ...result.errors].join("\n")}`;
      assert.ok(result.lostAfterCommit + result.failedBeforeCommit > 0, `${result.name}: no fault fired`);
      assert.ok(result.firstUpOk || result.secondUpOk, details);
      assert.equal(result.final.duplicates, 0, details);
      assert.equal(result.final.orphans, 0, details);
      assert.equal(result.final.missing, 0, details);
    }
    // Every create lost its response after the commit, and was adopted: no second POST succeeded.
    const lost = cases.filter((c) => c.name.endsWith("-lost"));
    for (const result of lost) {
      assert.equal(result.lostAfterCommit, result.objects, `${result.name}: every create should have lost its response`);
      assert.ok(result.firstUpOk, `${result.name}: ${result.errors.join("\n")}`);
    }
  });

  it("identical meetings, some creates failing before commit and some answered slowly: one up, one meeting each", async () => {
    // A failed create's lookup must not take a slow sibling's meeting (not yet owned) for its own:
    // with several it would fail with "several meetings", with one two resources would record one
    // meeting while `up` reported success.
    const result = await runIdenticalMeetings("same-title-slow");
    assert.ok(result.failedBeforeCommit + result.slowSuccess > 0, "no fault fired");
    assert.ok(result.firstUpOk, result.errors.join("\n"));
    assert.equal(result.afterFirstUp.duplicates, 0, result.afterFirstUp.problems.join("\n"));
    assert.equal(result.afterFirstUp.missing, 0, result.afterFirstUp.problems.join("\n"));
  });

  it("identical meetings whose create responses were lost are all adopted, none orphaned", async () => {
    // Each lookup must find its own meeting among identical ones: failing with "several meetings"
    // would make the next `up` create new meetings and leave the committed ones ACTIVE and unowned.
    const result = await runIdenticalMeetings("same-title-concurrent");
    assert.ok(result.lostAfterCommit > 0, "no response was lost");
    assert.ok(result.firstUpOk, result.errors.join("\n"));
    assert.equal(result.final.orphans, 0, result.final.problems.join("\n"));
    assert.equal(result.final.duplicates, 0, result.final.problems.join("\n"));
    assert.equal(result.final.missing, 0, result.final.problems.join("\n"));
  });

  after(assertNoLeaks);
});
