/**
 * The demo that `npm run demo` shows (root Pulumi.yaml + demo/index.ts), run quietly with its
 * observations checked.
 */
import assert from "node:assert/strict";
import { runDemo } from "../../scripts/demo";
import { ENGINE_TIMEOUT_MS } from "./harness";

describe("Engine: demo project", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  it("deploys, ends the live session with kick-all before INACTIVE, receives a signed meeting.ended, destroys", async () => {
    let transcript = "";
    const result = await runDemo({
      stackName: "demo-test",
      engineOutput: false,
      write: (text) => {
        transcript += text;
      },
    });
    assert.deepEqual(result.firstUp, { create: 4 }, transcript);
    assert.deepEqual(result.secondUp, { same: 3, update: 1 }, transcript);
    assert.deepEqual(result.inactiveWrites, [
      `POST meetings/${result.meetingId}/active-session/kick-all`,
      `PATCH meetings/${result.meetingId}`,
    ]);
    assert.equal(result.kickAllBeforePatch, true);
    assert.equal(result.deliveredEvent, "meeting.ended");
    assert.equal(result.signatureVerified, true);
    assert.deepEqual(result.destroyed, { delete: 4 });
  });
});
