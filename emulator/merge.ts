/**
 * Deep merge for PATCH bodies: nested objects merge key by key, everything else (scalars, arrays,
 * `null`) replaces what was there. Inputs are not modified.
 */
import { isPlainObject } from "../common/objects";

/** Returns `base` with `patch` merged in; `undefined` values in `patch` are skipped. */
export function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      continue;
    }
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : structuredClone(value);
  }
  return result;
}
