/**
 * The demo that `npm run demo` shows: the repository's Pulumi.yaml + demo/index.ts driven with the
 * `pulumi` CLI (stack init, config set, up, up, destroy), run quietly with its observations checked.
 */
import assert from "node:assert/strict";
import { DEMO_RESOURCES, demoSucceeded, runDemo } from "../../scripts/demo";
import { ENGINE_TIMEOUT_MS } from "./harness";

describe("Engine: demo project with the pulumi CLI", function () {
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
    assert.deepEqual(result.firstUp, { create: DEMO_RESOURCES + 1 }, transcript);
    assert.deepEqual(result.secondUp, { same: DEMO_RESOURCES, update: 1 }, transcript);
    assert.deepEqual(result.inactiveWrites, [
      `POST meetings/${result.meetingId}/active-session/kick-all`,
      `PATCH meetings/${result.meetingId}`,
    ]);
    assert.equal(result.kickAllBeforePatch, true);
    assert.equal(result.deliveredEvent, "meeting.ended");
    assert.equal(result.signatureVerified, true);
    assert.deepEqual(result.destroyed, { delete: DEMO_RESOURCES + 1 });
    assert.equal(demoSucceeded(result), true);
    assert.match(transcript, /\$ pulumi up --yes/);
    assert.match(
      transcript,
      /\$ pulumi config set --secret realtimekit:apiToken -- <secret>\n/,
      "the token is masked in the printed commands",
    );
    assert.doesNotMatch(transcript, /apiToken -- (?!<secret>)/, "no token in clear");
  });
});
