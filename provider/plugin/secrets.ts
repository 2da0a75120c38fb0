/**
 * Secrets across the plugin's gRPC boundary. The plugin tells the engine it accepts secrets, so
 * the engine sends secret values still marked (`{ <sig>: <secret sig>, value }`) instead of
 * decrypting them first, and the provider must mark secret what it returns. The resource
 * implementations work on plain values, so the plugin reveals secrets on the way in and marks them
 * again on the way out: a property that came in secret goes out secret, and the storage
 * credentials of a meeting are secret always.
 * @internal
 */
import { isPlainObject } from "../shared/check";

/** The key and value that mark a secret in the property structs of the provider protocol. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True for a marked secret value. */
export function isSecretValue(value: unknown): value is { value: unknown } {
  return isPlainObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** Marks a value secret (once). */
export function secretValue(value: unknown): unknown {
  return isSecretValue(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** True when `value` is, or holds anywhere, a secret. */
function holdsSecret(value: unknown): boolean {
  if (isSecretValue(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(holdsSecret);
  }
  return isPlainObject(value) && Object.values(value).some(holdsSecret);
}

/** `value` with every secret replaced by its plain value. */
export function revealed(value: unknown): unknown {
  if (isSecretValue(value)) {
    return revealed(value.value);
  }
  if (Array.isArray(value)) {
    return value.map(revealed);
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revealed(item)]));
  }
  return value;
}

/** Plain properties and the top-level keys that held a secret. */
export interface RevealedProperties {
  readonly plain: Record<string, unknown>;
  readonly secretKeys: ReadonlySet<string>;
}

/** Reveals a property bag, remembering which top-level properties held a secret. */
export function revealProperties(properties: Record<string, unknown> | undefined): RevealedProperties {
  const bag = properties ?? {};
  const secretKeys = new Set(Object.keys(bag).filter((key) => holdsSecret(bag[key])));
  return { plain: revealed(bag) as Record<string, unknown>, secretKeys };
}

/**
 * Marks secret, in a property bag the provider returns: the top-level properties named in
 * `secretKeys` (they came in secret) and the leaves at `alwaysSecret` paths (dotted, e.g.
 * `recordingConfig.storageConfig.secret`), when present. Drops `undefined` members, which a
 * protobuf struct cannot carry.
 */
export function protectProperties(
  properties: Record<string, unknown>,
  secretKeys: Iterable<string>,
  alwaysSecret: readonly string[],
): Record<string, unknown> {
  const out = dropUndefined(properties) as Record<string, unknown>;
  for (const path of alwaysSecret) {
    markLeaf(out, path.split("."));
  }
  for (const key of secretKeys) {
    if (out[key] !== undefined) {
      out[key] = secretValue(revealed(out[key]));
    }
  }
  return out;
}

function markLeaf(node: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (!Object.hasOwn(node, head) || node[head] === undefined || node[head] === null) {
    return;
  }
  if (rest.length === 0) {
    node[head] = secretValue(node[head]);
  } else if (isPlainObject(node[head])) {
    node[head] = { ...node[head] };
    markLeaf(node[head] as Record<string, unknown>, rest);
  }
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(dropUndefined);
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [key, dropUndefined(item)]),
    );
  }
  return value;
}
