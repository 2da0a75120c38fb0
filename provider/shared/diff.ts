/**
 * The one diff implementation shared by every resource. Each resource declares which input keys
 * it manages and which of them force a replacement; everything else (server-added fields, the
 * serialized `__provider`, outputs such as `createdAt`) never causes a diff.
 * @internal
 */
import { isPlainObject, isUnknown } from "./check";

/** How a resource's inputs are compared; `Key` is the union of its managed keys. */
export interface DiffSpec<Key extends string = string> {
  /** The managed input keys, in camelCase. Only these are compared. */
  readonly inputKeys: readonly Key[];
  /** Keys whose change replaces the resource instead of updating it in place. */
  readonly replaceOnChange?: readonly Key[];
  /** Keys compared as sets: order and duplicates do not matter (e.g. webhook `events`). */
  readonly unorderedKeys?: readonly Key[];
  /** Delete the old object before creating its replacement (for unique keys). */
  readonly deleteBeforeReplace?: boolean;
}

/** What the dynamic-provider host forwards to the engine. */
export interface DiffOutcome {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/**
 * True when `desired` holds nothing that `actual` lacks or has differently. Objects are compared
 * key by key over the keys of `desired` (keys only the server set are ignored; an absent object
 * counts as empty); `undefined` in
 * `desired` means "not managed"; arrays are compared element by element, or as sets when
 * `unordered` is set. An unknown value (preview) always counts as a possible change.
 */
export function isSatisfiedBy(desired: unknown, actual: unknown, unordered = false): boolean {
  if (desired === undefined) {
    return true;
  }
  if (isUnknown(desired)) {
    return false;
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(actual)) {
      return false;
    }
    if (unordered) {
      const left = new Set(desired.map((item) => JSON.stringify(item)));
      const right = new Set(actual.map((item) => JSON.stringify(item)));
      return left.size === right.size && [...left].every((item) => right.has(item));
    }
    return desired.length === actual.length && desired.every((item, index) => isEqual(item, actual[index]));
  }
  if (isPlainObject(desired)) {
    // An absent object satisfies a desired one that sets no leaf (e.g. a default `configDiff: {}`
    // against an object that never had one).
    const current = actual === undefined ? {} : actual;
    if (!isPlainObject(current)) {
      return false;
    }
    return Object.entries(desired).every(([key, value]) => isSatisfiedBy(value, current[key]));
  }
  return desired === actual;
}

/** Deep equality of JSON values, with `undefined` object members treated as absent. */
export function isEqual(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => isEqual(item, right[index]))
    );
  }
  if (isPlainObject(left) || isPlainObject(right)) {
    if (!isPlainObject(left) || !isPlainObject(right)) {
      return false;
    }
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    return [...keys].every((key) => isEqual(left[key], right[key]));
  }
  return left === right;
}

/** Any object, read for the managed keys of a {@link DiffSpec}. */
export type Fields<Key extends string> = { readonly [K in Key]?: unknown };

/** The managed keys whose desired value the current state does not satisfy. */
export function changedKeys<Key extends string>(current: Fields<Key>, desired: Fields<Key>, spec: DiffSpec<Key>): Key[] {
  return spec.inputKeys.filter((key) => {
    const unordered = spec.unorderedKeys?.includes(key) ?? false;
    return !isSatisfiedBy(desired[key], current[key], unordered);
  });
}

/**
 * Compares the stored outputs (`olds`) with the new inputs (`news`) under `spec`. Callers resolve
 * defaults first (e.g. the configured app id), so that a replacement key is never left undefined.
 */
export function diffResource<Key extends string>(olds: Fields<Key>, news: Fields<Key>, spec: DiffSpec<Key>): DiffOutcome {
  const changed = changedKeys(olds, news, spec);
  const replaces = changed.filter((key) => spec.replaceOnChange?.includes(key));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0 && (spec.deleteBeforeReplace ?? false),
  };
}

/**
 * The part of `desired` that differs from `current`, as a deep-partial patch: for nested objects
 * only the differing leaves are kept, so a PATCH sends the minimum. Arrays are sent whole.
 */
export function deepPatch(current: unknown, desired: unknown): unknown {
  if (isPlainObject(desired) && isPlainObject(current)) {
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(desired)) {
      if (value === undefined || isSatisfiedBy(value, current[key])) {
        continue;
      }
      patch[key] = deepPatch(current[key], value);
    }
    return patch;
  }
  return desired;
}
