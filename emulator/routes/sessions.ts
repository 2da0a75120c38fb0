/**
 * Sessions of an app: list (`data.sessions`, paged; filters `associated_id`, `status`,
 * `start_time` / `end_time` on start time, `search` on meeting title, meeting id and session id;
 * `sort_by` `createdAt` | `minutesConsumed`, `sort_order`) and get by id.
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { SESSION_SORT_BY, SESSION_STATUSES, SORT_ORDERS } from "../limits";
import { paginate, readPageRequest } from "../paging";
import type { Route } from "../router";
import { requireRecord } from "../store";
import { matchesSearch, readEnum, readSearch, readTime, withinRange } from "../validation/query";
import { minutesConsumed, sessionView } from "../views";
import { appOf, byCreation } from "./common";

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/sessions`. */
export function sessionRoutes(ctx: EmulatorContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/:app_id/sessions",
      handler: (request) => {
        const app = appOf(ctx, request);
        const { query } = request;
        const page = readPageRequest(query);
        const associatedId = query.get("associated_id") ?? undefined;
        const status = readEnum(query, "status", SESSION_STATUSES);
        const start = readTime(query, "start_time");
        const end = readTime(query, "end_time");
        const search = readSearch(query);
        const sortBy = readEnum(query, "sort_by", SESSION_SORT_BY) ?? "createdAt";
        const order = readEnum(query, "sort_order", SORT_ORDERS) ?? "ASC";
        const now = ctx.clock.now();
        let sessions = byCreation(app.sessions.values()).filter(
          (s) =>
            (associatedId === undefined || s.meeting_id === associatedId) &&
            (status === undefined || s.status === status) &&
            withinRange(s.started_at, start, end) &&
            matchesSearch(search, s.meeting_display_name, s.meeting_id, s.id),
        );
        if (sortBy === "minutesConsumed") {
          sessions = sessions.sort((a, b) => minutesConsumed(a, now) - minutesConsumed(b, now));
        }
        if (order === "DESC") {
          sessions.reverse();
        }
        const { items, paging } = paginate(sessions, page);
        return ok({ sessions: items.map((s) => sessionView(s, now)) }, { paging });
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/sessions/:session_id",
      handler: (request) => {
        const app = appOf(ctx, request);
        return ok(sessionView(requireRecord(app.sessions, "Session", request.params.session_id), ctx.clock.now()));
      },
    },
  ];
}
