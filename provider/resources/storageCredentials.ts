/**
 * A meeting's recording-storage credentials (`recordingConfig.storageConfig`): given literally, or
 * named by stack config key in `credentialsFromConfig` so that the provider reads the values itself.
 *
 * Why the second way exists: the Node dynamic-provider host refuses secrets, so the engine hands
 * the provider every input decrypted, and Pulumi's Node SDK prints a resource's inputs and outputs
 * (secret ones included) in its `--debug` / `-v` log lines. Values read from stack config in the
 * provider are never inputs or outputs: they live only in the encrypted stack config. State keeps
 * the key names and a salted digest of the values, so that changing a value updates the meeting.
 * @internal
 */
import { createHmac, randomBytes } from "node:crypto";
import { ConfigError } from "../client/errors";
import { FailureCollector, isPlainObject, isUnknown } from "../shared/check";

/** The write-only credential fields of a storage config, in the API's order. */
export const STORAGE_CREDENTIAL_FIELDS = ["accessKey", "secret", "password", "privateKey"] as const;

/** One credential field. */
export type StorageCredentialField = (typeof STORAGE_CREDENTIAL_FIELDS)[number];

/** The input key naming the stack config keys of the credentials. */
export const CREDENTIALS_FROM_CONFIG = "credentialsFromConfig";

/**
 * The key under which `check` records the digest of the values read from config. Computed by the
 * provider only: the schema does not know it, so a program that sets it is told it is unknown.
 */
export const CREDENTIALS_DIGEST = "credentialsDigest";

/** Storage-config keys that only the program knows: the API takes them (or their values) but never returns them. */
export const INPUT_ONLY_STORAGE_KEYS: readonly string[] = [...STORAGE_CREDENTIAL_FIELDS, CREDENTIALS_FROM_CONFIG, CREDENTIALS_DIGEST];

/** A full stack config key, `<namespace>:<name>`. */
export const CONFIG_KEY_PATTERN = /^[^\s:]+:[^\s]+$/;

/** Reads one stack config value by full key; `undefined` when unset. */
export type ConfigReader = (key: string) => string | undefined;

const DIGEST_SCHEME = "hmac-sha256";

/** `pulumi config set --secret <key> <value>`: the hint every "not set" message gives. */
function setHint(key: string): string {
  return `set it with \`pulumi config set --secret ${key} <value>\``;
}

/** The config keys named in `credentialsFromConfig` (string values only; the schema reports the rest). */
function referencedKeys(storage: Record<string, unknown>): Array<[StorageCredentialField, string]> {
  const refs = storage[CREDENTIALS_FROM_CONFIG];
  if (!isPlainObject(refs)) return [];
  return STORAGE_CREDENTIAL_FIELDS.flatMap((field) => {
    const key = refs[field];
    return typeof key === "string" && CONFIG_KEY_PATTERN.test(key) ? [[field, key] as [StorageCredentialField, string]] : [];
  });
}

/**
 * Whether a storage-config field is given: literally, or (for a credential) by config key. Used by
 * the validator's "required for type X" rules.
 */
export function isGiven(storage: Record<string, unknown>, field: string): boolean {
  const refs = storage[CREDENTIALS_FROM_CONFIG];
  return storage[field] !== undefined || (isPlainObject(refs) && refs[field] !== undefined);
}

/**
 * Validation beyond the schema: a field given both ways is a conflict. (That referenced keys are
 * set in config is checked by {@link withCredentialsDigest}, which has the config.)
 */
export function validateCredentialSources(storage: Record<string, unknown>, path: string, out: FailureCollector): void {
  const refs = storage[CREDENTIALS_FROM_CONFIG];
  if (!isPlainObject(refs)) return;
  for (const field of STORAGE_CREDENTIAL_FIELDS) {
    if (refs[field] !== undefined && storage[field] !== undefined) {
      out.add(
        `${path}.${CREDENTIALS_FROM_CONFIG}.${field}`,
        `conflicts with ${path}.${field}: give the credential either literally or from stack config, not both`,
      );
    }
  }
}

function digestOf(salt: string, values: ReadonlyArray<[string, string]>): string {
  const mac = createHmac("sha256", salt).update(JSON.stringify(values)).digest("hex");
  return `${DIGEST_SCHEME}:${salt}:${mac}`;
}

/** The salt of an earlier digest, so that unchanged values give the same digest again. */
function saltOf(previous: unknown): string | undefined {
  if (typeof previous !== "string") return undefined;
  const [scheme, salt] = previous.split(":");
  return scheme === DIGEST_SCHEME && /^[0-9a-f]{32}$/.test(salt ?? "") ? salt : undefined;
}

/**
 * For `check`: reads every referenced config key and records a salted digest of the values under
 * {@link CREDENTIALS_DIGEST}, reusing the salt of `previous` (the storage config of the old inputs).
 * A referenced key that is not set is a failure at `<path>.credentialsFromConfig.<field>`.
 *
 * @returns the storage config to store as input (values never included), or `storage` unchanged
 *   when it names no config keys or is not known yet (preview with unknowns).
 */
export function withCredentialsDigest<Storage>(
  storage: Storage,
  previous: unknown,
  read: ConfigReader,
  path: string,
  out: FailureCollector,
): Storage {
  if (!isPlainObject(storage) || isUnknown(storage[CREDENTIALS_FROM_CONFIG])) return storage;
  const keys = referencedKeys(storage);
  if (keys.length === 0) return storage;
  const values: Array<[string, string]> = [];
  for (const [field, key] of keys) {
    const value = read(key);
    if (value === undefined || value === "") {
      out.add(`${path}.${CREDENTIALS_FROM_CONFIG}.${field}`, `stack config key "${key}" is not set; ${setHint(key)}`);
    } else {
      values.push([field, value]);
    }
  }
  if (values.length !== keys.length) return storage;
  const salt = saltOf(isPlainObject(previous) ? previous[CREDENTIALS_DIGEST] : undefined) ?? randomBytes(16).toString("hex");
  return { ...storage, [CREDENTIALS_DIGEST]: digestOf(salt, values) };
}

/**
 * For a request body: the storage config with the referenced values in place of
 * `credentialsFromConfig`, and without the digest.
 *
 * @throws Error naming the field and key when a referenced key is no longer set.
 */
export function resolveStorageCredentials(storage: unknown, read: ConfigReader, path: string): unknown {
  if (!isPlainObject(storage)) return storage;
  const { [CREDENTIALS_FROM_CONFIG]: _refs, [CREDENTIALS_DIGEST]: _digest, ...rest } = storage;
  const resolved: Record<string, unknown> = rest;
  for (const [field, key] of referencedKeys(storage)) {
    const value = read(key);
    if (value === undefined || value === "") {
      throw new ConfigError(`${path}.${CREDENTIALS_FROM_CONFIG}.${field}: stack config key "${key}" is not set; ${setHint(key)}`, key);
    }
    resolved[field] = value;
  }
  return resolved;
}
