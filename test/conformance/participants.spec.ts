import assert from "node:assert/strict";
import { NotFoundError } from "cloudflare";
import { presetBody } from "../emulator/helpers";
import { dataOf, describeTargets, expectApiError, ISO_MS, unique, UUID } from "./harness";

describeTargets("Conformance: participants", ({ target, cleanup }) => {
  let meetingId: string;
  let presetId: string;
  let presetName: string;

  before(async () => {
    const t = target();
    presetName = unique("conformance-participant");
    presetId = (await t.client.realtimeKit.presets.create(t.appId, { account_id: t.accountId, ...presetBody(presetName) })).data.id;
    meetingId = dataOf(
      await t.client.realtimeKit.meetings.create(t.appId, { account_id: t.accountId, title: unique("conformance-participants") }),
    ).id;
  });

  cleanup(async (t) => {
    await t.client.realtimeKit.meetings.updateMeetingByID(meetingId, { account_id: t.accountId, app_id: t.appId, status: "INACTIVE" });
    await t.client.realtimeKit.presets.delete(presetId, { account_id: t.accountId, app_id: t.appId });
  });

  it("add, list, get, edit, refresh token and delete", async () => {
    const t = target();
    const meetings = t.client.realtimeKit.meetings;
    const scope = { account_id: t.accountId, app_id: t.appId };
    const customId = unique("user");

    const added = dataOf(
      await meetings.addParticipant(meetingId, { ...scope, custom_participant_id: customId, preset_name: presetName, name: "Ann" }),
    );
    assert.match(added.id, UUID);
    assert.match(added.created_at, ISO_MS);
    assert.equal(added.token.split(".").length, 3);
    assert.equal(added.custom_participant_id, customId);
    assert.equal(added.preset_name, presetName);
    assert.equal(added.name, "Ann");
    const { token: _token, ...withoutToken } = added;

    const list = await meetings.getMeetingParticipants(meetingId, { ...scope, page_no: 1, per_page: 10 });
    assert.deepEqual(dataOf(list), [withoutToken]);
    assert.deepEqual(list.paging, { start_offset: 0, end_offset: 0, total_count: 1 });

    const got = await meetings.getMeetingParticipant(added.id, { ...scope, meeting_id: meetingId });
    assert.deepEqual(dataOf(got), withoutToken);

    const edited = dataOf(await meetings.editParticipant(added.id, { ...scope, meeting_id: meetingId, name: "Ann B." }));
    assert.equal(edited.name, "Ann B.");
    assert.equal(edited.token.split(".").length, 3);

    const refreshed = dataOf(await meetings.refreshParticipantToken(added.id, { ...scope, meeting_id: meetingId }));
    assert.equal(typeof refreshed.token, "string");
    assert.notEqual(refreshed.token, added.token);

    const deleted = dataOf(await meetings.deleteMeetingParticipant(added.id, { ...scope, meeting_id: meetingId }));
    assert.deepEqual([deleted.custom_participant_id, deleted.preset_id, deleted.created_at], [customId, presetId, added.created_at]);
    assert.equal((deleted as { id?: string }).id, undefined);

    await expectApiError(
      t,
      meetings.getMeetingParticipant(added.id, { ...scope, meeting_id: meetingId }),
      NotFoundError,
      `Participant ${added.id} not found`,
    );
  });
});
