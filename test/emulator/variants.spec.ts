import assert from "node:assert/strict";
import { FLIPPED_VARIANTS, type RunningEmulator } from "../../emulator";
import { DEFAULT_VARIANTS, resolveVariants } from "../../emulator/variants";
import { api, presetBody, startTestEmulator } from "./helpers";

describe("Emulator variants (open questions answered the other way)", () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startTestEmulator({ variants: FLIPPED_VARIANTS });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it("reports the variants in force, and every switch flips", () => {
    assert.deepEqual(emu.variants, FLIPPED_VARIANTS);
    for (const name of Object.keys(DEFAULT_VARIANTS) as (keyof typeof DEFAULT_VARIANTS)[]) {
      assert.notEqual(FLIPPED_VARIANTS[name], DEFAULT_VARIANTS[name], name);
    }
  });

  it("kickAllWhenIdle 200: kick-all with nothing live answers a count of 0", async () => {
    const meeting = (await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} })).body.data;
    const res = await api(emu, "POST", `/${emu.appId}/meetings/${meeting.id as string}/active-session/kick-all`);
    assert.deepEqual([res.status, res.body], [200, { success: true, data: { action: "kick-all", kicked_participants_count: 0 } }]);
  });

  it("emptyWebhookList 200: an app without webhooks lists []", async () => {
    const res = await api(emu, "GET", `/${emu.appId}/webhooks`);
    assert.deepEqual([res.status, res.body], [200, { success: true, data: [] }]);
  });

  it("presetCreateStatus 200 and presetPatchId omitted", async () => {
    const created = await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("host") });
    assert.equal(created.status, 200);
    const patched = await api(emu, "PATCH", `/${emu.appId}/presets/${created.body.data.id as string}`, { body: { name: "host2" } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.data.id, undefined);
    assert.equal(patched.body.data.name, "host2");
  });

  it("meetingPutOmitted keep: a PUT leaves omitted fields as they were", async () => {
    const meeting = (
      await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title: "T", persist_chat: true, session_keep_alive_time_in_secs: 300 } })
    ).body.data;
    const put = await api(emu, "PUT", `/${emu.appId}/meetings/${meeting.id as string}`, { body: { record_on_start: true } });
    assert.equal(put.status, 200);
    assert.deepEqual(
      [put.body.data.title, put.body.data.persist_chat, put.body.data.session_keep_alive_time_in_secs, put.body.data.record_on_start],
      ["T", true, 300, true],
    );
  });

  it("webhookEnabledDefault false: a webhook created without enabled is disabled", async () => {
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, {
      body: { name: "w", url: "https://example.com/w", events: ["meeting.ended"] },
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.data.enabled, false);
  });

  it("refuses unknown switches and values, naming them", () => {
    assert.throws(() => resolveVariants({ bogus: 1 } as never), /variants.bogus is not a known switch/);
    assert.throws(
      () => resolveVariants({ presetCreateStatus: 202 } as never),
      /variants.presetCreateStatus must be one of 201, 200; got 202/,
    );
  });
});
