/**
 * The real Pulumi engine through a whole lifecycle against the emulator: create, no-op, in-place
 * updates, INACTIVE with people in the meeting (kick-all first, signed `meeting.ended` delivery),
 * destroy. Every step checks what the engine reported and what the emulator saw.
 *
 * It runs twice: against the emulator's default answers, and with every open question the spec
 * and SDK leave unsettled answered the other way (`FLIPPED_VARIANTS`): the provider must be
 * correct under both.
 */
import assert from "node:assert/strict";
import { type EmulatorVariants, FLIPPED_VARIANTS } from "../../emulator";
import { describeRequest, writes } from "../../harness/emulatorControl";
import { fetchWebhookPublicKey, startWebhookReceiver, verifyDeliverySignature, type WebhookReceiver } from "../../harness/webhookReceiver";
import { ENGINE_TIMEOUT_MS, outputsOf, plainOutputs, startEngineFixture, stopAfterFirstFailure, type EngineFixture } from "./harness";
import { camelCaseOf } from "./wire";
import { mergePresetDefaults } from "../../provider/resources/presetTree";

/** A preset's stored trees with the defaults filled in, as the Preset class gives them to the program. */
function completeTrees(outputs: Record<string, unknown>): Record<string, unknown> {
  return mergePresetDefaults({ config: outputs.config, permissions: outputs.permissions, ui: outputs.ui } as never) as never;
}

const RUNS: readonly { readonly label: string; readonly stackName: string; readonly variants?: EmulatorVariants }[] = [
  { label: "default answers", stackName: "lifecycle" },
  { label: "every open question answered the other way", stackName: "lifecycle-flipped", variants: FLIPPED_VARIANTS },
];

