import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { api, at, startTestEmulator } from "./helpers";

describe("Emulator meetings", () => {
  let emu: RunningEmulator;

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    emu.setClock(at(0));
  });

  const aiConfig = {
    summarization: { summary_type: "team_meeting", text_format: "markdown", word_limit: 250 },
    transcription: { keywords: ["Pulumi"], language: "de", profanity_filter: true },
  };
  const recordingConfig = {
    file_name_prefix: "rec",
    max_seconds: 3600,
    audio_config: { channel: "mono", codec: "MP3", export_file: false },
    realtimekit_bucket_config: { enabled: false },
    storage_config: { type: "aws", access_key: "AKIA", secret: "s3cr3t", bucket: "b", region: "eu-west-1", path: "rec/" },
  };

  async function create(body: Record<string, unknown>) {
    const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.data;
  }

  describe("create", () => {
    it("answers 201 with defaults filled in and no title when none was given", async () => {
      const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: {} });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body, {
        success: true,
        data: {
          id: res.body.data.id,
          status: "ACTIVE",
          record_on_start: false,
          live_stream_on_start: false,
          persist_chat: false,
          summarize_on_end: false,
          transcribe_on_end: false,
          session_keep_alive_time_in_secs: 60,
          created_at: at(0),
          updated_at: at(0),
        },
      });
      assert.match(res.body.data.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it("accepts a request without a body", async () => {
      const res = await api(emu, "POST", `/${emu.appId}/meetings`);
      assert.equal(res.status, 201);
    });

    it("never returns storage credentials, but keeps them", async () => {
      const meeting = await create({ title: "Rec", ai_config: aiConfig, recording_config: recordingConfig });
      assert.deepEqual(meeting.ai_config, aiConfig);
      assert.deepEqual(meeting.recording_config.storage_config, { type: "aws", bucket: "b", region: "eu-west-1", path: "rec/" });
      const got = await api(emu, "GET", `/${emu.appId}/meetings/${meeting.id}`);
      assert.equal(got.body.data.recording_config.storage_config.secret, undefined);
      assert.equal(got.body.data.recording_config.storage_config.access_key, undefined);
      const stored = emu.state().meetings[0].recording_config as { storage_config: Record<string, unknown> };
      assert.equal(stored.storage_config.secret, "s3cr3t");
    });

    it("answers 404 for an unknown app", async () => {
      const res = await api(emu, "POST", "/no-such-app/meetings", { body: {} });
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { success: false, error: { code: 404, message: "App no-such-app not found" } });
    });

    it("answers 400 naming the field", async () => {
      const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { status: "ACTIVE" } });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { success: false, error: { code: 400, message: "status is not allowed" } });
    });
  });

  describe("list", () => {
    it("pages, leaves out ai_config and filters by search, status and time", async () => {
      const a = await create({ title: "Alpha sync", ai_config: aiConfig });
      emu.advanceClock(1_000);
      const b = await create({ title: "Beta" });
      emu.advanceClock(1_000);
      const c = await create({ title: "Gamma" });
      await api(emu, "PATCH", `/${emu.appId}/meetings/${c.id}`, { body: { status: "INACTIVE" } });

      const page1 = await api(emu, "GET", `/${emu.appId}/meetings?per_page=2`);
      assert.deepEqual(page1.body.paging, { start_offset: 0, end_offset: 1, total_count: 3 });
      assert.deepEqual(
        page1.body.data.map((m: { id: string }) => m.id),
        [a.id, b.id],
      );
      assert.equal(page1.body.data[0].ai_config, undefined);
      const { ai_config: _ai, ...withoutAi } = a;
      assert.deepEqual(page1.body.data[0], withoutAi);

      const page2 = await api(emu, "GET", `/${emu.appId}/meetings?per_page=2&page_no=2`);
      assert.deepEqual(page2.body.paging, { start_offset: 2, end_offset: 2, total_count: 3 });
      const empty = await api(emu, "GET", `/${emu.appId}/meetings?per_page=2&page_no=3`);
      assert.deepEqual(empty.body, { success: true, data: [], paging: { start_offset: 4, end_offset: 4, total_count: 3 } });

      const search = await api(emu, "GET", `/${emu.appId}/meetings?search=ALPHA`);
      assert.deepEqual(
        search.body.data.map((m: { id: string }) => m.id),
        [a.id],
      );
      const byId = await api(emu, "GET", `/${emu.appId}/meetings?search=${b.id}`);
      assert.equal(byId.body.data[0].id, b.id);
      const inactive = await api(emu, "GET", `/${emu.appId}/meetings?status=INACTIVE`);
      assert.deepEqual(
        inactive.body.data.map((m: { id: string }) => m.id),
        [c.id],
      );
      const window = await api(emu, "GET", `/${emu.appId}/meetings?start_time=${at(500)}&end_time=${at(1_500)}`);
      assert.deepEqual(
        window.body.data.map((m: { id: string }) => m.id),
        [b.id],
      );
    });

    it("defaults to 20 per page and rejects bad paging values", async () => {
      for (let i = 0; i < 21; i++) {
        await create({ title: `m${i}` });
      }
      const res = await api(emu, "GET", `/${emu.appId}/meetings`);
      assert.equal(res.body.data.length, 20);
      assert.deepEqual(res.body.paging, { start_offset: 0, end_offset: 19, total_count: 21 });
      const zero = await api(emu, "GET", `/${emu.appId}/meetings?page_no=0&per_page=0`);
      assert.deepEqual(zero.body.paging, { start_offset: 0, end_offset: 19, total_count: 21 });
      const big = await api(emu, "GET", `/${emu.appId}/meetings?per_page=101`);
      assert.equal(big.status, 400);
      assert.equal(big.body.error.message, "per_page must be an integer between 0 and 100");
      const neg = await api(emu, "GET", `/${emu.appId}/meetings?page_no=-1`);
      assert.equal(neg.body.error.message, "page_no must be a non-negative integer");
      const time = await api(emu, "GET", `/${emu.appId}/meetings?start_time=yesterday`);
      assert.equal(time.body.error.message, "start_time must be an ISO 8601 date-time");
    });
  });

  describe("get", () => {
    it("answers 404 for an unknown meeting", async () => {
      const res = await api(emu, "GET", `/${emu.appId}/meetings/abc`);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.message, "Meeting abc not found");
    });

    it("ignores the unexplained name query parameter", async () => {
      const meeting = await create({ title: "x" });
      const res = await api(emu, "GET", `/${emu.appId}/meetings/${meeting.id}?name=whatever`);
      assert.deepEqual(res.body.data, meeting);
    });
  });

  describe("PATCH", () => {
    it("sets status and merges nested configs, replacing storage_config as a whole", async () => {
      const meeting = await create({ title: "T", persist_chat: true, ai_config: aiConfig, recording_config: recordingConfig });
      emu.advanceClock(5_000);
      const res = await api(emu, "PATCH", `/${emu.appId}/meetings/${meeting.id}`, {
        body: {
          status: "INACTIVE",
          ai_config: { transcription: { language: "fr" } },
          recording_config: { audio_config: { channel: "stereo" }, storage_config: { type: "gcs", bucket: "g" } },
        },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data, {
        ...meeting,
        status: "INACTIVE",
        ai_config: { ...aiConfig, transcription: { ...aiConfig.transcription, language: "fr" } },
        recording_config: {
          ...recordingConfig,
          audio_config: { channel: "stereo", codec: "MP3", export_file: false },
          storage_config: { type: "gcs", bucket: "g" },
        },
        updated_at: at(5_000),
      });
      const stored = emu.state().meetings[0].recording_config as { storage_config: Record<string, unknown> };
      assert.deepEqual(stored.storage_config, { type: "gcs", bucket: "g" });
    });

    it("can clear storage_config with null", async () => {
      const meeting = await create({ recording_config: recordingConfig });
      const res = await api(emu, "PATCH", `/${emu.appId}/meetings/${meeting.id}`, {
        body: { recording_config: { storage_config: null } },
      });
      assert.equal(res.body.data.recording_config.storage_config, null);
    });
  });

  describe("PUT", () => {
    it("replaces every field, resetting omitted ones to defaults and keeping status", async () => {
      const meeting = await create({ title: "Old", persist_chat: true, session_keep_alive_time_in_secs: 300, ai_config: aiConfig });
      await api(emu, "PATCH", `/${emu.appId}/meetings/${meeting.id}`, { body: { status: "INACTIVE" } });
      emu.advanceClock(1_000);
      const res = await api(emu, "PUT", `/${emu.appId}/meetings/${meeting.id}`, { body: { title: "New", record_on_start: true } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.data, {
        id: meeting.id,
        title: "New",
        status: "INACTIVE",
        record_on_start: true,
        live_stream_on_start: false,
        persist_chat: false,
        summarize_on_end: false,
        transcribe_on_end: false,
        session_keep_alive_time_in_secs: 60,
        created_at: at(0),
        updated_at: at(1_000),
      });
    });

    it("rejects status", async () => {
      const meeting = await create({});
      const res = await api(emu, "PUT", `/${emu.appId}/meetings/${meeting.id}`, { body: { status: "ACTIVE" } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.message, "status is not allowed");
    });
  });

  it("has no DELETE", async () => {
    const meeting = await create({});
    const res = await api(emu, "DELETE", `/${emu.appId}/meetings/${meeting.id}`);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get("allow"), "GET, PATCH, PUT");
  });
});
