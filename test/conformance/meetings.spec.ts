import assert from "node:assert/strict";
import { BadRequestError, NotFoundError } from "cloudflare";
import { dataOf, describeTargets, expectApiError, ISO_MS, unique, UUID } from "./harness";

describeTargets("Conformance: meetings", ({ target, cleanup }) => {
  const created: string[] = [];

  // Meetings cannot be deleted: retire the ones this suite made.
  cleanup(async (t) => {
    for (const id of created) {
      await t.client.realtimeKit.meetings.updateMeetingByID(id, { account_id: t.accountId, app_id: t.appId, status: "INACTIVE" });
    }
  });

  const aiConfig = {
    summarization: { summary_type: "team_meeting" as const, text_format: "markdown" as const, word_limit: 250 },
    transcription: { keywords: ["Pulumi"], language: "en-US" as const, profanity_filter: false },
  };

  it("create answers the meeting, ACTIVE, with server fields", async () => {
    const t = target();
    const title = unique("conformance-create");
    const { data: envelope, response } = await t.client.realtimeKit.meetings
      .create(t.appId, {
        account_id: t.accountId,
        title,
        persist_chat: true,
        session_keep_alive_time_in_secs: 120,
        ai_config: aiConfig,
        recording_config: {
          max_seconds: 600,
          realtimekit_bucket_config: { enabled: true },
          storage_config: { type: "aws", access_key: "AKIAEXAMPLE", secret: "not-returned", bucket: "b", region: "us-east-1" },
        },
      })
      .withResponse();
    const meeting = dataOf(envelope);
    created.push(meeting.id);
    assert.equal(response.status, 201);
    assert.match(meeting.id, UUID);
    assert.match(meeting.created_at, ISO_MS);
    assert.equal(meeting.updated_at, meeting.created_at);
    assert.equal(meeting.title, title);
    assert.equal(meeting.status, "ACTIVE");
    assert.equal(meeting.persist_chat, true);
    assert.equal(meeting.session_keep_alive_time_in_secs, 120);
    assert.deepEqual(meeting.ai_config, aiConfig);
    const storage = meeting.recording_config?.storage_config as Record<string, unknown>;
    assert.equal(storage.access_key, undefined);
    assert.equal(storage.secret, undefined);
    assert.equal(storage.bucket, "b");
    if (t.kind === "emulator") {
      assert.deepEqual(meeting, {
        id: meeting.id,
        title,
        status: "ACTIVE",
        record_on_start: false,
        live_stream_on_start: false,
        persist_chat: true,
        summarize_on_end: false,
        transcribe_on_end: false,
        session_keep_alive_time_in_secs: 120,
        ai_config: aiConfig,
        recording_config: {
          max_seconds: 600,
          realtimekit_bucket_config: { enabled: true },
          storage_config: { type: "aws", bucket: "b", region: "us-east-1" },
        },
        created_at: meeting.created_at,
        updated_at: meeting.created_at,
      });
    }
  });

  it("get, list (without ai_config), PATCH status and PUT round-trip", async () => {
    const t = target();
    const title = unique("conformance-roundtrip");
    const meetings = t.client.realtimeKit.meetings;
    const meeting = dataOf(await meetings.create(t.appId, { account_id: t.accountId, title, ai_config: aiConfig }));
    created.push(meeting.id);

    const got = await meetings.getMeetingByID(meeting.id, { account_id: t.accountId, app_id: t.appId });
    assert.deepEqual(dataOf(got), meeting);

    const list = await meetings.get(t.appId, { account_id: t.accountId, search: title, per_page: 10, page_no: 1 });
    assert.equal(list.success, true);
    assert.deepEqual(
      list.data.map((m) => m.id),
      [meeting.id],
    );
    assert.equal((list.data[0] as unknown as Record<string, unknown>).ai_config, undefined);
    assert.deepEqual(list.paging, { start_offset: 0, end_offset: 0, total_count: 1 });

    const patched = await meetings.updateMeetingByID(meeting.id, {
      account_id: t.accountId,
      app_id: t.appId,
      status: "INACTIVE",
      ai_config: { transcription: { language: "de" } },
    });
    assert.equal(dataOf(patched).status, "INACTIVE");
    assert.equal(dataOf(patched).ai_config?.transcription?.language, "de");
    assert.equal(dataOf(patched).ai_config?.summarization?.summary_type, "team_meeting");

    const inactive = await meetings.get(t.appId, { account_id: t.accountId, search: title, status: "INACTIVE" });
    assert.deepEqual(
      inactive.data.map((m) => m.id),
      [meeting.id],
    );

    const replaced = await meetings.replaceMeetingByID(meeting.id, {
      account_id: t.accountId,
      app_id: t.appId,
      title: `${title}-put`,
      record_on_start: true,
    });
    assert.equal(dataOf(replaced).title, `${title}-put`);
    assert.equal(dataOf(replaced).record_on_start, true);
    assert.equal(dataOf(replaced).status, "INACTIVE");
  });

  it("get answers NotFoundError for an unknown meeting", async () => {
    const t = target();
    const id = "00000000-0000-4000-8000-000000000000";
    await expectApiError(
      t,
      t.client.realtimeKit.meetings.getMeetingByID(id, { account_id: t.accountId, app_id: t.appId }),
      NotFoundError,
      `Meeting ${id} not found`,
    );
  });

  it("create answers BadRequestError for an invalid body", async () => {
    const t = target();
    await expectApiError(
      t,
      t.client.realtimeKit.meetings.create(t.appId, {
        account_id: t.accountId,
        session_keep_alive_time_in_secs: 100_000,
      }),
      BadRequestError,
      "session_keep_alive_time_in_secs must be between 60 and 600",
    );
  });
});
