/**
 * The emulator against Cloudflare's published spec: every emulated operation is driven at least
 * once to a success answer, and every answer (errors included) is checked against the spec's
 * status list and schema; every spec operation the emulator does not emulate answers 501 naming
 * it. Request bodies this suite sends are checked against the spec too, so the examples here are
 * valid API calls.
 */
import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { SPEC_OPERATIONS } from "../../emulator/specOperations";
import { type ApiResponse, api, presetBody, startTestEmulator } from "../emulator/helpers";
import { SpecChecker, type Violation } from "./openapi";

/** A UUID that names nothing in the emulator. */
const NOWHERE = "00000000-0000-4000-8000-000000000000";

describe("Spec conformance: the emulator answers as Cloudflare's published spec says", () => {
  const checker = new SpecChecker();
  let emu: RunningEmulator;
  /** Violations found by the current test. */
  let violations: Violation[];
  /** operationId → statuses answered, over the whole suite. */
  const answered = new Map<string, Set<number>>();

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu?.close());
  beforeEach(() => {
    emu.reset();
    violations = [];
  });
  afterEach(function () {
    if (this.currentTest?.state === "passed") {
      assert.deepEqual(violations, [], "answers or request bodies that disagree with the spec");
    }
  });

  const fullPath = (kitPath: string) => `/accounts/${emu.accountId}/realtime/kit${kitPath}`;

  /**
   * Calls the API, checks the answer against the spec and (unless `invalidBody`) the request body
   * against the request schema, and expects `status`.
   */
  async function call(
    method: string,
    kitPath: string,
    status: number,
    options: { body?: unknown; invalidBody?: boolean } = {},
  ): Promise<ApiResponse> {
    const res = await api(emu, method, kitPath, { body: options.body });
    assert.equal(res.status, status, `${method} ${kitPath}: ${JSON.stringify(res.body)}`);
    violations.push(...checker.checkResponse(method, fullPath(kitPath), res.status, res.body));
    if (!options.invalidBody) {
      violations.push(...checker.checkRequestBody(method, fullPath(kitPath), options.body));
    }
    const operation = checker.operationOf(method, fullPath(kitPath));
    if (operation !== undefined) {
      const statuses = answered.get(operation.operationId) ?? new Set<number>();
      statuses.add(res.status);
      answered.set(operation.operationId, statuses);
    }
    return res;
  }

  /** A full meeting body using every settable field, with values inside the spec's ranges. */
  const meetingBody = {
    title: "Standup",
    record_on_start: false,
    live_stream_on_start: false,
    persist_chat: true,
    summarize_on_end: true,
    session_keep_alive_time_in_secs: 120,
    ai_config: {
      summarization: { summary_type: "daily_standup", text_format: "markdown", word_limit: 300 },
      transcription: { keywords: ["standup"], language: "en-US", profanity_filter: false },
    },
    recording_config: {
      file_name_prefix: "standup",
      max_seconds: 3600,
      audio_config: { channel: "stereo", codec: "AAC", export_file: true },
      video_config: {
        codec: "H264",
        width: 1280,
        height: 720,
        export_file: true,
        watermark: { url: "https://example.com/logo.png", position: "left top", size: { width: 64, height: 64 } },
      },
      live_streaming_config: { rtmp_url: "rtmps://live.example.com/app/key" },
      realtimekit_bucket_config: { enabled: true },
    },
  };

  it("apps: list, create, get by id", async () => {
    await call("GET", "/apps", 200);
    const created = await call("POST", "/apps", 200, { body: { name: "second" } });
    const id = created.body.data.app.id as string;
    const got = await call("GET", `/apps/${id}`, 200);
    assert.deepEqual(got.body.data, created.body.data.app);
    await call("GET", `/apps/${NOWHERE}`, 404);
  });

  it("presets: create (201), list, get, PATCH (with data.id), PUT, DELETE, and the 4xx answers", async () => {
    const base = `/${emu.appId}/presets`;
    const created = await call("POST", base, 201, { body: presetBody("host") });
    const id = created.body.data.id as string;
    await call("POST", base, 409, { body: presetBody("host") });
    await call("POST", base, 400, { body: { name: "broken" }, invalidBody: true });
    await call("GET", base, 200);
    await call("GET", `${base}/${id}`, 200);
    const patched = await call("PATCH", `${base}/${id}`, 200, { body: { permissions: { kick_participant: true } } });
    assert.equal(patched.body.data.id, id);
    await call("PUT", `${base}/${id}`, 200, { body: presetBody("host") });
    await call("DELETE", `${base}/${id}`, 200);
    await call("GET", `${base}/${id}`, 404);
  });

  it("meetings: create (201), list, get, PATCH, PUT, and the 4xx answers", async () => {
    const base = `/${emu.appId}/meetings`;
    const created = await call("POST", base, 201, { body: meetingBody });
    const id = created.body.data.id as string;
    await call("POST", base, 201, { body: {} });
    await call("GET", base, 200);
    await call("GET", `${base}/${id}`, 200);
    await call("PATCH", `${base}/${id}`, 200, { body: { status: "INACTIVE", ai_config: { summarization: { word_limit: 1000 } } } });
    await call("PUT", `${base}/${id}`, 200, { body: meetingBody });
    await call("GET", `${base}/${NOWHERE}`, 404);
    await call("POST", base, 400, { body: { session_keep_alive_time_in_secs: 30 }, invalidBody: true });
    await call("POST", base, 400, { body: { ai_config: { summarization: { word_limit: 100 } } }, invalidBody: true });
    await call("POST", base, 400, { body: { recording_config: { video_config: { width: 1921 } } }, invalidBody: true });
  });

  it("participants, the active session and sessions: every operation, live and idle", async () => {
    await call("POST", `/${emu.appId}/presets`, 201, { body: presetBody("host") });
    const meetingId = (await call("POST", `/${emu.appId}/meetings`, 201, { body: { title: "Live" } })).body.data.id as string;
    const participants = `/${emu.appId}/meetings/${meetingId}/participants`;
    const active = `/${emu.appId}/meetings/${meetingId}/active-session`;

    const added = await call("POST", participants, 201, {
      body: { custom_participant_id: "u-1", preset_name: "host", name: "Ann", picture: "https://example.com/ann.png" },
    });
    const participantId = added.body.data.id as string;
    await call("POST", participants, 400, {
      body: { custom_participant_id: "u-2", preset_name: "host", picture: "not a uri" },
      invalidBody: true,
    });
    await call("GET", participants, 200);
    await call("GET", `${participants}/${participantId}`, 200);
    await call("PATCH", `${participants}/${participantId}`, 200, { body: { name: "Ann B." } });
    await call("POST", `${participants}/${participantId}/token`, 200);

    // Nothing live yet.
    await call("GET", active, 404);
    await call("POST", `${active}/kick-all`, 404);

    emu.join(meetingId, 2);
    await call("GET", active, 200);
    const ids = { participant_ids: [participantId], custom_participant_ids: [] };
    await call("POST", `${active}/mute`, 200, { body: ids });
    await call("POST", `${active}/mute-all`, 200, { body: { allow_unmute: true } });
    await call("POST", `${active}/poll`, 201, { body: { question: "Lunch?", options: ["yes", "no"] } });
    await call("POST", `${active}/kick`, 200, { body: ids });
    await call("POST", `${active}/kick-all`, 200);

    const sessions = await call("GET", `/${emu.appId}/sessions`, 200);
    const sessionId = sessions.body.data.sessions[0].id as string;
    await call("GET", `/${emu.appId}/sessions/${sessionId}`, 200);
    await call("GET", `/${emu.appId}/sessions/${NOWHERE}`, 404);

    await call("DELETE", `${participants}/${participantId}`, 200);
    await call("GET", `${participants}/${participantId}`, 404);
  });

  it("webhooks: create (201), list, get, PATCH, PUT, DELETE, and the 4xx answers", async () => {
    const base = `/${emu.appId}/webhooks`;
    await call("GET", base, 404); // the app has none: see emptyWebhookList in the README's assumptions
    const body = { name: "ended", url: "https://example.com/hook", events: ["meeting.ended"] };
    const created = await call("POST", base, 201, { body });
    const id = created.body.data.id as string;
    await call("POST", base, 409, { body });
    await call("GET", base, 200);
    await call("GET", `${base}/${id}`, 200);
    await call("PATCH", `${base}/${id}`, 200, { body: { enabled: false } });
    await call("PUT", `${base}/${id}`, 200, { body: { ...body, events: ["meeting.started", "meeting.ended"] } });
    await call("DELETE", `${base}/${id}`, 200);
  });

  it("answers 401 / 403 in the Cloudflare v4 error shape", async () => {
    for (const [authorization, status] of [
      [null, 401],
      ["Bearer wrong", 403],
    ] as const) {
      const res = await api(emu, "GET", "/apps", { authorization });
      assert.equal(res.status, status);
      violations.push(...checker.checkResponse("GET", fullPath("/apps"), res.status, res.body));
    }
  });

  it("answers 501 naming the operation for every spec operation it does not emulate", async () => {
    const notEmulated: string[] = [];
    for (const operation of SPEC_OPERATIONS) {
      if (answered.has(operation.operationId)) {
        continue;
      }
      const kitPath = operation.pattern.replace(/:[a-z_]+/g, (param) => (param === ":app_id" ? emu.appId : NOWHERE));
      const res = await api(emu, operation.method, kitPath, { body: operation.method === "GET" ? undefined : {} });
      assert.equal(
        res.status,
        501,
        `${operation.operationId} (${operation.method} ${kitPath}) answered ${res.status}: ${JSON.stringify(res.body)}`,
      );
      assert.deepEqual(res.body, {
        success: false,
        error: { code: 501, message: `${operation.operationId} (${operation.method} ${operation.pattern}) is not emulated` },
      });
      notEmulated.push(operation.operationId);
    }
    const emulated = SPEC_OPERATIONS.filter((operation) => answered.get(operation.operationId) !== undefined);
    for (const operation of emulated) {
      const statuses = [...(answered.get(operation.operationId) ?? [])];
      assert.ok(
        statuses.some((status) => status >= 200 && status < 300),
        `${operation.operationId} was never answered with a success`,
      );
    }
    assert.equal(emulated.length + notEmulated.length, 62);
    assert.equal(emulated.length, 34, `emulated: ${emulated.map((operation) => operation.operationId).join(", ")}`);
  });

  it("applies every schema waiver somewhere in the spec (none is stale)", () => {
    // Compiling the operations above applied the waivers' patches; each must have matched.
    assert.deepEqual([...checker.appliedWaivers].sort(), [
      "optional-logo",
      "plugins-config-map",
      "sdk-wider-enums",
      "session-details-wrapper",
    ]);
  });
});
