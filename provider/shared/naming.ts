/**
 * camelCase (Pulumi inputs and outputs) to snake_case (the RealtimeKit wire) and back.
 * @internal
 */

/** `recordOnStart` → `record_on_start`. Digits stay attached (`color600` is not split). */
export function toSnakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `record_on_start` → `recordOnStart`. */
export function toCamelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Converts every object key in a JSON tree. The keys of maps at the given `opaquePaths` (dotted,
 * in the converted naming) are user data such as plugin ids: they are kept as they are, while the
 * objects they hold are converted as usual.
 */
export function convertKeys(value: unknown, convert: (key: string) => string, opaquePaths: readonly string[] = [], path = ""): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => convertKeys(item, convert, opaquePaths, path));
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  const opaque = opaquePaths.includes(path);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) {
      continue;
    }
    const converted = opaque ? key : convert(key);
    const childPath = path === "" ? converted : `${path}.${converted}`;
    result[converted] = convertKeys(item, convert, opaquePaths, childPath);
  }
  return result;
}
