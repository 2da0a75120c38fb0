/**
 * Adoption: objects made outside Pulumi (a preset with the same name, a webhook with the same URL,
 * a meeting by id) are taken over by `up` without a POST, then brought to the declared state.
 */
import assert from "node:assert/strict";
import { describeRequest, writes } from "../support/emulatorControl";
import { ENGINE_TIMEOUT_MS, outputsOf, plainOutputs, startEngineFixture, type EngineFixture } from "./harness";
import { camelCaseOf } from "./wire";
import { mergePresetDefaults } from "../../provider/resources/presetTree";

/** A complete preset as a dashboard would create it (every field the create body requires). */
function handMadePresetBody(name: string): Record<string, unknown> {
  const can = (value: boolean) => value;
  return {
    name,
    config: {
      view_type: "GROUP_CALL",
      max_screenshare_count: 1,
      max_video_streams: { desktop: 9, mobile: 4 },
      media: {
        video: { quality: "hd", frame_rate: 30 },
        screenshare: { quality: "hd", frame_rate: 5 },
      },
    },
    permissions: {
      accept_waiting_requests: can(false),
      can_accept_production_requests: can(false),
      can_change_participant_permissions: can(false),
      can_edit_display_name: can(true),
      can_livestream: can(false),
      can_record: can(false),
      can_spotlight: can(false),
      disable_participant_audio: can(false),
      disable_participant_screensharing: can(false),
      disable_participant_video: can(false),
      hidden_participant: can(false),
      kick_participant: can(false),
      pin_participant: can(false),
      show_participant_list: can(true),
      recorder_type: "NONE",
      waiting_room_type: "SKIP",
      chat: {
        public: { can_send: true, text: true, files: false },
        private: { can_send: false, can_receive: true, text: true, files: false },
      },
      connected_meetings: {
        can_alter_connected_meetings: false,
        can_switch_connected_meetings: false,
        can_switch_to_parent_meeting: false,
      },
      media: {
        audio: { can_produce: "ALLOWED" },
        video: { can_produce: "ALLOWED" },
        screenshare: { can_produce: "NOT_ALLOWED" },
      },
      plugins: { can_start: false, can_close: false, can_edit_config: false, config: {} },
      polls: { can_create: false, can_view: true, can_vote: true },
    },
    ui: {
      design_tokens: {
        theme: "dark",
        border_radius: "rounded",
        border_width: "thin",
        spacing_base: 4,
        colors: {
          background: { 600: "#222222", 700: "#1f1f1f", 800: "#1b1b1b", 900: "#181818", 1000: "#141414" },
          brand: { 300: "#844d1c", 400: "#9d5b22", 500: "#b56927", 600: "#d37c30", 700: "#d9904f" },
          danger: "#FF2D2D",
          success: "#62A504",
          text: "#EEEEEE",
          text_on_brand: "#EEEEEE",
          video_bg: "#191919",
          warning: "#FFCD07",
        },
      },
    },
  };
}

describe("Engine: adoption", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  let fixture: EngineFixture;
  const hookUrl = "http://127.0.0.1:9/hand-made";

  before(async () => {
    fixture = await startEngineFixture({ stackName: "adopt" });
  });

  after(async () => {
    await fixture?.dispose();
  });

  it("takes over a hand-made preset, webhook and meeting without a POST and applies the declared state", async () => {
    const preset = await fixture.control.rest<{ id: string }>("POST", "presets", handMadePresetBody("studio-host"));
    assert.equal(preset.status, 200, JSON.stringify(preset.body));
    const webhook = await fixture.control.rest<{ id: string }>("POST", "webhooks", {
      name: "hand-made",
      url: hookUrl,
      events: ["meeting.started"],
      enabled: false,
    });
    assert.equal(webhook.status, 201, JSON.stringify(webhook.body));
    const meeting = await fixture.control.rest<{ id: string; created_at: string }>("POST", "meetings", { title: "Made by hand" });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    const handMade = { preset: preset.body.data!.id, webhook: webhook.body.data!.id, meeting: meeting.body.data!.id };

    fixture.desired = {
      meetings: { studio: { adoptMeetingId: handMade.meeting, title: "Studio (managed)" } },
      webhooks: { studioHook: { name: "studio", url: hookUrl, events: ["meeting.ended"], adoptExisting: true } },
      presets: { studioHost: { name: "studio-host", adoptExisting: true, permissions: { kickParticipant: true } } },
    };
    const cursor = await fixture.control.mark();
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
    assert.deepEqual(plainOutputs(result.outputs), {
      studio: handMade.meeting,
      studioHook: handMade.webhook,
      studioHost: handMade.preset,
    });

    const lines = writes(await cursor.since()).map((request) => describeRequest(request, fixture.control.appPath));
    assert.deepEqual(lines.filter((line) => line.startsWith("POST")), []);
    assert.deepEqual(lines.sort(), [
      `PATCH meetings/${handMade.meeting}`,
      `PATCH presets/${handMade.preset}`,
      `PATCH webhooks/${handMade.webhook}`,
    ]);

    const remoteMeeting = await fixture.control.get(`meetings/${handMade.meeting}`);
    assert.equal(remoteMeeting.title, "Studio (managed)");
    assert.equal(remoteMeeting.status, "ACTIVE");
    assert.equal(remoteMeeting.created_at, meeting.body.data!.created_at);
    const remoteWebhook = await fixture.control.get(`webhooks/${handMade.webhook}`);
    assert.deepEqual(
      { name: remoteWebhook.name, url: remoteWebhook.url, events: remoteWebhook.events, enabled: remoteWebhook.enabled },
      { name: "studio", url: hookUrl, events: ["meeting.ended"], enabled: true },
    );
    const remotePreset = await fixture.control.get(`presets/${handMade.preset}`);
    const permissions = remotePreset.permissions as Record<string, unknown>;
    assert.equal(permissions.kick_participant, true);

    const state = await fixture.state();
    assert.equal(outputsOf(state, "studio").title, "Studio (managed)");
    assert.equal(outputsOf(state, "studio").createdAt, meeting.body.data!.created_at);
    assert.equal(outputsOf(state, "studioHook").enabled, true);
    // The declared preset is the documented defaults plus the program's leaves (as on create), so the
    // adopted preset now holds exactly what the state says (its leaves off the defaults, filled in
    // with the defaults), hand-made leaves included.
    const presetOutputs = outputsOf(state, "studioHost");
    const complete = mergePresetDefaults({ config: presetOutputs.config, permissions: presetOutputs.permissions, ui: presetOutputs.ui } as never);
    assert.deepEqual(complete.permissions, camelCaseOf(remotePreset.permissions));
    assert.deepEqual(complete.config, camelCaseOf(remotePreset.config));
    assert.deepEqual(complete.ui, camelCaseOf(remotePreset.ui));

    const again = await fixture.preview();
    assert.deepEqual(again.changeSummary, { same: 4 });
  });
});
