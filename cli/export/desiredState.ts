/**
 * What an app holds, as the arguments that reproduce it: the camelCase inputs of `Preset`,
 * `Webhook` and `Meeting`, each left at its default where the object is (presets as the smallest
 * deep-partial over the defaults), a unique key per object, adoption made explicit, and storage
 * credentials (write-only in the API) replaced by stack config keys to fill in.
 *
 * Both renderers (YAML and TypeScript) start from this; neither talks to the API.
 */
import { isEqual } from "../../provider/shared/diff";
import { convertKeys, toCamelCase } from "../../provider/shared/naming";
import { applyMeetingDefaults } from "../../provider/resources/meetingSchema";
import { MEETING_FIELDS } from "../../provider/resources/meetingTypes";
import { minimalPresetInput, presetTreeFromWire } from "../../provider/resources/presetTree";
import { CREDENTIALS_FROM_CONFIG, type StorageCredentialField } from "../../provider/resources/storageCredentials";
import { applyWebhookDefaults } from "../../provider/resources/webhook";
import type { WireMeeting, WirePreset, WireWebhook } from "../../provider/client/wire";
import type { AppSnapshot } from "./readApp";

/** One object to declare. */
export interface DesiredEntry {
  /** Unique per kind; a map key of `realtimekit.yaml` and the Pulumi resource name. */
  readonly key: string;
  /** The object's id in the exported app. */
  readonly id: string;
  /** The resource arguments, camelCase, defaults left out; adoption included when asked for. */
  readonly args: Record<string, unknown>;
}

/** A storage credential the stack config must hold before the first `pulumi up`. */
export interface SecretToSet {
  /** Full stack config key, e.g. `recordings:town-hall-secret`. */
  readonly configKey: string;
  /** The field of `recordingConfig.storageConfig` it fills. */
  readonly field: StorageCredentialField;
  /** The meeting's entry key and id, to say where the value comes from. */
  readonly meetingKey: string;
  readonly meetingId: string;
}

/** The desired state of an app. */
export interface DesiredState {
  readonly accountId: string;
  readonly appId: string;
  readonly appName: string;
  readonly presets: readonly DesiredEntry[];
  readonly webhooks: readonly DesiredEntry[];
  readonly meetings: readonly DesiredEntry[];
  readonly secrets: readonly SecretToSet[];
  /** Whether the entries adopt the exported objects (false: a copy for another app). */
  readonly adopt: boolean;
}

/** Options of {@link desiredStateOf}. */
export interface DesiredStateOptions {
  /**
   * Adopt the exported objects (`adoptExisting`, `adoptMeetingId`), for a stack that takes over
   * this app. `false` writes a copy that creates everything, for a new app.
   */
  readonly adopt: boolean;
  /** Namespace of the stack config keys of storage credentials. @default "recordings" */
  readonly secretNamespace?: string;
}

/** A map key (`[A-Za-z0-9_][A-Za-z0-9_-]*`) from a name: lowercase words joined by `-`, unique in `used`. */
export function uniqueKey(name: string | null | undefined, fallback: string, used: Set<string>): string {
  const slug = (name ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  const base = slug === "" ? fallback : slug;
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

/** Leaves out the keys whose value equals the default. */
function withoutDefaults(args: Record<string, unknown>, defaults: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([key, value]) => value !== undefined && !isEqual(value, defaults[key])));
}

function presetEntry(preset: WirePreset, used: Set<string>, adopt: boolean): DesiredEntry {
  const tree = minimalPresetInput(presetTreeFromWire(preset as WirePreset & Record<string, unknown>));
  return {
    key: uniqueKey(preset.name, "preset", used),
    id: preset.id as string,
    args: { name: preset.name, ...tree, ...(adopt ? { adoptExisting: true } : {}) },
  };
}

const WEBHOOK_DEFAULTS = applyWebhookDefaults({});

function webhookEntry(webhook: WireWebhook, used: Set<string>, adopt: boolean): DesiredEntry {
  const fields = withoutDefaults({ events: [...webhook.events], enabled: webhook.enabled }, WEBHOOK_DEFAULTS);
  return {
    key: uniqueKey(webhook.name, "webhook", used),
    id: webhook.id,
    args: { name: webhook.name, url: webhook.url, ...fields, ...(adopt ? { adoptExisting: true } : {}) },
  };
}

const MEETING_DEFAULTS = applyMeetingDefaults({});

/** The credential fields a storage config of this kind was given (the API never returns them). */
function credentialFieldsOf(storage: Record<string, unknown>): StorageCredentialField[] {
  if (storage.authMethod === "KEY") return ["privateKey"];
  if (storage.authMethod === "PASSWORD" || storage.type === "sftp") return ["password"];
  return ["accessKey", "secret"];
}

/**
 * The meeting's settings as inputs: each of {@link MEETING_FIELDS} the API holds a value for, those
 * equal to their default left out. A `null` is the API's "not set", which inputs say by leaving the
 * key out (and `check()` refuses `null` for the nested configs).
 */
function meetingSettings(meeting: WireMeeting): Record<string, unknown> {
  const camel = convertKeys(meeting, toCamelCase) as Record<string, unknown>;
  const set = MEETING_FIELDS.filter((field) => camel[field] !== null).map((field) => [field, camel[field]]);
  return withoutDefaults(Object.fromEntries(set), MEETING_DEFAULTS);
}

function meetingEntry(meeting: WireMeeting, used: Set<string>, options: DesiredStateOptions, secrets: SecretToSet[]): DesiredEntry {
  const key = uniqueKey(meeting.title, "meeting", used);
  const args = meetingSettings(meeting);
  const recording = args.recordingConfig as Record<string, unknown> | undefined;
  const storage = recording?.storageConfig as Record<string, unknown> | null | undefined;
  if (recording && storage) {
    const references: Record<string, string> = {};
    for (const field of credentialFieldsOf(storage)) {
      const configKey = `${options.secretNamespace ?? "recordings"}:${key}-${field}`;
      references[field] = configKey;
      secrets.push({ configKey, field, meetingKey: key, meetingId: meeting.id });
    }
    args.recordingConfig = { ...recording, storageConfig: { ...storage, [CREDENTIALS_FROM_CONFIG]: references } };
  }
  if (options.adopt) args.adoptMeetingId = meeting.id;
  return { key, id: meeting.id, args };
}

/**
 * The desired state that reproduces what `snapshot` read.
 *
 * @param snapshot - the app as {@link readApp} read it.
 * @param options - adoption, and the namespace of storage-credential config keys.
 */
export function desiredStateOf(snapshot: AppSnapshot, options: DesiredStateOptions): DesiredState {
  const secrets: SecretToSet[] = [];
  const presetKeys = new Set<string>();
  const webhookKeys = new Set<string>();
  const meetingKeys = new Set<string>();
  return {
    accountId: snapshot.accountId,
    appId: snapshot.app.id,
    appName: snapshot.app.name,
    presets: snapshot.presets.map((preset) => presetEntry(preset, presetKeys, options.adopt)),
    webhooks: snapshot.webhooks.map((webhook) => webhookEntry(webhook, webhookKeys, options.adopt)),
    meetings: snapshot.meetings.map((meeting) => meetingEntry(meeting, meetingKeys, options, secrets)),
    secrets,
    adopt: options.adopt,
  };
}
