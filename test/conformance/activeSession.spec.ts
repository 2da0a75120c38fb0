import assert from "node:assert/strict";
import { NotFoundError } from "cloudflare";
import { dataOf, describeTargets, emulatorOf, expectApiError, unique } from "./harness";

describeTargets("Conformance: active session and sessions", ({ target, cleanup }) => {
  let meetingId: string;
  let title: string;

  before(async () => {
    const t = target();
    title = unique("conformance-session");
    meetingId = dataOf(await t.client.realtimeKit.meetings.create(t.appId, { account_id: t.accountId, title })).id;
  });

  cleanup(async (t) => {
    await t.client.realtimeKit.meetings.updateMeetingByID(meetingId, { account_id: t.accountId, app_id: t.appId, status: "INACTIVE" });
  });

  it("get active session answers NotFoundError when nothing is live", async () => {
    const t = target();
    await expectApiError(
      t,
      t.client.realtimeKit.activeSession.getActiveSession(meetingId, { account_id: t.accountId, app_id: t.appId }),
      NotFoundError,
      `No active session found for meeting ${meetingId}`,
    );
  });

  it("kick-all answers NotFoundError when nothing is live", async () => {
    const t = target();
    await expectApiError(
      t,
      t.client.realtimeKit.activeSession.kickAllParticipants(meetingId, { account_id: t.accountId, app_id: t.appId }),
      NotFoundError,
      `No active session found for meeting ${meetingId}`,
    );
  });

  it("a live session: get, poll, kick, kick-all, then the sessions list and details", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    const scope = { account_id: t.accountId, app_id: t.appId };
    const { joined } = emulator.join(meetingId, 3);

    const active = await t.client.realtimeKit.activeSession.getActiveSession(meetingId, scope);
    assert.equal(active.success, true);
    const session = active.data;
    assert.ok(session);
    assert.deepEqual(
      [
        session.associated_id,
        session.organization_id,
        session.meeting_display_name,
        session.status,
        session.type,
        session.live_participants,
      ],
      [meetingId, t.appId, title, "LIVE", "meeting", 3],
    );
    assert.equal(session.ended_at, undefined);

    const poll = await t.client.realtimeKit.activeSession.createPoll(meetingId, { ...scope, question: "Ship it?", options: ["yes", "no"] });
    assert.deepEqual(
      poll.data?.poll?.options.map((o) => [o.text, o.count]),
      [
        ["yes", 0],
        ["no", 0],
      ],
    );

    const kicked = await t.client.realtimeKit.activeSession.kickParticipants(meetingId, {
      ...scope,
      participant_ids: [joined[0].participantId],
      custom_participant_ids: [joined[1].customParticipantId],
    });
    assert.equal(kicked.data?.action, "kick");
    assert.deepEqual(
      kicked.data?.participants?.map((p) => p.id),
      [joined[0].participantId, joined[1].participantId],
    );

    const all = await t.client.realtimeKit.activeSession.kickAllParticipants(meetingId, scope);
    assert.deepEqual(all.data, { action: "kick-all", kicked_participants_count: 1 });
    await expectApiError(t, t.client.realtimeKit.activeSession.getActiveSession(meetingId, scope), NotFoundError);

    const sessions = await t.client.realtimeKit.sessions.getSessions(t.appId, { account_id: t.accountId, associated_id: meetingId });
    assert.equal(sessions.success, true);
    assert.deepEqual(
      sessions.data?.sessions?.map((s) => [s.id, s.status, s.max_concurrent_participants]),
      [[session.id, "ENDED", 3]],
    );
    assert.deepEqual(sessions.paging, { start_offset: 0, end_offset: 0, total_count: 1 });

    const details = await t.client.realtimeKit.sessions.getSessionDetails(session.id, scope);
    assert.equal(details.data?.status, "ENDED");
    assert.equal(typeof details.data?.ended_at, "string");
  });

  it("an INACTIVE meeting keeps its running session but refuses new joins", async function () {
    const t = target();
    const emulator = emulatorOf(this, t);
    const scope = { account_id: t.accountId, app_id: t.appId };
    const other = dataOf(await t.client.realtimeKit.meetings.create(t.appId, { account_id: t.accountId, title: "inactive" })).id;
    emulator.join(other, 1);
    await t.client.realtimeKit.meetings.updateMeetingByID(other, { ...scope, status: "INACTIVE" });
    const active = await t.client.realtimeKit.activeSession.getActiveSession(other, scope);
    assert.equal(active.data?.status, "LIVE");
    assert.throws(() => emulator.join(other, 1), { message: `Meeting ${other} is INACTIVE: no one can join it` });
    await t.client.realtimeKit.activeSession.kickAllParticipants(other, scope);
  });
});
