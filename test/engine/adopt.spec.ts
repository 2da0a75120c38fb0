/**
 * Adoption: objects made outside Pulumi (a preset with the same name, a webhook with the same URL,
 * a meeting by id) are taken over by `up` without a POST, then brought to the declared state.
 */
import assert from "node:assert/strict";
import { describeRequest, writes } from "../../harness/emulatorControl";
import { handMadePresetBody } from "../../harness/handMade";
import { ENGINE_TIMEOUT_MS, outputsOf, plainOutputs, startEngineFixture, type EngineFixture } from "./harness";
import { camelCaseOf } from "./wire";
import { mergePresetDefaults } from "../../provider/resources/presetTree";

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
    assert.equal(preset.status, 201, JSON.stringify(preset.body));
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
    assert.deepEqual(
      lines.filter((line) => line.startsWith("POST")),
      [],
    );
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
    const complete = mergePresetDefaults({
      config: presetOutputs.config,
      permissions: presetOutputs.permissions,
      ui: presetOutputs.ui,
    } as never);
    assert.deepEqual(complete.permissions, camelCaseOf(remotePreset.permissions));
    assert.deepEqual(complete.config, camelCaseOf(remotePreset.config));
    // The hand-made preset has no `config_diff`, which the diff takes for the default empty one: so
    // adoption sends none, and only the filled-in tree shows it.
    const { configDiff, ...completeUi } = complete.ui;
    assert.deepEqual(configDiff, {});
    assert.deepEqual(completeUi, camelCaseOf(remotePreset.ui));

    const again = await fixture.preview();
    assert.deepEqual(again.changeSummary, { same: 4 });
  });
});
