/** A preset tree between camelCase (users, state) and the API's snake_case. */
import { isPlainObject } from "../../shared/check";
import { convertKeys, toCamelCase, toSnakeCase } from "../../shared/naming";
import { cloneJson, setOwn } from "./json";
import type { PresetTreeInput } from "./types";

// ---------------------------------------------------------------------------------------------
// Wire mapping
// ---------------------------------------------------------------------------------------------

/** A preset tree in the API's snake_case shape (`config`, `permissions`, `ui`); untyped below the top. */
export interface PresetTreeWire {
  /** The `config` object. */
  config?: unknown;
  /** The `permissions` object. */
  permissions?: unknown;
  /** The `ui` object. */
  ui?: unknown;
  /** Anything else the tree held, converted the same way. */
  [key: string]: unknown;
}

/** The plugin map: its keys are plugin UUIDs (same spelling in both namings). */
const PLUGIN_CONFIG_PATH = "permissions.plugins.config";

function convertPresetTree(tree: object, convert: (key: string) => string, verbatimFrom: string, verbatimTo: string): PresetTreeWire {
  const source = tree as Record<string, unknown>;
  let ui = source.ui;
  let verbatim: unknown;
  if (isPlainObject(ui) && Object.hasOwn(ui, verbatimFrom)) {
    const { [verbatimFrom]: held, ...rest } = ui;
    verbatim = held;
    ui = rest;
  }
  const converted = convertKeys({ ...source, ui }, convert, [PLUGIN_CONFIG_PATH]) as PresetTreeWire;
  if (verbatim !== undefined && isPlainObject(converted.ui)) {
    setOwn(converted.ui, verbatimTo, cloneJson(verbatim));
  }
  return converted;
}

/**
 * Converts a camelCase preset tree to the API's snake_case. Plugin ids under
 * `permissions.plugins.config` keep their spelling (their entries' keys are converted), and
 * `ui.configDiff` is sent verbatim as `ui.config_diff`. Nothing is dropped except `undefined`.
 * @internal
 */
export function presetTreeToWire(tree: PresetTreeInput): PresetTreeWire {
  return convertPresetTree(tree, toSnakeCase, "configDiff", "config_diff");
}

/**
 * Converts an API preset tree (snake_case) to camelCase, the inverse of {@link presetTreeToWire}.
 * Server-added fields are converted and kept, not dropped.
 * @internal
 */
export function presetTreeFromWire(wire: Pick<PresetTreeWire, "config" | "permissions" | "ui">): PresetTreeInput {
  return convertPresetTree(wire, toCamelCase, "config_diff", "configDiff") as PresetTreeInput;
}
