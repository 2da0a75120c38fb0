/**
 * Participants of a meeting: add (201, answers with a token), list (paged), get (no token), edit
 * (answers with a new token), delete (answers `preset_id`, no `id`; disconnects the participant
 * from a live session) and token refresh (`data.token`; old tokens stay valid).
 *
 * `preset_name` must name an existing preset of the app (400 otherwise; assumed). On edit, a
 * `null` `preset_name` keeps the current preset, while `null` `name` / `picture` clear them.
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { notFound } from "../errors";
import { newId } from "../ids";
import { paginate, readPageRequest } from "../paging";
import type { Route, RouteRequest } from "../router";
import type { ParticipantRecord } from "../store";
import { validateEmptyBody, validateParticipantAdd, validateParticipantEdit } from "../validation/misc";
import { deletedParticipantView, participantView } from "../views";
import { byCreation, meetingOf, presetByName } from "./common";

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/participants`. */
export function participantRoutes(ctx: EmulatorContext): Route[] {
  const base = "/:app_id/meetings/:meeting_id/participants";

  const participantOf = (request: RouteRequest) => {
    const { app, meeting } = meetingOf(ctx, request);
    const participant = app.participants.get(request.params.participant_id);
    if (participant === undefined || participant.meeting_id !== meeting.id) {
      throw notFound("Participant", request.params.participant_id);
    }
    return { app, meeting, participant };
  };

  return [
    {
      method: "POST",
      pattern: base,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        const body = validateParticipantAdd(request.body ?? {});
        const preset = presetByName(app, body.preset_name);
        const now = ctx.clock.iso();
        const participant: ParticipantRecord = {
          id: newId(),
          app_id: app.app.id,
          meeting_id: meeting.id,
          custom_participant_id: body.custom_participant_id,
          preset_name: preset.name,
          preset_id: preset.id,
          name: body.name ?? null,
          picture: body.picture ?? null,
          created_at: now,
          updated_at: now,
        };
        app.participants.set(participant.id, participant);
        return ok(participantView(participant, ctx.issueToken(participant)), { status: 201 });
      },
    },
    {
      method: "GET",
      pattern: base,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        const page = readPageRequest(request.query);
        const participants = byCreation(app.participants.values()).filter((p) => p.meeting_id === meeting.id);
        const { items, paging } = paginate(participants, page);
        return ok(
          items.map((p) => participantView(p)),
          { paging },
        );
      },
    },
    {
      method: "GET",
      pattern: `${base}/:participant_id`,
      handler: (request) => ok(participantView(participantOf(request).participant)),
    },
    {
      method: "PATCH",
      pattern: `${base}/:participant_id`,
      handler: (request) => {
        const { app, participant } = participantOf(request);
        const body = validateParticipantEdit(request.body ?? {});
        if (body.preset_name !== undefined && body.preset_name !== null) {
          const preset = presetByName(app, body.preset_name);
          participant.preset_name = preset.name;
          participant.preset_id = preset.id;
        }
        if (body.name !== undefined) {
          participant.name = body.name;
        }
        if (body.picture !== undefined) {
          participant.picture = body.picture;
        }
        participant.updated_at = ctx.clock.iso();
        return ok(participantView(participant, ctx.issueToken(participant)));
      },
    },
    {
      method: "DELETE",
      pattern: `${base}/:participant_id`,
      handler: (request) => {
        const { app, meeting, participant } = participantOf(request);
        ctx.sessions.removeParticipant(app, meeting, participant.id);
        app.participants.delete(participant.id);
        return ok(deletedParticipantView(participant));
      },
    },
    {
      method: "POST",
      pattern: `${base}/:participant_id/token`,
      handler: (request) => {
        const { participant } = participantOf(request);
        validateEmptyBody(request.body ?? {});
        return ok({ token: ctx.issueToken(participant) });
      },
    },
  ];
}
