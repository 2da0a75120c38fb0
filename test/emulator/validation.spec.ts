import assert from "node:assert/strict";
import { EmulatorHttpError } from "../../emulator/errors";
import { validateMeetingBody, validateMeetingPatch } from "../../emulator/validation/meeting";
import { validatePresetBody, validatePresetPatch } from "../../emulator/validation/preset";
import { validateWebhookBody, validateWebhookPatch } from "../../emulator/validation/webhook";
import { presetBody } from "./helpers";

/** Asserts that `run` throws a 400 EmulatorHttpError with exactly this message. */
function assertBadRequest(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof EmulatorHttpError);
    assert.equal(error.status, 400);
    assert.equal(error.message, message);
    return true;
  });
}

/** A deep copy of a valid preset body with `mutate` applied. */
function preset(mutate: (body: ReturnType<typeof presetBody>) => void): unknown {
  const body = structuredClone(presetBody("p"));
  mutate(body);
  return body;
}

describe("Emulator validation", () => {
  describe("preset", () => {
    it("accepts the full tree", () => {
      assert.deepEqual(validatePresetBody(presetBody("p")), presetBody("p"));
    });

    it("accepts every optional leaf", () => {
      const body = preset((b) => {
        Object.assign(b.config, { livestream_viewer_qualities: null });
        Object.assign(b.config.media, { audio: { enable_high_bitrate: true, enable_stereo: false } });
        Object.assign(b.config.media.video, { simulcast: true });
        Object.assign(b.permissions, {
          accept_stage_requests: true,
          is_recorder: false,
          stage_enabled: true,
          transcription_enabled: false,
          stage_access: "CAN_REQUEST",
        });
        b.permissions.plugins.config = {
          "7d4c2e1a-4e5b-4b0a-9f1e-2c3d4e5f6a7b": { access_control: "VIEW_ONLY", handles_view_only: true, extra: 1 },
        } as never;
        Object.assign(b.ui.design_tokens, { font_family: "Inter", google_font: "Inter", logo: "https://x/logo.png" });
        Object.assign(b.ui, { config_diff: {} });
      });
      assert.doesNotThrow(() => validatePresetBody(body));
    });

    const cases: Array<[string, (b: ReturnType<typeof presetBody>) => void, string]> = [
      [
        "a missing required leaf",
        (b) => delete (b.permissions as Partial<typeof b.permissions>).kick_participant,
        "permissions.kick_participant is required",
      ],
      [
        "a missing nested object",
        (b) => delete (b.config as Partial<typeof b.config>).max_video_streams,
        "config.max_video_streams is required",
      ],
      [
        "a missing colour",
        (b) => delete (b.ui.design_tokens.colors.background as Partial<Record<string, string>>)["1000"],
        "ui.design_tokens.colors.background.1000 is required",
      ],
      [
        "a wrong enum",
        (b) => Object.assign(b.config, { view_type: "MEETING" }),
        "config.view_type must be one of GROUP_CALL, WEBINAR, AUDIO_ROOM, LIVESTREAM",
      ],
      [
        "a wrong nested enum",
        (b) => Object.assign(b.permissions.media.audio, { can_produce: "YES" }),
        "permissions.media.audio.can_produce must be one of ALLOWED, NOT_ALLOWED, CAN_REQUEST",
      ],
      ["a wrong type", (b) => Object.assign(b.permissions, { kick_participant: "true" }), "permissions.kick_participant must be a boolean"],
      [
        "a non-integer count",
        (b) => Object.assign(b.config, { max_screenshare_count: 1.5 }),
        "config.max_screenshare_count must be an integer",
      ],
      [
        "a negative count",
        (b) => Object.assign(b.config.max_video_streams, { mobile: -1 }),
        "config.max_video_streams.mobile must be at least 0",
      ],
      ["an unknown key", (b) => Object.assign(b.permissions, { kickParticipant: true }), "permissions.kickParticipant is not allowed"],
      [
        "kick_participant in the wrong place",
        (b) => Object.assign(b.permissions.media, { kick_participant: true }),
        "permissions.media.kick_participant is not allowed",
      ],
      [
        "a plugin id that is not a UUID",
        (b) => Object.assign(b.permissions.plugins, { config: { abc: {} } }),
        "permissions.plugins.config.abc is not allowed: keys of permissions.plugins.config must be UUIDs",
      ],
      [
        "a wrong plugin access",
        (b) => Object.assign(b.permissions.plugins, { config: { "7d4c2e1a-4e5b-4b0a-9f1e-2c3d4e5f6a7b": { access_control: "ALL" } } }),
        "permissions.plugins.config.7d4c2e1a-4e5b-4b0a-9f1e-2c3d4e5f6a7b.access_control must be one of FULL_ACCESS, VIEW_ONLY",
      ],
      [
        "a missing plugin config",
        (b) => delete (b.permissions.plugins as Partial<typeof b.permissions.plugins>).config,
        "permissions.plugins.config is required",
      ],
      ["an empty name", (b) => Object.assign(b, { name: " " }), "name must not be empty"],
      ["null where not nullable", (b) => Object.assign(b.ui.design_tokens, { theme: null }), "ui.design_tokens.theme must not be null"],
      [
        "a non-numeric quality list",
        (b) => Object.assign(b.config, { livestream_viewer_qualities: [720, "1080"] }),
        "config.livestream_viewer_qualities[1] must be a number",
      ],
    ];
    for (const [what, mutate, message] of cases) {
      it(`rejects ${what}: "${message}"`, () => {
        assertBadRequest(() => validatePresetBody(preset(mutate)), message);
      });
    }

    it("rejects a body that is not an object", () => {
      assertBadRequest(() => validatePresetBody([]), "request body must be a JSON object");
    });

    it("treats PATCH as a deep partial but still checks types, enums and unknown keys", () => {
      assert.doesNotThrow(() => validatePresetPatch({ permissions: { media: { video: {} } } }));
      assert.doesNotThrow(() => validatePresetPatch({}));
      assertBadRequest(
        () => validatePresetPatch({ config: { media: { video: { quality: "8k" } } } }),
        "config.media.video.quality must be one of hd, vga, qvga, fhd, uhd",
      );
      assertBadRequest(() => validatePresetPatch({ permissions: { host: {} } }), "permissions.host is not allowed");
    });
  });

  describe("meeting", () => {
    it("accepts {} and nulls on create", () => {
      assert.deepEqual(validateMeetingBody({}), {});
      assert.doesNotThrow(() => validateMeetingBody({ title: null, record_on_start: null, live_stream_on_start: null }));
    });

    it("accepts full ai_config and recording_config", () => {
      assert.doesNotThrow(() =>
        validateMeetingBody({
          ai_config: {
            summarization: { summary_type: "daily_standup", text_format: "markdown", word_limit: 300 },
            transcription: { keywords: ["Pulumi"], language: "en-US", profanity_filter: true },
          },
          recording_config: {
            file_name_prefix: "rec",
            max_seconds: 3600,
            audio_config: { channel: "stereo", codec: "AAC", export_file: true },
            video_config: {
              codec: "VP9",
              width: 1280,
              height: 720,
              export_file: false,
              watermark: { url: "https://x/w.png", position: "left top", size: { width: 10, height: 10 } },
            },
            live_streaming_config: { rtmp_url: "rtmp://x/live" },
            realtimekit_bucket_config: { enabled: true },
            storage_config: { type: "aws", access_key: "AK", secret: "S", bucket: "b", region: "us-east-1", path: "p" },
          },
        }),
      );
    });

    const cases: Array<[string, unknown, string]> = [
      ["status on create", { status: "INACTIVE" }, "status is not allowed"],
      ["an unknown key", { titel: "x" }, "titel is not allowed"],
      ["a keep-alive over 600", { session_keep_alive_time_in_secs: 601 }, "session_keep_alive_time_in_secs must be between 60 and 600"],
      [
        "a wrong summary type",
        { ai_config: { summarization: { summary_type: "poem" } } },
        "ai_config.summarization.summary_type must be one of general, team_meeting, sales_call, client_check_in, interview, daily_standup, one_on_one_meeting, lecture, code_review",
      ],
      [
        "a wrong language",
        { ai_config: { transcription: { language: "xx" } } },
        "ai_config.transcription.language must be one of en-US, en-IN, de, hi, sv, ru, pl, el, fr, nl",
      ],
      ["max_seconds under 60", { recording_config: { max_seconds: 59 } }, "recording_config.max_seconds must be between 60 and 86400"],
      [
        "a bucket config without enabled",
        { recording_config: { realtimekit_bucket_config: {} } },
        "recording_config.realtimekit_bucket_config.enabled is required",
      ],
      [
        "a watermark position",
        { recording_config: { video_config: { watermark: { position: "center" } } } },
        "recording_config.video_config.watermark.position must be one of left top, right top, left bottom, right bottom",
      ],
      [
        "aws storage without access_key",
        { recording_config: { storage_config: { type: "aws", region: "x" } } },
        "recording_config.storage_config.access_key is required when type is aws",
      ],
      [
        "KEY auth without private_key",
        { recording_config: { storage_config: { type: "sftp", auth_method: "KEY" } } },
        "recording_config.storage_config.private_key is required when auth_method is KEY",
      ],
      [
        "PASSWORD auth without password",
        { recording_config: { storage_config: { type: "sftp", auth_method: "PASSWORD" } } },
        "recording_config.storage_config.password is required when auth_method is PASSWORD",
      ],
    ];
    for (const [what, body, message] of cases) {
      it(`rejects ${what}: "${message}"`, () => {
        assertBadRequest(() => validateMeetingBody(body), message);
      });
    }

    it("takes status on PATCH but no nulls", () => {
      assert.deepEqual(validateMeetingPatch({ status: "INACTIVE" }), { status: "INACTIVE" });
      assertBadRequest(() => validateMeetingPatch({ title: null }), "title must not be null");
      assertBadRequest(() => validateMeetingPatch({ status: "PAUSED" }), "status must be one of ACTIVE, INACTIVE");
    });
  });

  describe("webhook", () => {
    it("accepts the nine event names", () => {
      assert.doesNotThrow(() =>
        validateWebhookBody({
          name: "w",
          url: "https://example.com/hook",
          events: [
            "meeting.started",
            "meeting.ended",
            "meeting.participantJoined",
            "meeting.participantLeft",
            "meeting.chatSynced",
            "recording.statusUpdate",
            "livestreaming.statusUpdate",
            "meeting.transcript",
            "meeting.summary",
          ],
          enabled: false,
        }),
      );
    });

    const cases: Array<[string, unknown, string]> = [
      [
        "an unknown event",
        { name: "w", url: "https://x.dev", events: ["meeting.started", "meeting.foo"] },
        "events[1] must be one of meeting.started, meeting.ended, meeting.participantJoined, meeting.participantLeft, meeting.chatSynced, recording.statusUpdate, livestreaming.statusUpdate, meeting.transcript, meeting.summary",
      ],
      ["no events", { name: "w", url: "https://x.dev", events: [] }, "events must contain at least 1 item"],
      [
        "a duplicate event",
        { name: "w", url: "https://x.dev", events: ["meeting.started", "meeting.started"] },
        "events[1] is a duplicate",
      ],
      ["a missing url", { name: "w", events: ["meeting.started"] }, "url is required"],
      ["a non-http url", { name: "w", url: "ftp://x.dev", events: ["meeting.started"] }, "url must be a valid http or https URL"],
      ["a relative url", { name: "w", url: "/hook", events: ["meeting.started"] }, "url must be a valid http or https URL"],
      ["a missing name", { url: "https://x.dev", events: ["meeting.started"] }, "name is required"],
      ["an unknown key", { name: "w", url: "https://x.dev", events: ["meeting.started"], secret: "s" }, "secret is not allowed"],
    ];
    for (const [what, body, message] of cases) {
      it(`rejects ${what}: "${message}"`, () => {
        assertBadRequest(() => validateWebhookBody(body), message);
      });
    }

    it("makes every field optional on PATCH", () => {
      assert.deepEqual(validateWebhookPatch({ enabled: false }), { enabled: false });
      assertBadRequest(() => validateWebhookPatch({ enabled: "no" }), "enabled must be a boolean");
    });
  });
});
