/**
 * A RealtimeKit preset: the permission set, media settings and theme a participant joins with.
 */
import { checkClaimingUnique, claimantOf } from "./claims";
import * as pulumi from "@pulumi/pulumi";
import { ConflictError, RealtimeKitError, isConflict } from "../client/errors";
import { CheckFailure, Schema, isPlainObject } from "../shared/check";
import { DiffSpec, Fields, changedKeys, deepPatch, isEqual } from "../shared/diff";
import { Target } from "../runtime";
import presetProvider = require("../stubs/preset");
import { GONE, ResourceImplementation, unlessNotFound, validateInputs } from "./implementation";
import {
  PLACEMENT_SCHEMA_FIELDS,
  PlacementInputs,
  desiredTarget,
  diffWithPlacement,
  existingTarget,
  placementOf,
  refreshedInputs,
} from "./placement";
import { AppResource, CommonOutputs, DeepInput } from "./appResource";
import { compact, pickKeys } from "../shared/objects";
import { createExactlyOnce } from "./exactlyOnce";
import {
  PresetConfig,
  PresetConfigInput,
  PresetPermissions,
  PresetPermissionsInput,
  PresetTree,
  PresetTreeInput,
  PresetUi,
  PresetUiInput,
  mergePresetDefaults,
  presetTreeFromWire,
  presetTreeToWire,
  validatePresetTree,
} from "./presetTree";
import type { WirePreset } from "../client/wire";
import { reportAdoption } from "./adoption";

// ---------------------------------------------------------------------------------------------
// Public types

/**
 * The arguments of a {@link Preset}. `config`, `permissions` and `ui` are deep-partial: what you
 * leave out takes the documented default, so `{ name: "host", permissions: { kickParticipant: true } }`
 * is a complete, valid preset.
 */
export interface PresetArgs {
  /**
   * The preset's name, unique in the app; participants select presets by name. Not empty, at most
   * 255 characters. Renaming updates in place, but breaks `preset_name` references held elsewhere.
   * Maps to `name`.
   */
  name: pulumi.Input<string>;
  /** Room type, video stream limits and media quality. Merged onto the defaults. Maps to `config`. */
  config?: DeepInput<PresetConfigInput>;
  /**
   * What a participant may do, e.g. `kickParticipant` (end the session for everyone from the client
   * SDK), `pinParticipant`, `chat`, `media`, `polls`. Merged onto the defaults. Maps to `permissions`.
   */
  permissions?: DeepInput<PresetPermissionsInput>;
  /** Theme and colours of the prebuilt UI. Merged onto the defaults. Maps to `ui`. */
  ui?: DeepInput<PresetUiInput>;
  /**
   * Take over an existing preset with the same `name` in the app instead of failing with a
   * conflict (the TypeScript resources are dynamic, which `pulumi import` cannot adopt; the provider
   * plugin also takes `pulumi import`). It is then managed, and deleted on destroy.
   * @default false
   */
  adoptExisting?: pulumi.Input<boolean>;
  /** The Cloudflare account, when it is not the configured `realtimekit:accountId`. A change replaces the preset. */
  accountId?: pulumi.Input<string>;
  /** The RealtimeKit app, when it is not the configured `realtimekit:appId`. A change replaces the preset. */
  appId?: pulumi.Input<string>;
}

/**
 * The preset's inputs as the provider receives them: the trees as the program wrote them
 * (deep-partial). The defaults are merged in where the trees are used ({@link applyPresetDefaults}),
 * which keeps ~1.6 KB of default tree out of every preset's stored inputs. @internal
 */
export interface PresetInputs extends PlacementInputs, PresetTreeInput {
  name: string;
  adoptExisting?: boolean;
}

/**
 * The preset's outputs as state keeps them: each tree holds the declared leaves and those off the
 * defaults ({@link storedLeaves}); the defaults fill in the rest. The API may leave the timestamps
 * out of an answer. @internal
 */
export type PresetOutputs = Omit<PresetInputs, "accountId" | "appId"> &
  Required<PresetTreeInput> &
  Omit<CommonOutputs, "createdAt" | "updatedAt"> &
  Partial<Pick<CommonOutputs, "createdAt" | "updatedAt">>;

// ---------------------------------------------------------------------------------------------
// Wire mapping

const PRESET_FIELDS = ["name", "config", "permissions", "ui"] as const;

/** A field of a preset that maps one to one to the API. */
type PresetField = (typeof PRESET_FIELDS)[number];

