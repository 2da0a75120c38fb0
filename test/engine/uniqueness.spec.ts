/**
 * Uniqueness at preview: the API allows one preset per name and one webhook per URL in an app
 * (409 on the second create). Two resources of one stack claiming the same name or URL fail the
 * preview, naming both, before anything is sent; once they differ, the same stack deploys.
 */
import assert from "node:assert/strict";
import { ENGINE_TIMEOUT_MS, startEngineFixture, stopAfterFirstFailure, type EngineFixture } from "./harness";

describe("Engine: uniqueness at preview", function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  stopAfterFirstFailure();

  let fixture: EngineFixture;

  before(async () => {
    fixture = await startEngineFixture({ stackName: "uniqueness" });
  });

  after(async () => {
    await fixture?.dispose();
  });

  it("fails the preview when two presets claim one name, naming both resources", async () => {
    fixture.desired = { presets: { hostA: { name: "host" }, hostB: { name: "host" } } };
    await assert.rejects(fixture.preview(), (error: Error) => {
      assert.match(error.message, /Preset "host[AB]" and Preset "host[AB]" both use the preset name "host" in app /);
      assert.match(error.message, /the second create would fail with 409/);
      return true;
    });
    assert.deepEqual(fixture.emulator.requests(), [], "nothing was sent to the API");
  });

  it("fails the preview when two webhooks claim one URL, naming both resources", async () => {
    const url = "https://example.com/rtk";
    fixture.desired = {
      webhooks: {
        started: { name: "started", url, events: ["meeting.started"] },
        ended: { name: "ended", url, events: ["meeting.ended"] },
      },
    };
    await assert.rejects(fixture.preview(), (error: Error) => {
      assert.match(
        error.message,
        /Webhook "(started|ended)" and Webhook "(started|ended)" both use the webhook URL "https:\/\/example\.com\/rtk"/,
      );
      return true;
    });
    assert.deepEqual(fixture.emulator.requests(), []);
  });

  it("deploys once the names and URLs differ, and a second preview of the same stack still passes", async () => {
    fixture.desired = {
      presets: { hostA: { name: "host" }, hostB: { name: "co-host" } },
      webhooks: {
        started: { name: "started", url: "https://example.com/rtk/started", events: ["meeting.started"] },
        ended: { name: "ended", url: "https://example.com/rtk/ended", events: ["meeting.ended"] },
      },
    };
    const result = await fixture.up();
    // Four resources plus the stack itself: the failed previews created nothing.
    assert.deepEqual(result.summary.resourceChanges, { create: 5 });
    const preview = await fixture.preview();
    assert.deepEqual(preview.changeSummary, { same: 5 });
    const state = await fixture.state();
    assert.deepEqual([...state.keys()].sort(), ["ended", "hostA", "hostB", "started"]);
    for (const resource of state.values()) {
      // (The engine lists it only among propertyDependencies, as an input key with no dependencies.)
      assert.ok(
        !JSON.stringify([resource.inputs, resource.outputs]).includes("__rtkClaimant"),
        "the claimant never reaches inputs or outputs",
      );
    }
  });
});
