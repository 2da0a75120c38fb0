/**
 * Lookups route modules share: the app named in the path, the meeting within it, a preset by name.
 */
import type { EmulatorContext } from "../context";
import { badRequest } from "../errors";
import type { RouteRequest } from "../router";
import { type AppData, type MeetingRecord, type PresetRecord, requireRecord } from "../store";

/** The app named by the `:app_id` path parameter, or a 404. */
export function appOf(ctx: EmulatorContext, request: RouteRequest): AppData {
  return ctx.store.requireApp(request.params.app_id);
}

/** The app and the meeting named by `:app_id` / `:meeting_id`, or a 404. */
export function meetingOf(ctx: EmulatorContext, request: RouteRequest): { app: AppData; meeting: MeetingRecord } {
  const app = appOf(ctx, request);
  return { app, meeting: requireRecord(app.meetings, "Meeting", request.params.meeting_id) };
}

/** Sorts records by `created_at`, keeping insertion order for equal times; `DESC` reverses. */
export function byCreation<T extends { readonly created_at: string }>(records: Iterable<T>, order: "ASC" | "DESC" = "ASC"): T[] {
  const sorted = [...records].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at));
  return order === "DESC" ? sorted.reverse() : sorted;
}

/** The app's preset with this name, or a 400 naming `preset_name`. */
export function presetByName(app: AppData, name: string): PresetRecord {
  for (const preset of app.presets.values()) {
    if (preset.name === name) {
      return preset;
    }
  }
  throw badRequest(`preset_name ${JSON.stringify(name)} does not match any preset of app ${app.app.id}`);
}