function presetBody(fields: Partial<Pick<PresetInputs, PresetField>>): Record<string, unknown> {
  const { name, ...tree } = fields;
  return compact({ name, ...presetTreeToWire(tree) });
}

/**
 * What state keeps of a preset's tree: the leaves that differ from the defaults, those the defaults
 * do not have (fields the server adds), and every leaf present in `kept` (the program's declared
 * tree, or the stored one), even at its default value, so that what a program declared is always
 * in the outputs, drift included. `{}` when none. The defaults fill in the rest
 * ({@link withDefaultTrees}): ~1.6 KB less per preset in a state the engine rewrites after every step.
 */
function storedLeaves<Tree extends object>(tree: Tree | undefined, defaults: unknown, kept: unknown): Tree {
  return storedLeavesOf(tree, defaults, kept) as Tree; // a deep-partial tree with fewer leaves is still one
}

function storedLeavesOf(tree: unknown, defaults: unknown, kept: unknown): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  if (!isPlainObject(tree)) {
    return stored;
  }
  for (const [key, item] of Object.entries(tree)) {
    const fallback = isPlainObject(defaults) && Object.hasOwn(defaults, key) ? defaults[key] : undefined;
    const keep = isPlainObject(kept) && Object.hasOwn(kept, key) ? kept[key] : undefined;
    if (isPlainObject(item) && isPlainObject(fallback)) {
      const child = storedLeavesOf(item, fallback, keep);
      if (Object.keys(child).length > 0) stored[key] = child;
    } else if (fallback === undefined || keep !== undefined || !isEqual(item, fallback)) {
      stored[key] = item;
    }
  }
  return stored;
}

/**
 * Stored preset outputs with their trees complete again (stored outputs keep only the declared
 * leaves and those off the defaults; those written by earlier versions are complete already, which
 * this leaves as is).
 */
function withDefaultTrees<T extends PresetTreeInput>(outputs: T): T & PresetTree {
  return applyPresetDefaults(outputs);
}

/**
 * @param wire - what the API answered (may be partial: a PATCH answer).
 * @param declared - the inputs (for `adoptExisting`).
 * @param fallback - complete trees for what `wire` lacks.
 * @param kept - trees whose leaves state keeps even at their defaults (see {@link storedLeaves}).
 */
function presetOutputs(
  wire: Partial<WirePreset>,
  declared: Pick<PresetInputs, "adoptExisting">,
  fallback: Partial<PresetOutputs>,
  kept: PresetTreeInput,
  target: Target,
): PresetOutputs {
  const tree = presetTreeFromWire(wire);
  const defaults = mergePresetDefaults({});
  const name = wire.name ?? fallback.name;
  if (name === undefined) {
    throw new RealtimeKitError("Preset read failed: the API answered a preset without its name");
  }
  return compact({
    name,
    config: storedLeaves(tree.config ?? fallback.config, defaults.config, kept.config),
    permissions: storedLeaves(tree.permissions ?? fallback.permissions, defaults.permissions, kept.permissions),
    ui: storedLeaves(tree.ui ?? fallback.ui, defaults.ui, kept.ui),
    adoptExisting: declared.adoptExisting,
    createdAt: wire.created_at ?? fallback.createdAt,
    updatedAt: wire.updated_at ?? fallback.updatedAt,
    ...placementOf(target),
  });
}

// ---------------------------------------------------------------------------------------------
// Validation

/** The schema of a preset's own inputs; the tree under config/permissions/ui is checked by presetTree. @internal */
export const presetSchema: Schema = {
  kind: "object",
  required: ["name"],
  fields: {
    name: { kind: "string", minLength: 1, maxLength: 255 },
    config: { kind: "any" },
    permissions: { kind: "any" },
    ui: { kind: "any" },
    adoptExisting: { kind: "boolean" },
    ...PLACEMENT_SCHEMA_FIELDS,
  },
};

/** Validates a preset's inputs; returns failures with camelCase property paths. @internal */
export function validatePreset(news: Record<string, unknown>): CheckFailure[] {
  return validateInputs(news, presetSchema, (inputs, out) =>
    validatePresetTree({ config: inputs.config, permissions: inputs.permissions, ui: inputs.ui }, out),
  );
}

/** Merges the deep-partial trees of `news` (inputs or outputs) onto the documented defaults. @internal */
export function applyPresetDefaults<T extends PresetTreeInput>(news: T): T & PresetTree {
  return { ...news, ...mergePresetDefaults({ config: news.config, permissions: news.permissions, ui: news.ui }) };
}