for (const run of RUNS)
  describe(`Engine: lifecycle (${run.label})`, function () {
    this.timeout(ENGINE_TIMEOUT_MS);
    stopAfterFirstFailure();

    let fixture: EngineFixture;
    let receiver: WebhookReceiver;
    /** Ids by logical name, from the first up's stack outputs. */
    let ids: Record<string, string>;

    before(async () => {
      receiver = await startWebhookReceiver();
      fixture = await startEngineFixture({ stackName: run.stackName, variants: run.variants });
      fixture.desired = {
        meetings: {
          standup: { title: "Daily standup" },
          archive: { title: "Old all-hands", status: "INACTIVE" },
        },
        webhooks: {
          ended: { name: "session-ended", url: receiver.url, events: ["meeting.ended"] },
        },
        presets: {
          host: { name: "host", permissions: { kickParticipant: true } },
        },
      };
    });

    after(async () => {
      await fixture?.dispose();
      await receiver?.close();
    });

    const requestsOf = async (cursor: { since(): Promise<import("../../harness/emulatorControl").LoggedRequest[]> }) =>
      (await cursor.since()).map((request) => describeRequest(request, fixture.control.appPath));

    it("creates an ACTIVE and an INACTIVE meeting, a meeting.ended webhook and a host preset", async () => {
      const cursor = await fixture.control.mark();
      const result = await fixture.up();

      assert.equal(result.summary.result, "succeeded");
      assert.deepEqual(result.summary.resourceChanges, { create: 5 });
      ids = plainOutputs(result.outputs) as Record<string, string>;
      assert.deepEqual(Object.keys(ids).sort(), ["archive", "ended", "host", "standup"]);

      const posts = writes(await cursor.since()).map((request) => describeRequest(request, fixture.control.appPath));
      assert.deepEqual(posts.filter((line) => line.startsWith("POST")).sort(), [
        "POST meetings",
        "POST meetings",
        "POST presets",
        "POST webhooks",
      ]);
      // POST cannot set a status: the INACTIVE meeting is created, then PATCHed (kick-all allowed before it).
      assert.deepEqual(
        posts.filter(
          (line) =>
            !line.startsWith("POST meetings") &&
            !line.startsWith("POST presets") &&
            !line.startsWith("POST webhooks") &&
            !line.endsWith("/active-session/kick-all"),
        ),
        [`PATCH meetings/${ids.archive}`],
      );

      const state = await fixture.state();
      const standup = await fixture.control.get(`meetings/${ids.standup}`);
      const archive = await fixture.control.get(`meetings/${ids.archive}`);
      assert.equal(standup.status, "ACTIVE");
      assert.equal(standup.title, "Daily standup");
      assert.equal(archive.status, "INACTIVE");
      assert.equal(archive.title, "Old all-hands");
      for (const [name, remote] of [
        ["standup", standup],
        ["archive", archive],
      ] as const) {
        const outputs = outputsOf(state, name);
        assert.equal(state.get(name)?.id, remote.id);
        assert.equal(outputs.title, remote.title);
        assert.equal(outputs.status, remote.status);
        assert.equal(outputs.createdAt, remote.created_at);
        assert.equal(outputs.updatedAt, remote.updated_at);
        assert.equal(outputs.accountId, fixture.emulator.accountId);
        assert.equal(outputs.appId, fixture.emulator.appId);
      }

      const webhook = await fixture.control.get(`webhooks/${ids.ended}`);
      assert.deepEqual(
        { name: webhook.name, url: webhook.url, events: webhook.events, enabled: webhook.enabled },
        { name: "session-ended", url: receiver.url, events: ["meeting.ended"], enabled: true },
      );
      const webhookOutputs = outputsOf(state, "ended");
      assert.deepEqual(
        { name: webhookOutputs.name, url: webhookOutputs.url, events: webhookOutputs.events, enabled: webhookOutputs.enabled },
        { name: webhook.name, url: webhook.url, events: webhook.events, enabled: webhook.enabled },
      );

      const preset = await fixture.control.get(`presets/${ids.host}`);
      assert.equal(preset.name, "host");
      assert.equal((preset.permissions as Record<string, unknown>).kick_participant, true);
      const presetOutputs = outputsOf(state, "host");
      assert.equal(presetOutputs.name, "host");
      // State keeps the leaves off the defaults: the declared one, not the defaults.
      assert.deepEqual(presetOutputs.permissions, { kickParticipant: true });
      const complete = completeTrees(presetOutputs);
      assert.deepEqual(complete.permissions, camelCaseOf(preset.permissions));
      assert.deepEqual(complete.config, camelCaseOf(preset.config));
      assert.deepEqual(complete.ui, camelCaseOf(preset.ui));
    });

    it("reports no changes on a second preview and up, without a single API request", async () => {
      const cursor = await fixture.control.mark();
      const preview = await fixture.preview();
      assert.deepEqual(preview.changeSummary, { same: 5 });
      const result = await fixture.up();
      assert.deepEqual(result.summary.resourceChanges, { same: 5 });
      assert.deepEqual(plainOutputs(result.outputs), ids);
      assert.deepEqual(await requestsOf(cursor), []);
    });

    it("updates a title, webhook events and a preset leaf with exactly one PATCH each", async () => {
      const before = await fixture.state();
      fixture.desired.meetings!.standup.title = "Daily standup (EU)";
      fixture.desired.webhooks!.ended.events = ["meeting.started", "meeting.ended"];
      fixture.desired.presets!.host.permissions = { kickParticipant: true, pinParticipant: true };

      const preview = await fixture.preview();
      assert.deepEqual(preview.changeSummary, { same: 2, update: 3 });

      const cursor = await fixture.control.mark();
      const result = await fixture.up();
      assert.deepEqual(result.summary.resourceChanges, { same: 2, update: 3 });
      assert.deepEqual(
        writes(await cursor.since())
          .map((request) => describeRequest(request, fixture.control.appPath))
          .sort(),
        [`PATCH meetings/${ids.standup}`, `PATCH presets/${ids.host}`, `PATCH webhooks/${ids.ended}`],
      );

      const standup = await fixture.control.get(`meetings/${ids.standup}`);
      assert.equal(standup.title, "Daily standup (EU)");
      const webhook = await fixture.control.get(`webhooks/${ids.ended}`);
      assert.deepEqual([...(webhook.events as string[])].sort(), ["meeting.ended", "meeting.started"]);
      const preset = await fixture.control.get(`presets/${ids.host}`);
      const permissions = preset.permissions as Record<string, unknown>;
      assert.equal(permissions.pin_participant, true);
      assert.equal(permissions.kick_participant, true);

      const after = await fixture.state();
      const standupOutputs = outputsOf(after, "standup");
      assert.equal(standupOutputs.title, "Daily standup (EU)");
      assert.equal(standupOutputs.createdAt, outputsOf(before, "standup").createdAt);
      assert.equal(standupOutputs.updatedAt, standup.updated_at);
      assert.equal(after.get("standup")?.id, ids.standup);
      assert.deepEqual(completeTrees(outputsOf(after, "host")).permissions, camelCaseOf(preset.permissions));
    });

    it("treats the same webhook events in another order as no change", async () => {
      fixture.desired.webhooks!.ended.events = ["meeting.ended", "meeting.started"];
      const cursor = await fixture.control.mark();
      const preview = await fixture.preview();
      assert.deepEqual(preview.changeSummary, { same: 5 });
      const result = await fixture.up();
      assert.deepEqual(result.summary.resourceChanges, { same: 5 });
      assert.deepEqual(writes(await cursor.since()), []);
    });

    it("kicks everyone before setting a meeting INACTIVE, and the receiver gets a signed meeting.ended", async () => {
      await fixture.control.join(ids.standup, 3);
      const live = await fixture.control.activeSession(ids.standup);
      assert.equal(live?.status, "LIVE");
      assert.equal(live?.live_participants, 3);

      fixture.desired.meetings!.standup.status = "INACTIVE";
      const cursor = await fixture.control.mark();
      const result = await fixture.up();
      assert.deepEqual(result.summary.resourceChanges, { same: 4, update: 1 });
      assert.deepEqual(
        writes(await cursor.since()).map((request) => describeRequest(request, fixture.control.appPath)),
        [`POST meetings/${ids.standup}/active-session/kick-all`, `PATCH meetings/${ids.standup}`],
      );

      const meeting = await fixture.control.get(`meetings/${ids.standup}`);
      assert.equal(meeting.status, "INACTIVE");
      assert.equal(outputsOf(await fixture.state(), "standup").status, "INACTIVE");
      const session = await fixture.control.get<Record<string, unknown>>(`sessions/${live?.id as string}`);
      assert.equal(session.status, "ENDED");
      assert.equal(await fixture.control.activeSession(ids.standup), undefined);

      const delivery = await receiver.waitFor(
        (candidate) =>
          (candidate.body as { event?: string; meeting?: { id?: string } } | undefined)?.event === "meeting.ended" &&
          (candidate.body as { meeting?: { id?: string } }).meeting?.id === ids.standup,
      );
      assert.equal(delivery.headers["rtk-webhook-id"], ids.ended);
      const publicKey = await fetchWebhookPublicKey(fixture.control.origin);
      assert.equal(verifyDeliverySignature(delivery, publicKey), true);
      const tampered = { ...delivery, rawBody: Buffer.from(delivery.rawBody.toString("utf8").replace("meeting.ended", "meeting.endeD")) };
      assert.equal(verifyDeliverySignature(tampered, publicKey), false);
      assert.equal((delivery.body as { meeting: { sessionId?: string } }).meeting.sessionId, live?.id);
    });

    it("destroys: presets and webhooks are deleted, meetings are INACTIVE with no live session", async () => {
      // Re-open the standup and let people in, so destroy has a live session to end.
      fixture.desired.meetings!.standup.status = "ACTIVE";
      const reopened = await fixture.up();
      assert.deepEqual(reopened.summary.resourceChanges, { same: 4, update: 1 });
      await fixture.control.join(ids.standup, 2);
      assert.equal((await fixture.control.activeSession(ids.standup))?.status, "LIVE");

      const cursor = await fixture.control.mark();
      const result = await fixture.destroy();
      assert.deepEqual(result.summary.resourceChanges, { delete: 5 });

      const lines = writes(await cursor.since()).map((request) => describeRequest(request, fixture.control.appPath));
      assert.ok(lines.includes(`DELETE presets/${ids.host}`), lines.join("\n"));
      assert.ok(lines.includes(`DELETE webhooks/${ids.ended}`), lines.join("\n"));
      const kick = lines.indexOf(`POST meetings/${ids.standup}/active-session/kick-all`);
      const patch = lines.lastIndexOf(`PATCH meetings/${ids.standup}`);
      assert.ok(kick >= 0 && patch > kick, `kick-all must precede the PATCH:\n${lines.join("\n")}`);
      assert.ok(!lines.some((line) => line.startsWith("DELETE meetings")), "meetings cannot be deleted");

      assert.equal((await fixture.control.rest("GET", `presets/${ids.host}`)).status, 404);
      assert.equal((await fixture.control.rest("GET", `webhooks/${ids.ended}`)).status, 404);
      for (const name of ["standup", "archive"]) {
        const meeting = await fixture.control.get(`meetings/${ids[name]}`);
        assert.equal(meeting.status, "INACTIVE", name);
        assert.equal(await fixture.control.activeSession(ids[name]), undefined, name);
      }
      assert.equal((await fixture.state()).size, 0);
    });
  });
