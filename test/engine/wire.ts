/** Converts emulator (snake_case wire) objects to the provider's camelCase outputs for comparison. */
import { convertKeys, toCamelCase } from "../../provider/shared/naming";

/**
 * camelCase copy of a wire object. Plugin ids under `plugins.config` (a preset's permissions) are
 * user data and keep their spelling.
 */
export function camelCaseOf(value: unknown): unknown {
  return convertKeys(value, toCamelCase, ["plugins.config"]);
}
