/**
 * Presets: create (201 per the July 2026 spec; 200 under the `presetCreateStatus: 200` variant), list (paged, `search` on name; items carry only id, name and
 * timestamps), get, PATCH (deep partial, deep merge), PUT and DELETE (answers the full deleted
 * preset). Names are unique per app (409). The server adds `config.media.video.simulcast: false`
 * when it is absent. A PATCH answer carries the preset `id` as the spec and SDK say (the
 * `presetPatchId: "omitted"` variant drops it, as a third party observed on the live API).
 */
import type { EmulatorContext } from "../context";
import { ok } from "../envelope";
import { conflict } from "../errors";
import { newId } from "../ids";
import { deepMerge } from "../merge";
import { paginate, readPageRequest } from "../paging";
import type { Route, RouteRequest } from "../router";
import { type AppData, type PresetRecord, requireRecord } from "../store";
import { type PresetBody, validatePresetBody, validatePresetPatch } from "../validation/preset";
import { matchesSearch, readSearch } from "../validation/query";
import { isPlainObject } from "../../common/objects";
import { presetListItemView, presetView } from "../views";
import { appOf, byCreation } from "./common";

/** 409 when another preset of the app already has `name`. */
function assertNameFree(app: AppData, name: string, exceptId?: string): void {
  for (const preset of app.presets.values()) {
    if (preset.name === name && preset.id !== exceptId) {
      throw conflict(`A preset named ${name} already exists in app ${app.app.id}`);
    }
  }
}

/** A copy of the preset tree with the server-added fields filled in. */
function withServerDefaults(body: Pick<PresetBody, "config" | "permissions" | "ui">): Pick<PresetBody, "config" | "permissions" | "ui"> {
  const config = structuredClone(body.config);
  const media = config.media;
  if (isPlainObject(media) && isPlainObject(media.video) && media.video.simulcast === undefined) {
    media.video.simulcast = false;
  }
  return { config, permissions: structuredClone(body.permissions), ui: structuredClone(body.ui) };
}

/** Routes under `/accounts/{account_id}/realtime/kit/{app_id}/presets`. */
export function presetRoutes(ctx: EmulatorContext): Route[] {
  const presetOf = (request: RouteRequest) => {
    const app = appOf(ctx, request);
    return { app, preset: requireRecord(app.presets, "Preset", request.params.preset_id) };
  };

  return [
    {
      method: "POST",
      pattern: "/:app_id/presets",
      handler: (request) => {
        const app = appOf(ctx, request);
        const body = validatePresetBody(request.body ?? {});
        assertNameFree(app, body.name);
        const now = ctx.clock.iso();
        const preset: PresetRecord = {
          id: newId(),
          app_id: app.app.id,
          name: body.name,
          ...withServerDefaults(body),
          created_at: now,
          updated_at: now,
        };
        app.presets.set(preset.id, preset);
        return ok(presetView(preset), { status: ctx.options.variants.presetCreateStatus });
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/presets",
      handler: (request) => {
        const app = appOf(ctx, request);
        const page = readPageRequest(request.query);
        const search = readSearch(request.query);
        const presets = byCreation(app.presets.values()).filter((p) => matchesSearch(search, p.name));
        const { items, paging } = paginate(presets, page);
        return ok(items.map(presetListItemView), { paging });
      },
    },
    {
      method: "GET",
      pattern: "/:app_id/presets/:preset_id",
      handler: (request) => ok(presetView(presetOf(request).preset)),
    },
    {
      method: "PATCH",
      pattern: "/:app_id/presets/:preset_id",
      handler: (request) => {
        const { app, preset } = presetOf(request);
        const body = validatePresetPatch(request.body ?? {});
        if (body.name !== undefined) {
          assertNameFree(app, body.name, preset.id);
          preset.name = body.name;
        }
        for (const key of ["config", "permissions", "ui"] as const) {
          const patch = body[key];
          if (patch !== undefined) {
            preset[key] = deepMerge(preset[key], patch);
          }
        }
        preset.updated_at = ctx.clock.iso();
        if (ctx.options.variants.presetPatchId === "omitted") {
          const { id: _omitted, ...withoutId } = presetView(preset);
          return ok(withoutId);
        }
        return ok(presetView(preset));
      },
    },
    {
      method: "PUT",
      pattern: "/:app_id/presets/:preset_id",
      handler: (request) => {
        const { app, preset } = presetOf(request);
        const body = validatePresetBody(request.body ?? {});
        assertNameFree(app, body.name, preset.id);
        Object.assign(preset, { name: body.name, ...withServerDefaults(body), updated_at: ctx.clock.iso() });
        return ok(presetView(preset));
      },
    },
    {
      method: "DELETE",
      pattern: "/:app_id/presets/:preset_id",
      handler: (request) => {
        const { app, preset } = presetOf(request);
        app.presets.delete(preset.id);
        return ok(presetView(preset));
      },
    },
  ];
}
