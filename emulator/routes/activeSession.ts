/**
 * The active session of a meeting: get (404 when nothing is live), kick by participant ids and /
 * or custom ids, kick-all (ends the session at once; with nothing live: 404, or 200 with a count
 * of 0 under the `kickAllWhenIdle: "200"` variant), mute by ids, mute-all (counts the live peers;
 * the emulator models no media, so nothing else changes) and poll creation (201).
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { badRequest } from "../errors";
import { newId } from "../ids";
import type { Route } from "../router";
import type { AppData, MeetingRecord, ParticipantRecord } from "../store";
import { validateEmptyBody, validateKick, validateMuteAll, validatePoll } from "../validation/misc";
import { sessionView } from "../views";
import { meetingOf } from "./common";

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/active-session`. */
export function activeSessionRoutes(ctx: EmulatorContext): Route[] {
  const base = "/:app_id/meetings/:meeting_id/active-session";
  /** The live participants named by the body's ids (400 when it names none; 404 when nothing is live). */
  const selectedLive = (app: AppData, meeting: MeetingRecord, body: unknown): ParticipantRecord[] => {
    const { participant_ids: participantIds = [], custom_participant_ids: customParticipantIds = [] } = validateKick(body ?? {});
    if (participantIds.length === 0 && customParticipantIds.length === 0) {
      throw badRequest("participant_ids or custom_participant_ids is required");
    }
    const session = ctx.sessions.requireActive(app, meeting.id);
    const selected = new Map<string, ParticipantRecord>();
    for (const peer of ctx.sessions.livePeers(session)) {
      const participant = app.participants.get(peer.participant_id);
      if (
        participant !== undefined &&
        (participantIds.includes(participant.id) || customParticipantIds.includes(participant.custom_participant_id))
      ) {
        selected.set(participant.id, participant);
      }
    }
    return [...selected.values()];
  };
  return [
    {
      method: "GET",
      pattern: base,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        return ok(sessionView(ctx.sessions.requireActive(app, meeting.id), ctx.clock.now()));
      },
    },
    {
      method: "POST",
      pattern: `${base}/kick`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        const body = validateKick(request.body ?? {});
        const participantIds = body.participant_ids ?? [];
        const customParticipantIds = body.custom_participant_ids ?? [];
        if (participantIds.length === 0 && customParticipantIds.length === 0) {
          throw badRequest("participant_ids or custom_participant_ids is required");
        }
        const kicked = ctx.sessions.kick(app, meeting, { participantIds, customParticipantIds });
        return ok({
          action: "kick",
          participants: kicked.map(sessionParticipantView),
        });
      },
    },
    {
      method: "POST",
      pattern: `${base}/kick-all`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        validateEmptyBody(request.body ?? {});
        if (ctx.sessions.active(app, meeting.id) === undefined && ctx.options.variants.kickAllWhenIdle === "200") {
          return ok({ action: "kick-all", kicked_participants_count: 0 });
        }
        const count = ctx.sessions.kickAll(app, meeting);
        return ok({ action: "kick-all", kicked_participants_count: count });
      },
    },
    {
      method: "POST",
      pattern: `${base}/mute`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        return ok({ action: "mute", participants: selectedLive(app, meeting, request.body).map(sessionParticipantView) });
      },
    },
    {
      method: "POST",
      pattern: `${base}/mute-all`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        validateMuteAll(request.body ?? {});
        const session = ctx.sessions.requireActive(app, meeting.id);
        return ok({ action: "mute-all", muted_participants_count: ctx.sessions.livePeers(session).length });
      },
    },
    {
      method: "POST",
      pattern: `${base}/poll`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        const body = validatePoll(request.body ?? {});
        ctx.sessions.requireActive(app, meeting.id);
        return ok(
          {
            action: "create",
            poll: {
              id: newId(),
              question: body.question,
              options: body.options.map((text) => ({ text, count: 0, votes: [] })),
              anonymous: body.anonymous ?? false,
              hide_votes: body.hide_votes ?? false,
              voted: [],
            },
          },
          { status: 201 },
        );
      },
    },
  ];
}

/** A participant as the kick and mute answers list it (`realtimekit_SessionParticipant`). */
function sessionParticipantView(participant: ParticipantRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { id: participant.id, created_at: participant.created_at, updated_at: participant.updated_at };
  if (participant.name !== null) {
    view.name = participant.name;
  }
  if (participant.picture !== null) {
    view.picture = participant.picture;
  }
  return view;
}
