/**
 * The active session of a meeting: get (404 when nothing is live), kick by participant ids and /
 * or custom ids, kick-all (ends the session at once; 404 when nothing is live) and poll creation.
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { badRequest } from "../errors";
import { newId } from "../ids";
import type { Route } from "../router";
import { validateEmptyBody, validateKick, validatePoll } from "../validation/misc";
import { sessionView } from "../views";
import { meetingOf } from "./common";

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/meetings/{meeting_id}/active-session`. */
export function activeSessionRoutes(ctx: EmulatorContext): Route[] {
  const base = "/:app_id/meetings/:meeting_id/active-session";
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
          participants: kicked.map((p) => {
            const view: Record<string, unknown> = { id: p.id, created_at: p.created_at, updated_at: p.updated_at };
            if (p.name !== null) {
              view.name = p.name;
            }
            if (p.picture !== null) {
              view.picture = p.picture;
            }
            return view;
          }),
        });
      },
    },
    {
      method: "POST",
      pattern: `${base}/kick-all`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        validateEmptyBody(request.body ?? {});
        const count = ctx.sessions.kickAll(app, meeting);
        return ok({ action: "kick-all", kicked_participants_count: count });
      },
    },
    {
      method: "POST",
      pattern: `${base}/poll`,
      handler: (request) => {
        const { app, meeting } = meetingOf(ctx, request);
        const body = validatePoll(request.body ?? {});
        ctx.sessions.requireActive(app, meeting.id);
        return ok({
          action: "create",
          poll: {
            id: newId(),
            question: body.question,
            options: body.options.map((text) => ({ text, count: 0, votes: [] })),
            anonymous: body.anonymous ?? false,
            hide_votes: body.hide_votes ?? false,
            voted: [],
          },
        });
      },
    },
  ];
}
