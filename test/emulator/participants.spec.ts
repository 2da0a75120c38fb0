import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { api, at, presetBody, startTestEmulator } from "./helpers";

/** Decodes the payload of a JWT. */
function jwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split(".");
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

describe("Emulator participants", () => {
  let emu: RunningEmulator;
  let meetingId: string;
  let hostPresetId: string;
  const base = () => `/${emu.appId}/meetings/${meetingId}/participants`;

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.reset();
    emu.setClock(at(0));
    hostPresetId = (await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("host") })).body.data.id;
    await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("guest") });
    meetingId = (await api(emu, "POST", `/${emu.appId}/meetings`, { body: { title: "M" } })).body.data.id;
  });

  async function add(body: Record<string, unknown> = { custom_participant_id: "u-1", preset_name: "host" }) {
    const res = await api(emu, "POST", base(), { body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data;
  }

  it("add answers the participant with a token carrying meeting and participant ids", async () => {
    const res = await api(emu, "POST", base(), { body: { custom_participant_id: "u-1", preset_name: "host", name: "Ann" } });
    assert.equal(res.status, 201);
    const { token, ...rest } = res.body.data;
    assert.deepEqual(rest, {
      id: rest.id,
      custom_participant_id: "u-1",
      preset_name: "host",
      name: "Ann",
      picture: null,
      created_at: at(0),
      updated_at: at(0),
    });
    const claims = jwtPayload(token);
    assert.equal(claims.meetingId, meetingId);
    assert.equal(claims.participantId, rest.id);
    assert.equal(claims.exp, (claims.iat as number) + 100 * 24 * 3600);
  });

  it("add answers 400 for an unknown preset and for missing fields", async () => {
    const unknown = await api(emu, "POST", base(), { body: { custom_participant_id: "u", preset_name: "nope" } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.message, `preset_name "nope" does not match any preset of app ${emu.appId}`);
    const missing = await api(emu, "POST", base(), { body: { preset_name: "host" } });
    assert.equal(missing.body.error.message, "custom_participant_id is required");
  });

  it("get and list leave out the token", async () => {
    const added = await add();
    const { token: _token, ...withoutToken } = added;
    const got = await api(emu, "GET", `${base()}/${added.id as string}`);
    assert.deepEqual(got.body, { success: true, data: withoutToken });
    const list = await api(emu, "GET", base());
    assert.deepEqual(list.body, { success: true, data: [withoutToken], paging: { start_offset: 0, end_offset: 0, total_count: 1 } });
  });

  it("edit changes preset, name and picture and answers a new token", async () => {
    const added = await add();
    emu.advanceClock(1_000);
    const res = await api(emu, "PATCH", `${base()}/${added.id as string}`, {
      body: { preset_name: "guest", picture: "https://x/p.png" },
    });
    assert.equal(res.status, 200);
    assert.notEqual(res.body.data.token, added.token);
    assert.equal(res.body.data.preset_name, "guest");
    assert.equal(res.body.data.picture, "https://x/p.png");
    assert.equal(res.body.data.updated_at, at(1_000));
    const cleared = await api(emu, "PATCH", `${base()}/${added.id as string}`, { body: { picture: null, preset_name: null } });
    assert.equal(cleared.body.data.picture, null);
    assert.equal(cleared.body.data.preset_name, "guest");
  });

  it("delete answers preset_id and no id, then 404", async () => {
    const added = await add();
    const res = await api(emu, "DELETE", `${base()}/${added.id as string}`);
    assert.deepEqual(res.body, {
      success: true,
      data: { custom_participant_id: "u-1", preset_id: hostPresetId, created_at: at(0), updated_at: at(0) },
    });
    assert.equal((await api(emu, "GET", `${base()}/${added.id as string}`)).status, 404);
  });

  it("token refresh answers a fresh token", async () => {
    const added = await add();
    const res = await api(emu, "POST", `${base()}/${added.id as string}/token`);
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body.data), ["token"]);
    assert.notEqual(res.body.data.token, added.token);
    assert.equal(jwtPayload(res.body.data.token).participantId, added.id);
  });

  it("does not find a participant through another meeting", async () => {
    const added = await add();
    const other = (await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} })).body.data.id as string;
    const res = await api(emu, "GET", `/${emu.appId}/meetings/${other}/participants/${added.id as string}`);
    assert.equal(res.status, 404);
    assert.equal(res.body.error.message, `Participant ${added.id as string} not found`);
  });
});
