import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { api, at, presetBody, startTestEmulator } from "./helpers";

describe("Emulator presets", () => {
  let emu: RunningEmulator;

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    emu.setClock(at(0));
  });

  async function create(name: string) {
    const res = await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody(name) });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data;
  }

  /** The preset tree as the server stores it: the body plus the server-added simulcast flag. */
  function withSimulcast(body: ReturnType<typeof presetBody>, simulcast = false) {
    const copy = structuredClone(body);
    Object.assign(copy.config.media.video, { simulcast });
    return copy;
  }

  it("create answers 201 with the tree, adding config.media.video.simulcast = false", async () => {
    const res = await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("host") });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, {
      success: true,
      data: { id: res.body.data.id, ...withSimulcast(presetBody("host")), created_at: at(0), updated_at: at(0) },
    });
  });

  it("keeps a simulcast value that was sent", async () => {
    const body = withSimulcast(presetBody("sim"), true);
    const res = await api(emu, "POST", `/${emu.appId}/presets`, { body });
    assert.equal(res.body.data.config.media.video.simulcast, true);
  });

  it("create answers 409 for a name already used in the app", async () => {
    await create("host");
    const res = await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("host") });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, {
      success: false,
      error: { code: 409, message: `A preset named host already exists in app ${emu.appId}` },
    });
  });

  it("allows the same name in another app", async () => {
    await create("host");
    const app = await api(emu, "POST", "/apps", { body: { name: "other" } });
    const res = await api(emu, "POST", `/${app.body.data.app.id as string}/presets`, { body: presetBody("host") });
    assert.equal(res.status, 201);
  });

  it("create answers 400 naming the missing leaf", async () => {
    const body = presetBody("host") as { permissions: Record<string, unknown> };
    delete body.permissions.kick_participant;
    const res = await api(emu, "POST", `/${emu.appId}/presets`, { body });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { success: false, error: { code: 400, message: "permissions.kick_participant is required" } });
  });

  it("list pages and searches, items carrying only id, name and timestamps", async () => {
    const host = await create("group_call_host");
    emu.advanceClock(1_000);
    await create("group_call_participant");
    await create("webinar_viewer");
    const res = await api(emu, "GET", `/${emu.appId}/presets?per_page=2`);
    assert.deepEqual(res.body, {
      success: true,
      data: [
        { id: host.id, name: "group_call_host", created_at: at(0), updated_at: at(0) },
        { id: res.body.data[1].id, name: "group_call_participant", created_at: at(1_000), updated_at: at(1_000) },
      ],
      paging: { start_offset: 0, end_offset: 1, total_count: 3 },
    });
    const search = await api(emu, "GET", `/${emu.appId}/presets?search=GROUP_CALL`);
    assert.deepEqual(
      search.body.data.map((p: { name: string }) => p.name),
      ["group_call_host", "group_call_participant"],
    );
  });

  it("PATCH deep-merges a partial tree and answers the merged preset with its id", async () => {
    const preset = await create("host");
    emu.advanceClock(2_000);
    const res = await api(emu, "PATCH", `/${emu.appId}/presets/${preset.id as string}`, {
      body: {
        permissions: { kick_participant: true, media: { screenshare: { can_produce: "ALLOWED" } } },
        ui: { design_tokens: { colors: { brand: { "500": "#000000" } } } },
      },
    });
    assert.equal(res.status, 200);
    const expected = withSimulcast(presetBody("host"));
    expected.permissions.kick_participant = true;
    expected.permissions.media.screenshare.can_produce = "ALLOWED" as never;
    expected.ui.design_tokens.colors.brand["500"] = "#000000";
    assert.deepEqual(res.body.data, { id: preset.id, ...expected, created_at: at(0), updated_at: at(2_000) });
    const got = await api(emu, "GET", `/${emu.appId}/presets/${preset.id as string}`);
    assert.deepEqual(got.body.data, { id: preset.id, ...expected, created_at: at(0), updated_at: at(2_000) });
  });

  it("PATCH renames, with 409 on a taken name", async () => {
    const a = await create("a");
    await create("b");
    const taken = await api(emu, "PATCH", `/${emu.appId}/presets/${a.id as string}`, { body: { name: "b" } });
    assert.equal(taken.status, 409);
    const same = await api(emu, "PATCH", `/${emu.appId}/presets/${a.id as string}`, { body: { name: "a" } });
    assert.equal(same.status, 200);
    const renamed = await api(emu, "PATCH", `/${emu.appId}/presets/${a.id as string}`, { body: { name: "c" } });
    assert.equal(renamed.body.data.name, "c");
  });

  it("PUT replaces the whole tree", async () => {
    const preset = await create("host");
    const body = presetBody("host2");
    body.config.view_type = "WEBINAR" as never;
    const res = await api(emu, "PUT", `/${emu.appId}/presets/${preset.id as string}`, { body });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.data, { id: preset.id, ...withSimulcast(body), created_at: at(0), updated_at: at(0) });
    const partial = await api(emu, "PUT", `/${emu.appId}/presets/${preset.id as string}`, { body: { name: "x" } });
    assert.equal(partial.status, 400);
    assert.equal(partial.body.error.message, "config is required");
  });

  it("DELETE answers the full deleted preset, then 404", async () => {
    const preset = await create("host");
    const res = await api(emu, "DELETE", `/${emu.appId}/presets/${preset.id as string}`);
    assert.deepEqual(res.body, { success: true, data: preset });
    const again = await api(emu, "GET", `/${emu.appId}/presets/${preset.id as string}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.message, `Preset ${preset.id as string} not found`);
  });
});