/** How presets are diffed: every field updates in place (PATCH is a deep partial update). @internal */
export const presetDiffSpec: DiffSpec<PresetField> = { inputKeys: PRESET_FIELDS };

// ---------------------------------------------------------------------------------------------
// Provider implementation

function presetPath(target: Target, id?: string): string[] {
  return id === undefined ? [target.appId, "presets"] : [target.appId, "presets", id];
}

async function getPreset(target: Target, id: string): Promise<WirePreset> {
  return target.client.request<WirePreset>({ method: "GET", path: presetPath(target, id), context: "Preset read" });
}

/** Finds the app's preset with this name (names are unique per app); list items carry only ids and names. */
async function findPresetByName(target: Target, name: string): Promise<WirePreset | undefined> {
  const matches = await target.client.listAll<WirePreset>({
    method: "GET",
    path: presetPath(target),
    query: { search: name },
    context: "Preset lookup",
  });
  const match = matches.find((preset) => preset.name === name);
  return match?.id === undefined ? undefined : getPreset(target, match.id);
}

/** One PATCH with only the differing leaves, or nothing when the preset already matches. */
async function converge(
  target: Target,
  id: string,
  current: Fields<PresetField>,
  desired: PresetInputs & PresetTree,
): Promise<WirePreset | undefined> {
  const changed = changedKeys(current, desired, presetDiffSpec);
  if (changed.length === 0) {
    return undefined;
  }
  const patch: Record<string, unknown> = {};
  for (const key of changed) {
    patch[key] = deepPatch(current[key], desired[key]);
  }
  return target.client.request<WirePreset>({
    method: "PATCH",
    path: presetPath(target, id),
    body: presetBody(patch),
    context: "Preset update",
  });
}

function camelPreset(wire: WirePreset): Pick<PresetInputs, PresetField> {
  return { name: wire.name, ...presetTreeFromWire(wire) };
}

/** Preset names are unique per app. */
const PRESET_NAME_CLAIM = { what: "preset name", property: "name" } as const;

/** The dynamic-provider methods of {@link Preset}, run in the provider process. @internal */
export const presetImplementation: ResourceImplementation<PresetInputs, PresetOutputs> = {
  // The inputs stay as written (deep-partial): defaults are merged where they are used (diff, create,
  // update). The engine rewrites the whole state after each step, so state size is what a large
  // `up` costs.
  async check(_olds, news) {
    return checkClaimingUnique<PresetInputs, PresetInputs>(news, PRESET_NAME_CLAIM, validatePreset, (given) => given);
  },

  async diff(_id, olds, news) {
    return diffWithPlacement(withDefaultTrees(olds), applyPresetDefaults(news), presetDiffSpec);
  },

  async create(partial) {
    const inputs = applyPresetDefaults(partial);
    const target = desiredTarget(inputs);
    if (inputs.adoptExisting) {
      const existing = await findPresetByName(target, inputs.name);
      if (existing?.id !== undefined) {
        reportAdoption("preset", existing.id, `name ${JSON.stringify(inputs.name)}`);
        const converged = await converge(target, existing.id, camelPreset(existing), inputs);
        return { id: existing.id, outs: presetOutputs({ ...existing, ...converged }, inputs, {}, partial, target) };
      }
    }
    try {
      const created = await createExactlyOnce(
        target,
        "preset",
        inputs.name,
        { method: "POST", path: presetPath(target), body: presetBody(pickKeys(inputs, PRESET_FIELDS)), context: "Preset create" },
        () => findPresetByName(target, inputs.name),
      );
      const id = created.id;
      if (id === undefined) {
        throw new RealtimeKitError(`Preset create failed: the API answered the new preset "${inputs.name}" without its id`);
      }
      // An ambiguous create may have been adopted from an earlier attempt: make sure it matches.
      const converged = await converge(target, id, camelPreset(created), inputs);
      return { id, outs: presetOutputs({ ...created, ...converged }, inputs, inputs, partial, target) };
    } catch (error) {
      if (isConflict(error)) {
        throw new ConflictError({
          ...error,
          hint: `A preset named "${inputs.name}" already exists in app ${target.appId}; set adoptExisting: true to manage it from this stack`,
        });
      }
      throw error;
    }
  },

  async read(id, olds = {}) {
    const target = existingTarget(olds);
    const current = await unlessNotFound(() => getPreset(target, id));
    if (current === undefined) {
      return GONE;
    }
    const previous = withDefaultTrees(olds);
    const outs = presetOutputs(current, olds, previous, olds, target);
    const live = { name: outs.name, ...treesWithoutDefaults(withDefaultTrees(outs), previous) };
    const inputs = refreshedInputs(live, olds, ["adoptExisting"]);
    return { id, props: outs, inputs };
  },

  async update(id, olds, partial) {
    const news = applyPresetDefaults(partial);
    const target = existingTarget(olds);
    const current = withDefaultTrees(olds);
    const updated = await converge(target, id, current, news);
    const expected = { ...current, ...pickKeys(news, PRESET_FIELDS) };
    return { outs: presetOutputs(updated ?? {}, news, expected, partial, target) };
  },

  async delete(id, olds) {
    const target = existingTarget(olds);
    await unlessNotFound(() => target.client.request({ method: "DELETE", path: presetPath(target, id), context: "Preset delete" }));
  },
};

