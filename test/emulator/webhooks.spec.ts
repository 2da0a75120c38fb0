import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { api, at, startTestEmulator } from "./helpers";

describe("Emulator webhooks", () => {
  let emu: RunningEmulator;
  const body = { name: "hook", url: "https://example.com/a", events: ["meeting.started", "meeting.ended"] };

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    emu.setClock(at(0));
  });

  async function create(overrides: Record<string, unknown> = {}) {
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, { body: { ...body, ...overrides } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data;
  }

  it("create answers 201, enabled by default", async () => {
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, { body });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, {
      success: true,
      data: { id: res.body.data.id, ...body, enabled: true, created_at: at(0), updated_at: at(0) },
    });
  });

  it("create answers 409 for a URL already used in the app, even under another name", async () => {
    await create();
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, { body: { ...body, name: "other" } });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, {
      success: false,
      error: { code: 409, message: `A webhook with url https://example.com/a already exists in app ${emu.appId}` },
    });
    const sameName = await api(emu, "POST", `/${emu.appId}/webhooks`, { body: { ...body, url: "https://example.com/b" } });
    assert.equal(sameName.status, 201);
  });

  it("list answers 404 when the app has none, else every webhook without paging", async () => {
    const none = await api(emu, "GET", `/${emu.appId}/webhooks`);
    assert.equal(none.status, 404);
    assert.deepEqual(none.body, { success: false, error: { code: 404, message: `No webhooks found for app ${emu.appId}` } });
    const a = await create();
    const b = await create({ url: "https://example.com/b", enabled: false });
    const res = await api(emu, "GET", `/${emu.appId}/webhooks`);
    assert.deepEqual(res.body, { success: true, data: [a, b] });
  });

  it("PATCH changes only the given fields, with 409 on another webhook's URL", async () => {
    const a = await create();
    await create({ url: "https://example.com/b" });
    emu.advanceClock(1_000);
    const res = await api(emu, "PATCH", `/${emu.appId}/webhooks/${a.id as string}`, { body: { enabled: false } });
    assert.deepEqual(res.body.data, { ...a, enabled: false, updated_at: at(1_000) });
    const taken = await api(emu, "PATCH", `/${emu.appId}/webhooks/${a.id as string}`, { body: { url: "https://example.com/b" } });
    assert.equal(taken.status, 409);
    const own = await api(emu, "PATCH", `/${emu.appId}/webhooks/${a.id as string}`, { body: { url: "https://example.com/a" } });
    assert.equal(own.status, 200);
  });

  it("PUT replaces, resetting enabled to true when omitted", async () => {
    const a = await create({ enabled: false });
    const res = await api(emu, "PUT", `/${emu.appId}/webhooks/${a.id as string}`, {
      body: { name: "renamed", url: "https://example.com/c", events: ["meeting.summary"] },
    });
    assert.deepEqual(res.body.data, {
      ...a,
      name: "renamed",
      url: "https://example.com/c",
      events: ["meeting.summary"],
      enabled: true,
    });
    const missing = await api(emu, "PUT", `/${emu.appId}/webhooks/${a.id as string}`, { body: { name: "x" } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.message, "url is required");
  });

  it("DELETE answers the deleted webhook, then 404", async () => {
    const a = await create();
    const res = await api(emu, "DELETE", `/${emu.appId}/webhooks/${a.id as string}`);
    assert.deepEqual(res.body, { success: true, data: a });
    const again = await api(emu, "DELETE", `/${emu.appId}/webhooks/${a.id as string}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.message, `Webhook ${a.id as string} not found`);
  });

  it("rejects an unknown event naming its index", async () => {
    const res = await api(emu, "POST", `/${emu.appId}/webhooks`, {
      body: { ...body, events: ["meeting.started", "recording.started"] },
    });
    assert.equal(res.status, 400);
    assert.match(res.body.error.message, /^events\[1\] must be one of meeting\.started, /);
  });
});
