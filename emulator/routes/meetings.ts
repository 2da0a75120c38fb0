/**
 * Meetings: create (201), list (paged; `search` on title or id, `status`, `start_time` /
 * `end_time` on creation time), get, PATCH and PUT. No DELETE (405).
 *
 * - POST and PUT take no `status`; PATCH is the only way to set it. New meetings are ACTIVE.
 * - PUT replaces: omitted fields go back to their defaults (status is kept). Assumed; the
 *   `meetingPutOmitted: "keep"` variant keeps their current values instead.
 * - PATCH merges: nested `ai_config` / `recording_config` deep-merge, except
 *   `recording_config.storage_config`, which is replaced as a whole (it is a union of credential
 *   sets). Assumed.
 * - Setting INACTIVE does not end a running session; it only blocks new joins.
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { newId } from "../ids";
import { KEEP_ALIVE, MEETING_STATUSES } from "../limits";
import { deepMerge } from "../merge";
import { paginate, readPageRequest } from "../paging";
import type { Route } from "../router";
import type { MeetingRecord } from "../store";
import { type MeetingBody, validateMeetingBody, validateMeetingPatch } from "../validation/meeting";
import { matchesSearch, readEnum, readSearch, readTime, withinRange } from "../validation/query";
import { meetingView } from "../views";
import { appOf, byCreation, meetingOf } from "./common";

/** The settable fields of a meeting with their defaults (what POST starts from and PUT resets to). */
function meetingDefaults(): Omit<MeetingRecord, "id" | "app_id" | "created_at" | "updated_at" | "status"> {
  return {
    title: null,
    record_on_start: false,
    live_stream_on_start: false,
    persist_chat: false,
    summarize_on_end: false,
    transcribe_on_end: false,
    session_keep_alive_time_in_secs: KEEP_ALIVE.defaultSecs,
    ai_config: undefined,
    recording_config: undefined,
  };
}

/** Copies a POST/PUT body over the defaults; `null` means "default". */
function applyFullBody(meeting: MeetingRecord, body: MeetingBody): void {
  Object.assign(meeting, meetingDefaults());
  meeting.title = body.title ?? null;
  meeting.record_on_start = body.record_on_start ?? false;
  meeting.live_stream_on_start = body.live_stream_on_start ?? false;
  meeting.persist_chat = body.persist_chat ?? false;
  meeting.summarize_on_end = body.summarize_on_end ?? false;
  meeting.transcribe_on_end = body.transcribe_on_end ?? false;
  meeting.session_keep_alive_time_in_secs = body.session_keep_alive_time_in_secs ?? KEEP_ALIVE.defaultSecs;
  meeting.ai_config = body.ai_config === undefined ? undefined : structuredClone(body.ai_config);
  meeting.recording_config = body.recording_config === undefined ? undefined : structuredClone(body.recording_config);
}

/** Merges a PATCH body into the meeting. */
function applyPatch(meeting: MeetingRecord, body: MeetingBody): void {
  const { ai_config, recording_config, ...scalars } = body;
  // The body's scalars are the record's fields of the same names (validated before this).
  Object.assign(meeting, Object.fromEntries(Object.entries(scalars).filter(([, value]) => value !== undefined)));
  if (ai_config !== undefined) {
    meeting.ai_config = deepMerge(meeting.ai_config ?? {}, ai_config);
  }
  if (recording_config !== undefined) {
    const { storage_config, ...rest } = recording_config;
    const merged = deepMerge(meeting.recording_config ?? {}, rest);
    if (storage_config !== undefined) {
      merged.storage_config = structuredClone(storage_config);
    }
    meeting.recording_config = merged;
  }
}

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/meetings`. */
export function meetingRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/:app_id/meetings",
      handler: (request) => {
        const app = appOf(ctx, request);
        const body = validateMeetingBody(request.body ?? {});
        const now = ctx.clock.iso();
        const meeting: MeetingRecord = {
          id: newId(),
          app_id: app.app.id,
          created_at: now,
          updated_at: now,
          status: "ACTIVE",
          ...meetingDefaults(),
        };
        applyFullBody(meeting, body);
        app.meetings.set(meeting.id, meeting);
        return ok(meetingView(meeting), { status: 201 });
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/meetings",
      handler: (request) => {
        const app = appOf(ctx, request);
        const { query } = request;
        const page = readPageRequest(query);
        const search = readSearch(query);
        const status = readEnum(query, "status", MEETING_STATUSES);
        const start = readTime(query, "start_time");
        const end = readTime(query, "end_time");
        const meetings = byCreation(app.meetings.values()).filter(
          (m) =>
            matchesSearch(search, m.title, m.id) && (status === undefined || m.status === status) && withinRange(m.created_at, start, end),
        );
        const { items, paging } = paginate(meetings, page);
        return ok(
          items.map((m) => meetingView(m, { listItem: true })),
          { paging },
        );
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/meetings/:meeting_id",
      handler: (request) => ok(meetingView(meetingOf(ctx, request).meeting)),
    },
    {
      method: "PATCH",
      pattern: "/:app_id/meetings/:meeting_id",
      handler: (request) => {
        const { meeting } = meetingOf(ctx, request);
        applyPatch(meeting, validateMeetingPatch(request.body ?? {}));
        meeting.updated_at = ctx.clock.iso();
        return ok(meetingView(meeting));
      },
    },
    {
      method: "PUT",
      pattern: "/:app_id/meetings/:meeting_id",
      handler: (request) => {
        const { meeting } = meetingOf(ctx, request);
        const body = validateMeetingBody(request.body ?? {});
        if (ctx.options.variants.meetingPutOmitted === "keep") {
          applyPatch(meeting, body);
        } else {
          applyFullBody(meeting, body);
        }
        meeting.updated_at = ctx.clock.iso();
        return ok(meetingView(meeting));
      },
    },
  ];
}
