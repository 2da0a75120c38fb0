import assert from "node:assert/strict";
import { isConflict } from "../../provider/client/errors";
import { ProviderFixture, startProviderFixture } from "./harness";

const url = "https://hooks.example.com/rtk";

describe("Webhook provider", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("creates a meeting.ended webhook with one POST", async () => {
    const { id, outs } = await fx.create(fx.webhook, { name: "ended", url });
    assert.deepEqual(fx.takeRequests(), ["POST /webhooks"]);
    assert.deepEqual(fx.emulator.requests()[0].body, { name: "ended", url, events: ["meeting.ended"], enabled: true });
    assert.equal(outs.url, url);
    assert.deepEqual(outs.events, ["meeting.ended"]);
    assert.equal(outs.enabled, true);
    assert.equal((fx.emulator.state().webhooks as any[])[0].id, id);
  });

  it("names adoptExisting when the URL is taken", async () => {
    await fx.create(fx.webhook, { name: "first", url });
    await assert.rejects(fx.create(fx.webhook, { name: "second", url }), (error: Error) => {
      assert.match(
        error.message,
        /^Webhook create failed: 409 .*\(POST \/accounts\/.*\/webhooks\)\. A webhook with url https:\/\/hooks\.example\.com\/rtk already exists in app .*; set adoptExisting: true to manage it from this stack$/,
      );
      assert.equal(isConflict(error), true, "a ConflictError, so callers can tell");
      return true;
    });
  });

  it("adopts the webhook with the same URL without a POST", async () => {
    const first = await fx.create(fx.webhook, { name: "first", url, events: ["meeting.started"] });
    fx.takeRequests();
    const adopted = await fx.create(fx.webhook, { name: "adopted", url, adoptExisting: true });
    assert.equal(adopted.id, first.id);
    assert.deepEqual(fx.takeRequests(), ["GET /webhooks", `PATCH /webhooks/${first.id}`]);
    assert.deepEqual(fx.emulator.requests().at(-1)!.body, { name: "adopted", events: ["meeting.ended"] });
  });

  it("never duplicates a webhook whose create response was lost", async () => {
    fx.emulator.faults.add({ method: "POST", path: "/accounts/*/realtime/kit/*/webhooks", status: 502, when: "after" });
    const { id } = await fx.create(fx.webhook, { name: "ended", url });
    const webhooks = fx.emulator.state().webhooks as any[];
    assert.deepEqual(
      webhooks.map((w) => w.id),
      [id],
    );
    assert.deepEqual(
      fx.takeRequests().filter((r) => r.startsWith("POST")),
      ["POST /webhooks"],
    );
  });

  it("sees no change when only the order of events differs", async () => {
    const { id, outs } = await fx.create(fx.webhook, { name: "n", url, events: ["meeting.started", "meeting.ended"] });
    const news = (await fx.webhook.check(outs, { name: "n", url, events: ["meeting.ended", "meeting.started"] })).inputs;
    assert.equal((await fx.webhook.diff(id, outs, news)).changes, false);
  });

  it("updates with one PATCH of the changed fields", async () => {
    const { id, outs } = await fx.create(fx.webhook, { name: "n", url });
    fx.takeRequests();
    const updated = await fx.update(fx.webhook, id, outs, { name: "n", url, enabled: false });
    assert.deepEqual(fx.takeRequests(), [`PATCH /webhooks/${id}`]);
    assert.deepEqual(fx.emulator.requests().at(-1)!.body, { enabled: false });
    assert.equal(updated.enabled, false);
  });

  it("deletes, and treats an already deleted webhook as gone", async () => {
    const { id, outs } = await fx.create(fx.webhook, { name: "n", url });
    await fx.webhook.delete(id, outs);
    assert.deepEqual(fx.emulator.state().webhooks, []);
    await fx.webhook.delete(id, outs);
    assert.equal((await fx.webhook.read(id, outs)).id, "");
  });
});
