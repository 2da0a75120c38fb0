import assert from "node:assert/strict";
import { isConflict } from "../../provider/client/errors";
import { ProviderFixture, startProviderFixture } from "./harness";

describe("Preset provider", () => {
  let fx: ProviderFixture;
  beforeEach(async () => {
    fx = await startProviderFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  it("creates a complete host preset from one permission", async () => {
    const { id, outs } = await fx.create(fx.preset, { name: "host", permissions: { kickParticipant: true } });
    assert.deepEqual(fx.takeRequests(), ["POST /presets"]);
    const stored = (fx.emulator.state().presets as any[]).find((p) => p.id === id);
    assert.equal(stored.permissions.kick_participant, true);
    assert.equal(stored.permissions.pin_participant, false);
    assert.equal(outs.permissions.kickParticipant, true);
    // State keeps the leaves off the defaults (the Preset class fills the defaults back in).
    assert.equal(outs.permissions.pinParticipant, undefined);
    assert.equal(outs.config.viewType, undefined);
  });

  it("ignores fields the server adds, so a second run is a no-op", async () => {
    const { id, outs } = await fx.create(fx.preset, { name: "host", permissions: { kickParticipant: true } });
    const read = await fx.preset.read(id, outs);
    const news = (await fx.preset.check({}, { name: "host", permissions: { kickParticipant: true } })).inputs;
    assert.deepEqual(await fx.preset.diff(id, read.props as any, news), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("patches only the changed leaf", async () => {
    const { id, outs } = await fx.create(fx.preset, { name: "host", permissions: { kickParticipant: true } });
    fx.takeRequests();
    const updated = await fx.update(fx.preset, id, outs, { name: "host", permissions: { kickParticipant: true, pinParticipant: true } });
    assert.deepEqual(fx.takeRequests(), [`PATCH /presets/${id}`]);
    assert.deepEqual(fx.emulator.requests().at(-1)!.body, { permissions: { pin_participant: true } });
    assert.equal(updated.permissions.pinParticipant, true);
    assert.equal(updated.permissions.kickParticipant, true);
  });

  it("names adoptExisting when the name is taken, and adopts with it", async () => {
    const first = await fx.create(fx.preset, { name: "host" });
    await assert.rejects(fx.create(fx.preset, { name: "host" }), (error: Error) => {
      assert.match(error.message, /A preset named "host" already exists in app .*; set adoptExisting: true/);
      assert.equal(isConflict(error), true, "a ConflictError, so callers can tell");
      return true;
    });
    fx.takeRequests();
    const adopted = await fx.create(fx.preset, { name: "host", permissions: { kickParticipant: true }, adoptExisting: true });
    assert.equal(adopted.id, first.id);
    assert.deepEqual(
      fx.takeRequests().map((r) => r.split(" ")[0]),
      ["GET", "GET", "PATCH"],
    );
  });

  it("never duplicates a preset whose create response was lost", async () => {
    fx.emulator.faults.add({ method: "POST", path: "/accounts/*/realtime/kit/*/presets", drop: true, when: "after" });
    const { id } = await fx.create(fx.preset, { name: "host" });
    assert.deepEqual(
      (fx.emulator.state().presets as any[]).map((p) => p.id),
      [id],
    );
  });

  it("deletes, and a read afterwards reports it gone", async () => {
    const { id, outs } = await fx.create(fx.preset, { name: "host" });
    await fx.preset.delete(id, outs);
    assert.equal((await fx.preset.read(id, outs)).id, "");
    await fx.preset.delete(id, outs);
  });
});
