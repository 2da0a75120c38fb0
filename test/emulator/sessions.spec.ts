import assert from "node:assert/strict";
import type { RunningEmulator } from "../../emulator";
import { api, at, control, presetBody, startTestEmulator } from "./helpers";

describe("Emulator sessions", () => {
  let emu: RunningEmulator;

  before(async () => {
    emu = await startTestEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.reset();
    emu.setClock(at(0));
  });

  async function createMeeting(body: Record<string, unknown> = { title: "Standup" }): Promise<string> {
    const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body });
    assert.equal(res.status, 201);
    return res.body.data.id as string;
  }

  function sessionsOf(meetingId: string) {
    return emu.state().sessions.filter((s) => s.associated_id === meetingId);
  }

  describe("join", () => {
    it("starts a LIVE session when the first participant joins", async () => {
      const meetingId = await createMeeting();
      const result = emu.join(meetingId, 2);
      assert.equal(result.joined.length, 2);
      assert.deepEqual(
        result.joined.map((p) => p.customParticipantId),
        ["emulator-participant-1", "emulator-participant-2"],
      );
      assert.deepEqual(result.session, {
        id: result.session.id,
        associated_id: meetingId,
        organization_id: emu.appId,
        meeting_display_name: "Standup",
        type: "meeting",
        status: "LIVE",
        live_participants: 2,
        max_concurrent_participants: 2,
        minutes_consumed: 0,
        created_at: T0(),
        started_at: T0(),
        updated_at: T0(),
      });
      const res = await api(emu, "GET", `/${emu.appId}/meetings/${meetingId}/active-session`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { success: true, data: result.session });
    });

    it("adds later joiners to the same session and reuses idle participants first", async () => {
      const meetingId = await createMeeting();
      await api(emu, "POST", `/${emu.appId}/presets`, { body: presetBody("host") });
      const added = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/participants`, {
        body: { custom_participant_id: "alice", preset_name: "host", name: "Alice" },
      });
      const first = emu.join(meetingId, 1);
      assert.equal(first.joined[0].participantId, added.body.data.id);
      const second = emu.join(meetingId, { count: 2 });
      assert.equal(second.session.id, first.session.id);
      assert.equal(second.session.live_participants, 3);
      assert.deepEqual(
        second.joined.map((p) => p.customParticipantId),
        ["emulator-participant-2", "emulator-participant-3"],
      );
      const created = emu.state().participants.filter((p) => p.custom_participant_id === "emulator-participant-2");
      assert.equal(created[0].preset_name, "host");
    });

    it("refuses joins to an INACTIVE meeting with 409 and creates nothing", async () => {
      const meetingId = await createMeeting();
      await api(emu, "PATCH", `/${emu.appId}/meetings/${meetingId}`, { body: { status: "INACTIVE" } });
      const res = await control(emu, "POST", `/meetings/${meetingId}/join`, { count: 1 });
      assert.equal(res.status, 409);
      assert.deepEqual(res.body, {
        success: false,
        error: { code: 409, message: `Meeting ${meetingId} is INACTIVE: no one can join it` },
      });
      assert.equal(emu.state().participants.length, 0);
      assert.equal(emu.state().sessions.length, 0);
    });

    it("answers 404 for an unknown meeting", async () => {
      const res = await control(emu, "POST", "/meetings/00000000-0000-4000-8000-000000000000/join", { count: 1 });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.message, "Meeting 00000000-0000-4000-8000-000000000000 not found");
    });

    it("validates the control body", async () => {
      const meetingId = await createMeeting();
      const res = await control(emu, "POST", `/meetings/${meetingId}/join`, { count: 0 });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.message, "count must be between 1 and 1000");
    });
  });

  describe("INACTIVE", () => {
    it("does not end a running session", async () => {
      const meetingId = await createMeeting();
      const { session } = emu.join(meetingId, 1);
      const patched = await api(emu, "PATCH", `/${emu.appId}/meetings/${meetingId}`, { body: { status: "INACTIVE" } });
      assert.equal(patched.body.data.status, "INACTIVE");
      emu.advanceClock(3_600_000);
      const res = await api(emu, "GET", `/${emu.appId}/meetings/${meetingId}/active-session`);
      assert.equal(res.status, 200);
      assert.equal(res.body.data.id, session.id);
      assert.equal(res.body.data.status, "LIVE");
      assert.equal(res.body.data.live_participants, 1);
    });
  });

  describe("keep-alive", () => {
    it("ends the session session_keep_alive_time_in_secs after the last participant leaves", async () => {
      const meetingId = await createMeeting({ title: "Standup", session_keep_alive_time_in_secs: 90 });
      const { session } = emu.join(meetingId, 2);
      emu.advanceClock(60_000);
      const left = emu.leave(meetingId);
      assert.equal(left.left.length, 2);
      assert.equal(left.session.status, "LIVE");
      assert.equal(left.session.live_participants, 0);
      assert.equal(left.session.minutes_consumed, 2);

      emu.advanceClock(89_999);
      assert.equal((await api(emu, "GET", `/${emu.appId}/meetings/${meetingId}/active-session`)).status, 200);
      emu.advanceClock(1);
      const res = await api(emu, "GET", `/${emu.appId}/meetings/${meetingId}/active-session`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, {
        success: false,
        error: { code: 404, message: `No active session found for meeting ${meetingId}` },
      });
      const [ended] = sessionsOf(meetingId);
      assert.equal(ended.id, session.id);
      assert.equal(ended.status, "ENDED");
      assert.equal(ended.ended_at, at(150_000));
      assert.equal(ended.end_reason, "ALL_PARTICIPANTS_LEFT");
    });

    it("uses the default of 60 s", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 1);
      emu.leave(meetingId, 1);
      emu.advanceClock(59_999);
      assert.equal(sessionsOf(meetingId)[0].status, "LIVE");
      emu.advanceClock(1);
      assert.equal(sessionsOf(meetingId)[0].status, "ENDED");
    });

    it("continues the same session when someone rejoins inside the window", async () => {
      const meetingId = await createMeeting();
      const first = emu.join(meetingId, 1);
      emu.leave(meetingId);
      emu.advanceClock(59_000);
      const again = emu.join(meetingId, 1);
      assert.equal(again.session.id, first.session.id);
      emu.advanceClock(120_000);
      assert.equal(sessionsOf(meetingId).length, 1);
      assert.equal(sessionsOf(meetingId)[0].status, "LIVE");
    });

    it("starts a new session after the previous one ended", async () => {
      const meetingId = await createMeeting();
      const first = emu.join(meetingId, 1);
      emu.leave(meetingId);
      emu.advanceClock(60_000);
      const second = emu.join(meetingId, 1);
      assert.notEqual(second.session.id, first.session.id);
      assert.deepEqual(
        sessionsOf(meetingId).map((s) => s.status),
        ["ENDED", "LIVE"],
      );
    });

    it("refuses a keep-alive under the spec's minimum of 60 s", async () => {
      const res = await api(emu, "POST", `/${emu.appId}/meetings`, { body: { session_keep_alive_time_in_secs: 0 } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.message, "session_keep_alive_time_in_secs must be between 60 and 600");
    });

    it("is driven by the clock control endpoint", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 1);
      emu.leave(meetingId);
      const res = await control(emu, "POST", "/clock", { advanceMs: 60_000 });
      assert.deepEqual(res.body, { success: true, data: { now: at(60_000) } });
      assert.equal(sessionsOf(meetingId)[0].status, "ENDED");
    });
  });

  describe("kick-all", () => {
    it("ends the session at once and reports how many were kicked", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 3);
      emu.advanceClock(1_000);
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, { success: true, data: { action: "kick-all", kicked_participants_count: 3 } });
      const [session] = sessionsOf(meetingId);
      assert.equal(session.status, "ENDED");
      assert.equal(session.ended_at, at(1_000));
      assert.equal(session.end_reason, "HOST_ENDED_MEETING");
      assert.equal(session.live_participants, 0);
    });

    it("answers 404 when nothing is live", async () => {
      const meetingId = await createMeeting();
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`);
      assert.equal(res.status, 404);
      assert.equal(res.body.error.message, `No active session found for meeting ${meetingId}`);
    });

    it("rejects a non-empty body", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 1);
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`, {
        body: { force: true },
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.message, "force is not allowed");
    });
  });

  describe("kick", () => {
    it("removes the chosen participants by id and custom id", async () => {
      const meetingId = await createMeeting();
      const { joined } = emu.join(meetingId, 3);
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick`, {
        body: { participant_ids: [joined[0].participantId], custom_participant_ids: ["emulator-participant-3"] },
      });
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {
        success: true,
        data: {
          action: "kick",
          participants: [
            { id: joined[0].participantId, created_at: T0(), updated_at: T0(), name: "Participant 1" },
            { id: joined[2].participantId, created_at: T0(), updated_at: T0(), name: "Participant 3" },
          ],
        },
      });
      assert.equal(sessionsOf(meetingId)[0].live_participants, 1);
    });

    it("starts the keep-alive countdown when the last one is kicked", async () => {
      const meetingId = await createMeeting();
      const { joined } = emu.join(meetingId, 1);
      await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick`, {
        body: { participant_ids: [joined[0].participantId] },
      });
      assert.equal(sessionsOf(meetingId)[0].status, "LIVE");
      emu.advanceClock(60_000);
      assert.equal(sessionsOf(meetingId)[0].end_reason, "ALL_PARTICIPANTS_LEFT");
    });

    it("needs at least one id list", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 1);
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick`, { body: {} });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.message, "participant_ids or custom_participant_ids is required");
    });

    it("answers 404 when nothing is live", async () => {
      const meetingId = await createMeeting();
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick`, {
        body: { participant_ids: ["x"] },
      });
      assert.equal(res.status, 404);
    });
  });

  describe("participant delete", () => {
    it("disconnects the participant from the live session", async () => {
      const meetingId = await createMeeting();
      const { joined } = emu.join(meetingId, 2);
      const res = await api(emu, "DELETE", `/${emu.appId}/meetings/${meetingId}/participants/${joined[0].participantId}`);
      assert.equal(res.status, 200);
      assert.equal(sessionsOf(meetingId)[0].live_participants, 1);
    });
  });

  describe("sessions endpoints", () => {
    it("lists sessions under data.sessions with paging and filters", async () => {
      const a = await createMeeting({ title: "Alpha" });
      const b = await createMeeting({ title: "Beta" });
      emu.join(a, 1);
      emu.advanceClock(1_000);
      emu.join(b, 2);
      await api(emu, "POST", `/${emu.appId}/meetings/${a}/active-session/kick-all`);

      const all = await api(emu, "GET", `/${emu.appId}/sessions`);
      assert.equal(all.status, 200);
      assert.deepEqual(all.body.paging, { start_offset: 0, end_offset: 1, total_count: 2 });
      assert.deepEqual(
        all.body.data.sessions.map((s: { meeting_display_name: string; status: string }) => [s.meeting_display_name, s.status]),
        [
          ["Alpha", "ENDED"],
          ["Beta", "LIVE"],
        ],
      );
      const live = await api(emu, "GET", `/${emu.appId}/sessions?status=LIVE`);
      assert.deepEqual(
        live.body.data.sessions.map((s: { associated_id: string }) => s.associated_id),
        [b],
      );
      const byMeeting = await api(emu, "GET", `/${emu.appId}/sessions?associated_id=${a}`);
      assert.equal(byMeeting.body.data.sessions.length, 1);
      const searched = await api(emu, "GET", `/${emu.appId}/sessions?search=bet`);
      assert.deepEqual(
        searched.body.data.sessions.map((s: { associated_id: string }) => s.associated_id),
        [b],
      );
      const desc = await api(emu, "GET", `/${emu.appId}/sessions?sort_order=DESC&per_page=1`);
      assert.equal(desc.body.data.sessions[0].associated_id, b);
      assert.deepEqual(desc.body.paging, { start_offset: 0, end_offset: 0, total_count: 2 });
      const bad = await api(emu, "GET", `/${emu.appId}/sessions?status=DONE`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.message, "status must be one of LIVE, ENDED");
    });

    it("gets one session by id, ended_at only once ended", async () => {
      const meetingId = await createMeeting();
      const { session } = emu.join(meetingId, 1);
      const live = await api(emu, "GET", `/${emu.appId}/sessions/${session.id as string}`);
      assert.equal(live.body.data.ended_at, undefined);
      emu.advanceClock(90_000);
      await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/kick-all`);
      const ended = await api(emu, "GET", `/${emu.appId}/sessions/${session.id as string}`);
      assert.equal(ended.body.data.ended_at, at(90_000));
      assert.equal(ended.body.data.minutes_consumed, 1.5);
      assert.equal(ended.body.data.max_concurrent_participants, 1);
      const missing = await api(emu, "GET", `/${emu.appId}/sessions/nope`);
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.message, "Session nope not found");
    });
  });

  describe("poll", () => {
    it("creates a poll in the live session", async () => {
      const meetingId = await createMeeting();
      emu.join(meetingId, 1);
      const res = await api(emu, "POST", `/${emu.appId}/meetings/${meetingId}/active-session/poll`, {
        body: { question: "Lunch?", options: ["Yes", "No"] },
      });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.data.poll.options, [
        { text: "Yes", count: 0, votes: [] },
        { text: "No", count: 0, votes: [] },
      ]);
      assert.equal(res.body.data.action, "create");
    });
  });
});

/** The frozen clock's start, as the emulator renders it. */
function T0(): string {
  return at(0);
}
