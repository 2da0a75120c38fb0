/**
 * Changes made around Pulumi (straight through the API): `refresh` reports them as drift, the next
 * preview shows exactly that difference, and `up` puts the declared state back. Objects deleted out
 * of band are dropped by `refresh` and re-created by `up`.
 */
import assert from "node:assert/strict";
import { describeRequest, writes } from "../../harness/emulatorControl";
import { ENGINE_TIMEOUT_MS, outputsOf, plainOutputs, startEngineFixture, stopAfterFirstFailure, type EngineFixture } from "./harness";

describe("Engine: drift", function () {
  this.timeout(ENGINE_TIMEOUT_MS);
  stopAfterFirstFailure();

  let fixture: EngineFixture;
  let ids: Record<string, string>;

  before(async () => {
    fixture = await startEngineFixture({ stackName: "drift" });
    fixture.desired = {
      meetings: { town: { title: "Town hall" } },
      webhooks: { audit: { name: "audit", url: "http://127.0.0.1:9/audit", events: ["meeting.ended"] } },
      presets: { moderator: { name: "moderator", permissions: { kickParticipant: true } } },
    };
    const result = await fixture.up();
    assert.deepEqual(result.summary.resourceChanges, { create: 4 });
    ids = plainOutputs(result.outputs) as Record<string, string>;
  });

  after(async () => {
    await fixture?.dispose();
  });

  it("reports out-of-band edits as drift on refresh and shows exactly them in the next preview", async () => {
    assert.equal((await fixture.control.rest("PATCH", `meetings/${ids.town}`, { title: "Renamed by hand" })).status, 200);
    assert.equal((await fixture.control.rest("PATCH", `webhooks/${ids.audit}`, { enabled: false })).status, 200);
    assert.equal(
      (await fixture.control.rest("PATCH", `presets/${ids.moderator}`, { permissions: { kick_participant: false } })).status,
      200,
    );

    const refresh = await fixture.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { same: 1, update: 3 });
    const refreshed = await fixture.state();
    assert.equal(outputsOf(refreshed, "town").title, "Renamed by hand");
    assert.equal(outputsOf(refreshed, "audit").enabled, false);
    assert.equal((outputsOf(refreshed, "moderator").permissions as Record<string, unknown>).kickParticipant, false);

    const cursor = await fixture.control.mark();
    const preview = await fixture.preview({ diff: true });
    assert.deepEqual(preview.changeSummary, { same: 1, update: 3 }, preview.stdout);
    assert.match(preview.stdout, /~ title\s*: "Renamed by hand" => "Town hall"/);
    assert.match(preview.stdout, /~ enabled\s*: false => true/);
    assert.match(preview.stdout, /~ kickParticipant\s*: false => true/);
    assert.deepEqual(writes(await cursor.since()), []);

    const up = await fixture.up();
    assert.deepEqual(up.summary.resourceChanges, { same: 1, update: 3 });
    assert.equal((await fixture.control.get(`meetings/${ids.town}`)).title, "Town hall");
    assert.equal((await fixture.control.get(`webhooks/${ids.audit}`)).enabled, true);
    const preset = await fixture.control.get(`presets/${ids.moderator}`);
    assert.equal((preset.permissions as Record<string, unknown>).kick_participant, true);

    const settled = await fixture.preview();
    assert.deepEqual(settled.changeSummary, { same: 4 });
  });

  it("drops objects deleted out of band on refresh and re-creates them on up", async () => {
    assert.equal((await fixture.control.rest("DELETE", `webhooks/${ids.audit}`)).status, 200);
    assert.equal((await fixture.control.rest("DELETE", `presets/${ids.moderator}`)).status, 200);

    const refresh = await fixture.refresh();
    assert.deepEqual(refresh.summary.resourceChanges, { delete: 2, same: 2 });
    assert.deepEqual([...(await fixture.state()).keys()], ["town"]);

    const preview = await fixture.preview({ diff: true });
    assert.deepEqual(preview.changeSummary, { create: 2, same: 2 }, preview.stdout);

    const cursor = await fixture.control.mark();
    const up = await fixture.up();
    assert.deepEqual(up.summary.resourceChanges, { create: 2, same: 2 });
    assert.deepEqual(
      writes(await cursor.since())
        .map((request) => describeRequest(request, fixture.control.appPath))
        .sort(),
      ["POST presets", "POST webhooks"],
    );
    const recreated = plainOutputs(up.outputs) as Record<string, string>;
    assert.equal(recreated.town, ids.town);
    assert.notEqual(recreated.audit, ids.audit);
    assert.notEqual(recreated.moderator, ids.moderator);
    const webhook = await fixture.control.get(`webhooks/${recreated.audit}`);
    assert.deepEqual(
      { url: webhook.url, events: webhook.events, enabled: webhook.enabled },
      { url: "http://127.0.0.1:9/audit", events: ["meeting.ended"], enabled: true },
    );
    const preset = await fixture.control.get(`presets/${recreated.moderator}`);
    assert.equal((preset.permissions as Record<string, unknown>).kick_participant, true);
  });
});