/**
 * The leaves of a live tree that a program would have to declare to describe it: those that differ
 * from the defaults, and those that changed since the last known state (`previous`, the stored
 * outputs) even where they now equal a default or are fields the server adds. `undefined` when none.
 */
function declarableLeaves(live: unknown, defaults: unknown, previous: unknown): unknown {
  if (isPlainObject(live)) {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(live)) {
      const child = declarableLeaves(
        item,
        isPlainObject(defaults) && Object.hasOwn(defaults, key) ? defaults[key] : undefined,
        isPlainObject(previous) ? previous[key] : undefined,
      );
      if (child !== undefined) {
        kept[key] = child;
      }
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  }
  if (!isEqual(live, previous)) {
    return live;
  }
  return defaults !== undefined && !isEqual(live, defaults) ? live : undefined;
}

/**
 * The live trees as refreshed inputs, in the deep-partial form a program writes: the leaves that
 * differ from the defaults plus every leaf that drifted. So the next preview shows exactly the
 * drift (e.g. `~ kickParticipant: false => true`), and the default tree stays out of the state.
 */
function treesWithoutDefaults(
  live: Pick<PresetOutputs, "config" | "permissions" | "ui">,
  previous: Partial<PresetOutputs>,
): Record<string, unknown> {
  const defaults = mergePresetDefaults({});
  const trees: Record<string, unknown> = {};
  for (const key of ["config", "permissions", "ui"] as const) {
    trees[key] = declarableLeaves(live[key], defaults[key], previous[key]);
  }
  return trees;
}

// ---------------------------------------------------------------------------------------------
// Resource

/**
 * A RealtimeKit preset.
 *
 * - Create: POST with the full tree (your inputs merged onto the documented defaults). After an
 *   ambiguous failure the preset is looked up by name before any retry: never a duplicate.
 * - Update: one PATCH carrying only the changed leaves.
 * - Delete: DELETE (a preset already gone counts as deleted).
 * - Adopt an existing preset by name with `adoptExisting: true`.
 *
 * @example
 * ```ts
 * const host = new Preset("host", { name: "host", permissions: { kickParticipant: true } });
 * ```
 */
export class Preset extends AppResource {
  /** The preset's name. */
  declare readonly name: pulumi.Output<string>;
  /** The complete config tree as the API reports it (state keeps only the declared leaves and those off the defaults). */
  declare readonly config: pulumi.Output<PresetConfig>;
  /** The complete permissions tree as the API reports it (state keeps only the declared leaves and those off the defaults). */
  declare readonly permissions: pulumi.Output<PresetPermissions>;
  /** The complete UI tree as the API reports it (state keeps only the declared leaves and those off the defaults). */
  declare readonly ui: pulumi.Output<PresetUi>;

  constructor(name: string, args: PresetArgs, opts?: pulumi.CustomResourceOptions) {
    super(presetProvider, "Preset", name, PRESET_FIELDS, { ...args, ...claimantOf("Preset", name) }, opts);
    // State keeps the declared leaves and those off the defaults; the program sees the complete trees.
    this.config = this.config.apply((tree) => mergePresetDefaults({ config: tree }).config);
    this.permissions = this.permissions.apply((tree) => mergePresetDefaults({ permissions: tree }).permissions);
    this.ui = this.ui.apply((tree) => mergePresetDefaults({ ui: tree }).ui);
  }
}
